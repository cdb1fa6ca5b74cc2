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

    /** The predicted class's softmax probability of sample {@code i}. */
    public double confidence(int i) {
        int k = evaluation.classes();
        return evaluation.probabilities()[i * k + evaluation.predicted()[i]];
    }

    /** Share of test predictions made with a confidence above {@code level}. */
    public double confidentShare(double level) {
        long n = java.util.stream.IntStream.range(0, truth.length).filter(i -> confidence(i) > level).count();
        return (double) n / truth.length;
    }

    /** Accuracy of the predictions made with a confidence above {@code level} (NaN when there are none). */
    public double confidentAccuracy(double level) {
        long n = 0;
        long right = 0;
        for (int i = 0; i < truth.length; i++) {
            if (confidence(i) > level) {
                n++;
                right += evaluation.predicted()[i] == truth[i] ? 1 : 0;
            }
        }
        return n == 0 ? Double.NaN : (double) right / n;
    }

    /** Mean confidence of the predictions made with a confidence above {@code level} (NaN when there are none). */
    public double meanConfidence(double level) {
        return java.util.stream.IntStream.range(0, truth.length).mapToDouble(this::confidence).filter(c -> c > level)
                .average().orElse(Double.NaN);
    }
}
