package org.mnistablation.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A user's digit image with both preprocessings; {@code expected} is the digit the file name starts with
 * (e.g. {@code 7_phone.png}), or -1 when the name does not say. {@code naive} is the seed's 28×28 input (exactly as
 * OpenCV computes it), {@code opencv} the grey image it was resized from, {@code steps} every step of MNIST-style
 * preprocessing ({@code mnistStyle} is its result). {@code problem} is set (and {@code mnistStyle}, {@code steps}
 * are null) when the image cannot be used, e.g. a blank page. {@code notes} say what was done beyond the usual
 * (EXIF rotation, subsampled decoding); {@code transparent} tells that some pixels are transparent (composited for
 * MNIST-style preprocessing), {@code orientation} the EXIF orientation applied (1 = none).
 */
public record CustomDigit(Path file, int expected, float[] naive, float[] mnistStyle, String problem, CvGrey opencv,
                          Preprocessing.MnistSteps steps, DigitFeatures features, boolean transparent, int orientation,
                          List<String> notes) {

    public String name() {
        return file.getFileName().toString();
    }

    /** Reads and preprocesses one image; an unreadable file throws, a blank one is returned with its problem. */
    public static CustomDigit load(Path file) {
        ImageLoader.Decoded d = ImageLoader.decode(file);
        float[] naive = Preprocessing.naive(d.opencv());
        int expected = expectedLabel(file);
        ImageLoader.Grey g = d.composite();
        try {
            Preprocessing.MnistSteps steps = Preprocessing.mnistSteps(g, file.getFileName().toString());
            DigitFeatures f = DigitFeatures.measure(d.opencv(), d.transparent(), steps.stretched().values(), g.width(),
                    g.height(), steps.strokeWidth());
            return new CustomDigit(file, expected, naive, steps.result(), null, d.opencv(), steps, f, d.transparent(),
                    d.orientation(), d.notes());
        } catch (DigitImageException e) {
            DigitFeatures f = DigitFeatures.measure(d.opencv(), d.transparent(), new float[g.values().length], g.width(),
                    g.height(), 0);
            return new CustomDigit(file, expected, naive, null, e.getMessage(), d.opencv(), null, f, d.transparent(),
                    d.orientation(), d.notes());
        }
    }

    /** The PNG/JPEG files of a folder, sorted by name. */
    public static List<Path> list(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new DigitImageException("no folder " + folder.toAbsolutePath() + ": create it and put PNG or JPEG digits in it");
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return Files.isRegularFile(p) && (n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg"));
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int expectedLabel(Path file) {
        String n = file.getFileName().toString();
        return !n.isEmpty() && Character.isDigit(n.charAt(0)) ? n.charAt(0) - '0' : -1;
    }
}
