package org.mnistablation.study;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.mnistablation.plot.Panels;

/**
 * Where a study's outputs go: charts under {@code results/<kind>/}, analyses under {@code submission/}, each under a
 * {@code fashion-mnist/} folder for Fashion-MNIST, and everything under {@code test-output/quick/} in quick mode.
 *
 * @param root    the project folder
 * @param dataset "mnist" or "fashion-mnist"
 * @param quick   quick mode
 */
public record OutputLayout(Path root, String dataset, boolean quick) {

    /** {@code results/<kind>/<file>}. */
    public Path resultFile(String kind, String file) {
        return outputDir("results").resolve(kind).resolve(file);
    }

    /** {@code submission/<file>}. */
    public Path submissionFile(String file) {
        return outputDir("submission").resolve(file);
    }

    private Path outputDir(String top) {
        String folder = "mnist".equals(dataset) ? top : top + "/" + dataset;
        return (quick ? root.resolve("test-output").resolve("quick") : root).resolve(folder);
    }

    /** The saved notebook of {@code task}: {@code notebooks/<task>.ipynb}, or the overview {@code notebook.ipynb}. */
    public Path notebookFile(String task) {
        Path book = root.resolve("notebooks").resolve(task + ".ipynb");
        return Files.isRegularFile(book) ? book : root.resolve("notebook.ipynb");
    }

    /** Saves {@code image} as {@code results/<kind>/<file>} and returns it. */
    public BufferedImage figure(BufferedImage image, String kind, String file) {
        Panels.save(image, resultFile(kind, file));
        return image;
    }

    /** Writes {@code text} to {@code submission/<file>} and returns that file's path relative to the project. */
    public Path writeSubmission(String file, String text) {
        Path target = submissionFile(file);
        try {
            Files.createDirectories(target.getParent());
            Files.writeString(target, text);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + target + ": " + e.getMessage(), e);
        }
        return root.relativize(target);
    }

    /** A file-name-safe form of a label: "dropout 0.1" → "dropout_0.1". */
    public static String slug(String label) {
        return label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.+-]+", "_").replaceAll("^_|_$", "");
    }
}
