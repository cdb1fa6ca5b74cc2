package org.mnistablation.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A dataset in MNIST's IDX layout: its name, the prefix of its settings, known system directories, download
 * mirrors and the canonical MD5 of each compressed file.
 *
 * <p>The settings prefix {@code p} gives the system properties {@code p.dir} and {@code p.mirror} and the
 * environment variables {@code P_DIR} and {@code P_MIRROR} (dots become underscores, upper case): for MNIST
 * {@code -Dmnist.dir} / {@code MNIST_DIR} and {@code -Dmnist.mirror} / {@code MNIST_MIRROR}, for Fashion-MNIST
 * {@code -Dfashion.mnist.dir} / {@code FASHION_MNIST_DIR} and so on.
 */
public record DatasetSpec(String name, String settingsPrefix, List<String> systemDirs, List<String> mirrors,
                          Map<String, String> md5) {

    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";
    public static final List<String> FILES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

    /** MNIST: the ossci-datasets S3 mirror first (PyTorch's), then the cvdf-datasets bucket (TensorFlow's). */
    public static final DatasetSpec MNIST = new DatasetSpec("mnist", "mnist", List.of(),
            List.of("https://ossci-datasets.s3.amazonaws.com/mnist/",
                    "https://storage.googleapis.com/cvdf-datasets/mnist/"),
            Map.of(TRAIN_IMAGES, "f68b3c2dcbeaaa9fbdd348bbdeb94873",
                    TRAIN_LABELS, "d53e105ee54ea40749a09fcbcd1e9432",
                    TEST_IMAGES, "9fb629c4189551a2d022fa330f9573f3",
                    TEST_LABELS, "ec29112dd5afa0611ce80d1b7f02629c"));

    /**
     * Fashion-MNIST: Debian's {@code dataset-fashion-mnist} installs the four files in
     * {@code /usr/share/datasets/fashion-mnist} (its .gz files are recompressed, so their MD5 differs from Zalando's);
     * the download comes from Zalando's S3 website endpoint, which serves plain HTTP only (the MD5 check guards it).
     */
    public static final DatasetSpec FASHION_MNIST = new DatasetSpec("fashion-mnist", "fashion.mnist",
            List.of("/usr/share/datasets/fashion-mnist"),
            List.of("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
            Map.of(TRAIN_IMAGES, "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
                    TRAIN_LABELS, "25c81989df183df01b3e8a0aad5dffbe",
                    TEST_IMAGES, "bef4ecab320f06d8554ea6380940ec79",
                    TEST_LABELS, "bb300cfdad3c16e7a12a480ee83cd310"));

    public DatasetSpec {
        if (name == null || name.isBlank() || settingsPrefix == null || settingsPrefix.isBlank()) {
            throw new IllegalArgumentException("a dataset needs a name and a settings prefix");
        }
        systemDirs = List.copyOf(systemDirs);
        mirrors = List.copyOf(mirrors);
        md5 = Map.copyOf(md5);
    }

    /** "mnist" or "fashion-mnist" (also "fashion"). */
    public static DatasetSpec byName(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (n) {
            case "mnist" -> MNIST;
            case "fashion-mnist", "fashion", "fashionmnist" -> FASHION_MNIST;
            default -> throw new IllegalArgumentException("dataset: unknown name '" + name
                    + "'; use mnist or fashion-mnist");
        };
    }

    /** The class names, in label order: "0" … "9" for MNIST, Zalando's names for Fashion-MNIST. */
    public List<String> classNames() {
        return "fashion-mnist".equals(name)
                ? List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
                        "Ankle boot")
                : List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    }

    /** What one image shows: "digit" (MNIST) or "item" (Fashion-MNIST). */
    public String itemNoun() {
        return "fashion-mnist".equals(name) ? "item" : "digit";
    }

    /** The dataset's name as written in prose: "MNIST", "Fashion-MNIST". */
    public String displayName() {
        return "fashion-mnist".equals(name) ? "Fashion-MNIST" : "MNIST";
    }

    /** True when the images are handwritten digits (so a user's own drawn digits can be scored against them). */
    public boolean handwrittenDigits() {
        return "mnist".equals(name);
    }

    /** System property naming a directory that holds the four files, e.g. {@code mnist.dir}. */
    public String dirProperty() {
        return settingsPrefix + ".dir";
    }

    /** Environment variable naming that directory, e.g. {@code MNIST_DIR}. */
    public String dirEnv() {
        return envName(dirProperty());
    }

    private static String envName(String property) {
        return property.replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /**
     * Where {@code file} (one of {@link #FILES}) lives in {@code dir}: the {@code .gz} file, or else the same name
     * without {@code .gz} (an uncompressed copy); the {@code .gz} path when neither exists.
     */
    public static Path resolve(Path dir, String file) {
        Path gz = dir.resolve(file);
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        Path raw = dir.resolve(file.endsWith(".gz") ? file.substring(0, file.length() - 3) : file);
        return Files.isRegularFile(raw) ? raw : gz;
    }
}
