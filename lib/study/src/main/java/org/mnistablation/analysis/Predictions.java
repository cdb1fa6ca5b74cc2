package org.mnistablation.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.mnistablation.train.Evaluation;

/** A model's test-set predictions against the truth: confusion matrix, per-class accuracy, confident mistakes. */
public record Predictions(Evaluation evaluation, int[] truth) {

    public Predictions {
        if (evaluation.count() != truth.length) {
            throw new IllegalArgumentException(evaluation.count() + " predictions for " + truth.length + " labels");
        }
    }

    /** One wrong prediction. */
    public record Mistake(int index, int truth, int predicted, double confidence) {
    }

    /** counts[true][predicted]. */
    public int[][] confusion() {
        int[][] c = new int[10][10];
        for (int i = 0; i < truth.length; i++) {
            c[truth[i]][evaluation.predicted()[i]]++;
        }
        return c;
    }

    public double[] perClassAccuracy() {
        int[][] c = confusion();
        double[] acc = new double[10];
        for (int k = 0; k < 10; k++) {
            int total = 0;
            for (int p = 0; p < 10; p++) {
                total += c[k][p];
            }
            acc[k] = total == 0 ? Double.NaN : (double) c[k][k] / total;
        }
        return acc;
    }

    /** The {@code n} wrong predictions with the highest softmax probability for the wrong class. */
    public List<Mistake> mostConfidentMistakes(int n) {
        List<Mistake> m = new ArrayList<>();
        for (int i = 0; i < truth.length; i++) {
            int p = evaluation.predicted()[i];
            if (p != truth[i]) {
                m.add(new Mistake(i, truth[i], p, evaluation.probabilities()[i * 10 + p]));
            }
        }
        m.sort(Comparator.comparingDouble(Mistake::confidence).reversed());
        return m.subList(0, Math.min(n, m.size()));
    }

    /** The most frequent (true → predicted) confusions, most frequent first. */
    public List<int[]> topConfusions(int n) {
        int[][] c = confusion();
        List<int[]> pairs = new ArrayList<>();
        for (int t = 0; t < 10; t++) {
            for (int p = 0; p < 10; p++) {
                if (t != p && c[t][p] > 0) {
                    pairs.add(new int[]{t, p, c[t][p]});
                }
            }
        }
        pairs.sort((a, b) -> b[2] - a[2]);
        return pairs.subList(0, Math.min(n, pairs.size()));
    }

    public String markdown(String modelLabel) {
        StringBuilder sb = new StringBuilder("# Task 01 — Prediction analysis\n\n");
        sb.append("_Generated from the test-set predictions of the ").append(modelLabel).append("._\n\n");
        sb.append("## Measured\n\nTest accuracy ").append(Fmt.pct(evaluation.accuracy())).append(" (")
                .append(truth.length - mostConfidentMistakes(Integer.MAX_VALUE).size()).append(" of ").append(truth.length)
                .append(" correct), test loss ").append(Fmt.num(evaluation.loss())).append(".\n\n");
        double[] acc = perClassAccuracy();
        MarkdownTable t = new MarkdownTable("digit", "test images", "accuracy");
        int[][] c = confusion();
        for (int k = 0; k < 10; k++) {
            int total = 0;
            for (int p = 0; p < 10; p++) {
                total += c[k][p];
            }
            t.row(k, total, Fmt.pct(acc[k]));
        }
        sb.append(t).append('\n');
        MarkdownTable conf = new MarkdownTable("true", "predicted as", "count");
        for (int[] p : topConfusions(5)) {
            conf.row(p[0], p[1], p[2]);
        }
        sb.append("Most frequent confusions:\n\n").append(conf).append('\n');
        MarkdownTable mk = new MarkdownTable("test index", "true", "predicted", "confidence");
        for (Mistake m : mostConfidentMistakes(8)) {
            mk.row(m.index(), m.truth(), m.predicted(), Fmt.pct(m.confidence()));
        }
        sb.append("Most confident mistakes:\n\n").append(mk).append('\n');
        int worst = 0;
        int bestK = 0;
        for (int k = 1; k < 10; k++) {
            if (acc[k] < acc[worst]) {
                worst = k;
            }
            if (acc[k] > acc[bestK]) {
                bestK = k;
            }
        }
        sb.append("## Findings\n\n- Hardest digit: **").append(worst).append("** (").append(Fmt.pct(acc[worst]))
                .append("); easiest: **").append(bestK).append("** (").append(Fmt.pct(acc[bestK])).append(").\n");
        if (!topConfusions(1).isEmpty()) {
            int[] top = topConfusions(1).get(0);
            sb.append("- The most common error is a ").append(top[0]).append(" read as ").append(top[1]).append(" (")
                    .append(top[2]).append(" times).\n");
        }
        List<Mistake> confident = mostConfidentMistakes(Integer.MAX_VALUE);
        long over90 = confident.stream().filter(m -> m.confidence() > 0.9).count();
        sb.append("- ").append(over90).append(" of the ").append(confident.size())
                .append(" mistakes were made with more than 90% confidence: a softmax probability is not a calibrated "
                        + "certainty. Look at those images in the grid above to judge them yourself.\n");
        return sb.toString();
    }
}
