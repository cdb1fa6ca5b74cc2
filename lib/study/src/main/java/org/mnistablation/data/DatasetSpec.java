package org.mnistablation.data;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A dataset in MNIST's IDX layout: its four file names, where it may be found, where it can be downloaded
 * and the canonical MD5 of each compressed file.
 */
public record DatasetSpec(String name, String dirProperty, String dirEnv, List<String> systemDirs,
                          List<String> mirrors, Map<String, String> md5) {

    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";
    public static final List<String> FILES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

    public static final DatasetSpec MNIST = new DatasetSpec("mnist", "mnist.dir", "MNIST_DIR", List.of(),
            List.of("https://ossci-datasets.s3.amazonaws.com/mnist/",
                    "https://storage.googleapis.com/cvdf-datasets/mnist/"),
            Map.of(TRAIN_IMAGES, "f68b3c2dcbeaaa9fbdd348bbdeb94873",
                    TRAIN_LABELS, "d53e105ee54ea40749a09fcbcd1e9432",
                    TEST_IMAGES, "9fb629c4189551a2d022fa330f9573f3",
                    TEST_LABELS, "ec29112dd5afa0611ce80d1b7f02629c"));

    public static final DatasetSpec FASHION_MNIST = new DatasetSpec("fashion-mnist", "fashion.mnist.dir",
            "FASHION_MNIST_DIR", List.of("/usr/share/datasets/fashion-mnist"),
            List.of("https://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
            Map.of(TRAIN_IMAGES, "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
                    TRAIN_LABELS, "25c81989df183df01b3e8a0aad5dffbe",
                    TEST_IMAGES, "bef4ecab320f06d8554ea6380940ec79",
                    TEST_LABELS, "bb300cfdad3c16e7a12a480ee83cd310"));

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
}
