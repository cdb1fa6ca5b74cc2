package org.mnistablation.study;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.mnistablation.cache.RunResult;
import org.mnistablation.image.CustomDigit;
import org.mnistablation.image.DigitImageException;

/**
 * A model's predictions for every usable image in a folder, through both preprocessings. Files that cannot be
 * read are skipped with a printed reason; blank images are kept with their problem (no MNIST-style prediction).
 */
public record CustomPredictions(List<CustomDigit> digits, List<float[]> naive, List<float[]> mnistStyle) {

    /** Predictions of a trained run's network. */
    public static CustomPredictions of(RunResult model, Path folder) {
        return predictAll(inputs -> Views.predict(model, inputs), folder);
    }

    /**
     * Predictions of any model given as a function from one 784-pixel image (row-major 28×28, ink 1 on 0) to its 10
     * softmax probabilities.
     */
    public static CustomPredictions of(Function<float[], float[]> model, Path folder) {
        return predictAll(inputs -> inputs.stream().map(model).toArray(float[][]::new), folder);
    }

    private interface Batch {
        float[][] predict(List<float[]> inputs);
    }

    private static CustomPredictions predictAll(Batch model, Path folder) {
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
        List<float[]> naive = List.of(model.predict(digits.stream().map(CustomDigit::naive).toList()));
        List<float[]> usable = digits.stream().map(CustomDigit::mnistStyle).filter(java.util.Objects::nonNull).toList();
        float[][] probs = usable.isEmpty() ? new float[0][] : model.predict(usable);
        List<float[]> mnist = new ArrayList<>();
        int k = 0;
        for (CustomDigit d : digits) {
            mnist.add(d.mnistStyle() == null ? null : probs[k++]);
        }
        return new CustomPredictions(digits, naive, mnist);
    }
}
