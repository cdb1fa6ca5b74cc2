package org.mnistablation.study;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mnistablation.cache.RunResult;
import org.mnistablation.image.CustomDigit;
import org.mnistablation.image.DigitImageException;

/**
 * A model's predictions for every usable image in a folder, through both preprocessings. Files that cannot be
 * read are skipped with a printed reason; blank images are kept with their problem (no MNIST-style prediction).
 */
public record CustomPredictions(List<CustomDigit> digits, List<float[]> naive, List<float[]> mnistStyle) {

    public static CustomPredictions of(RunResult model, Path folder) {
        List<CustomDigit> digits = new ArrayList<>();
        for (Path p : CustomDigit.list(folder)) {
            try {
                digits.add(CustomDigit.load(p));
            } catch (DigitImageException e) {
                System.out.println("skipped " + p.getFileName() + ": " + e.getMessage());
            }
        }
        if (digits.isEmpty()) {
            throw new DigitImageException("no usable PNG or JPEG digits in " + folder.toAbsolutePath());
        }
        List<float[]> naive = List.of(Views.predict(model, digits.stream().map(CustomDigit::naive).toList()));
        List<float[]> usable = digits.stream().map(CustomDigit::mnistStyle).filter(java.util.Objects::nonNull).toList();
        float[][] probs = usable.isEmpty() ? new float[0][] : Views.predict(model, usable);
        List<float[]> mnist = new ArrayList<>();
        int k = 0;
        for (CustomDigit d : digits) {
            mnist.add(d.mnistStyle() == null ? null : probs[k++]);
        }
        return new CustomPredictions(digits, naive, mnist);
    }
}
