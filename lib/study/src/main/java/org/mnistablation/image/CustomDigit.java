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
 * (e.g. {@code 7_phone.png}), or -1 when the name does not say. {@code problem} is set (and {@code mnistStyle} is
 * null) when the image cannot be used, e.g. a blank page.
 */
public record CustomDigit(Path file, int expected, float[] naive, float[] mnistStyle, String problem) {

    public String name() {
        return file.getFileName().toString();
    }

    /** Reads and preprocesses one image; an unreadable file throws, a blank one is returned with its problem. */
    public static CustomDigit load(Path file) {
        ImageLoader.Grey g = ImageLoader.read(file);
        float[] naive = Preprocessing.naive(g);
        int expected = expectedLabel(file);
        try {
            return new CustomDigit(file, expected, naive, Preprocessing.mnistStyle(g, file.getFileName().toString()), null);
        } catch (DigitImageException e) {
            return new CustomDigit(file, expected, naive, null, e.getMessage());
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
