package org.mnistablation.study;

import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.mnistablation.analysis.Predictions;
import org.mnistablation.cache.RunResult;
import org.mnistablation.data.LabeledImages;
import org.mnistablation.analysis.CustomDigitAnalysis;
import org.mnistablation.image.CustomDigit;
import org.mnistablation.image.Thumbnails;
import org.mnistablation.plot.Bars;
import org.mnistablation.plot.DigitStrip;
import org.mnistablation.plot.Pictures;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The figures the notebooks show that combine data, predictions and pictures. */
public final class Views {

    private Views() {
    }

    /** Test digits {@code indices} with "pred p (confidence) / true t" captions; wrong ones in red. */
    public static BufferedImage predictionGrid(String title, LabeledImages test, RunResult run, int[] indices, int columns) {
        float[][] images = new float[indices.length][];
        String[] captions = new String[indices.length];
        boolean[] wrong = new boolean[indices.length];
        for (int i = 0; i < indices.length; i++) {
            int k = indices[i];
            int p = run.test().predicted()[k];
            images[i] = test.image(k);
            captions[i] = String.format(java.util.Locale.ROOT, "#%d pred %d (%.0f%%)\ntrue %d", k, p,
                    100 * run.test().probabilities()[k * 10 + p], test.labels()[k]);
            wrong[i] = p != test.labels()[k];
        }
        return Pictures.digitGrid(title, images, captions, wrong, columns);
    }

    /** The index of the first image of each class 0..9 (classes that do not occur are left out). */
    public static int[] firstOfEachClass(LabeledImages data) {
        int[] first = new int[10];
        java.util.Arrays.fill(first, -1);
        for (int i = 0; i < data.count(); i++) {
            if (first[data.labels()[i]] < 0) {
                first[data.labels()[i]] = i;
            }
        }
        return java.util.Arrays.stream(first).filter(i -> i >= 0).toArray();
    }

    /** {@code count} distinct random test indices (seeded, so the notebook shows the same ones every run). */
    public static int[] randomIndices(int count, int bound, long seed) {
        return new Random(seed).ints(0, bound).distinct().limit(count).toArray();
    }

    /** The test image {@code index} next to its softmax probabilities. */
    public static BufferedImage probabilities(LabeledImages test, RunResult run, int index) {
        return Pictures.probabilities("Test image #" + index + " (true " + test.labels()[index] + ")", test.image(index),
                run.test().probabilitiesOf(index), test.labels()[index]);
    }

    /** The most confident mistakes as a grid. */
    public static BufferedImage mistakes(LabeledImages test, RunResult run, int count) {
        int[] idx = new Predictions(run.test(), test.labels()).mostConfidentMistakes(count).stream()
                .mapToInt(Predictions.Mistake::index).toArray();
        return predictionGrid("Most confident mistakes", test, run, idx, Math.min(8, Math.max(1, idx.length)));
    }

    /** Per-class test accuracy as bars. */
    public static BufferedImage perClassAccuracy(LabeledImages test, RunResult run) {
        double[] acc = new Predictions(run.test(), test.labels()).perClassAccuracy();
        Map<String, Double> m = new LinkedHashMap<>();
        for (int k = 0; k < acc.length; k++) {
            m.put(String.valueOf(k), acc[k]);
        }
        return Bars.bar("Test accuracy per class", "accuracy", m);
    }

    /** Softmax outputs of {@code run}'s model for 784-pixel inputs. */
    public static float[][] predict(RunResult run, List<float[]> inputs) {
        MultiLayerNetwork net = run.buildNetwork();
        INDArray x = Nd4j.create(inputs.toArray(new float[0][]));
        return net.output(x, false).toFloatMatrix();
    }

