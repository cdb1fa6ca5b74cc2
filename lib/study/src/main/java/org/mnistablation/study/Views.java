package org.mnistablation.study;

import java.awt.Image;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.mnistablation.analysis.Predictions;
import org.mnistablation.cache.RunResult;
import org.mnistablation.data.LabeledImages;
import org.mnistablation.image.CustomDigit;
import org.mnistablation.plot.Bars;
import org.mnistablation.plot.Panels;
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
        MultiLayerNetwork net = run.network();
        INDArray x = Nd4j.create(inputs.toArray(new float[0][]));
        return net.output(x, false).toFloatMatrix();
    }

    /** A custom digit: the original (thumbnail), then each preprocessing with its probabilities. */
    public static BufferedImage customDigit(CustomDigit d, float[] naiveProbs, float[] mnistProbs) {
        BufferedImage thumb = thumbnail(d);
        BufferedImage naive = Pictures.probabilities("seed's naive resize", d.naive(), naiveProbs, d.expected());
        if (d.mnistStyle() == null) {
            return Panels.sideBySide(thumb, naive);
        }
        BufferedImage mnist = Pictures.probabilities("MNIST-style preprocessing", d.mnistStyle(), mnistProbs, d.expected());
        return Panels.sideBySide(thumb, naive, mnist);
    }

    static BufferedImage thumbnail(CustomDigit d) {
        BufferedImage src;
        try {
            src = javax.imageio.ImageIO.read(d.file().toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        int side = 200;
        double s = (double) side / Math.max(src.getWidth(), src.getHeight());
        int w = Math.max(1, (int) (src.getWidth() * s));
        int h = Math.max(1, (int) (src.getHeight() * s));
        BufferedImage out = new BufferedImage(side + 20, side + 60, BufferedImage.TYPE_INT_RGB);
        var g = out.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setColor(java.awt.Color.BLACK);
        g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 13));
        g.drawString(d.name().length() > 28 ? d.name().substring(0, 27) + "…" : d.name(), 10, 22);
        g.drawImage(src.getScaledInstance(w, h, Image.SCALE_AREA_AVERAGING), 10, 40, null);
        g.setColor(java.awt.Color.LIGHT_GRAY);
        g.drawRect(10, 40, w, h);
        g.dispose();
        return out;
    }
}