    /**
     * A custom digit, every step on screen: the seed's pipeline (the original, OpenCV's grey image, its 28×28 input)
     * and MNIST-style preprocessing (grey, inverted, contrast-stretched, cropped, thickened when the pen is thin,
     * scaled to 20 px, centred by mass), drawn as the model sees them (ink white on black), each row with its
     * top-3 probabilities.
     */
    public static BufferedImage customDigit(CustomDigit d, float[] naiveProbs, float[] mnistProbs) {
        List<DigitStrip.Panel> naive = new java.util.ArrayList<>();
        naive.add(new DigitStrip.Panel("original file", Thumbnails.original(d.file(), d.orientation(), DigitStrip.BOX)));
        naive.add(new DigitStrip.Panel("cv2.imread GRAYSCALE\n" + d.opencv().width() + "x" + d.opencv().height(),
                DigitStrip.brightness(d.opencv().unit(), d.opencv().width(), d.opencv().height())));
        naive.add(new DigitStrip.Panel("cv2.resize, /255\n28x28 = model input", DigitStrip.brightness(d.naive(), 28, 28)));
        List<DigitStrip.Row> rows = new java.util.ArrayList<>();
        rows.add(new DigitStrip.Row("Seed's pipeline (OpenCV, exactly)", naive, verdict("naive", naiveProbs, d.expected()),
                wrong(naiveProbs, d.expected())));
        if (d.steps() == null) {
            rows.add(new DigitStrip.Row("MNIST-style", List.of(), "MNIST-style: " + d.problem(), true));
        } else {
            var s = d.steps();
            List<DigitStrip.Panel> m = new java.util.ArrayList<>();
            m.add(new DigitStrip.Panel((d.transparent() ? "grey, alpha composited" : "grey") + "\n" + s.grey().width() + "x"
                    + s.grey().height(),
                    DigitStrip.brightness(s.grey().values(), s.grey().width(), s.grey().height())));
            m.add(new DigitStrip.Panel((s.lightPaper() ? "inverted" : "not inverted") + ",\npaper subtracted",
                    DigitStrip.brightness(s.inverted().values(), s.inverted().width(), s.inverted().height())));
            m.add(new DigitStrip.Panel("contrast-stretched", DigitStrip.brightness(s.stretched().values(),
                    s.stretched().width(), s.stretched().height())));
            m.add(new DigitStrip.Panel("cropped to the ink\n" + s.cropped().width() + "x" + s.cropped().height(),
                    DigitStrip.brightness(s.cropped().values(), s.cropped().width(), s.cropped().height())));
            if (s.thickened() != null) {
                m.add(new DigitStrip.Panel(String.format(java.util.Locale.ROOT, "thickened by %d px\n(stroke was %.1f px)",
                        s.thickenRadius(), s.strokeWidth()), DigitStrip.brightness(s.thickened().values(), s.thickened().width(),
                        s.thickened().height())));
            } else {
                m.add(new DigitStrip.Panel(String.format(java.util.Locale.ROOT, "not thickened\n(stroke %.1f px)", s.strokeWidth()), null));
            }
            m.add(new DigitStrip.Panel("scaled to 20 px\n" + s.scaled().width() + "x" + s.scaled().height(),
                    DigitStrip.brightness(s.scaled().values(), s.scaled().width(), s.scaled().height())));
            m.add(new DigitStrip.Panel("centred by mass\n28x28 = model input", DigitStrip.brightness(s.result(), 28, 28)));
            rows.add(new DigitStrip.Row("MNIST-style preprocessing", m, verdict("MNIST-style", mnistProbs, d.expected()),
                    wrong(mnistProbs, d.expected())));
        }
        return DigitStrip.strip(d.name() + (d.expected() >= 0 ? " (drawn: " + d.expected() + ")" : ""), rows);
    }

    static String verdict(String pipeline, float[] probs, int expected) {
        return pipeline + ": top-3 " + CustomDigitAnalysis.top3(probs)
                + (expected < 0 ? "" : wrong(probs, expected) ? "  (wrong: drawn " + expected + ")" : "  (right)");
    }

    static boolean wrong(float[] probs, int expected) {
        return expected >= 0 && CustomDigitAnalysis.top(probs, 1)[0] != expected;
    }
}
