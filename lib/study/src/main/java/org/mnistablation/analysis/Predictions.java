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

    /** The predicted class's softmax probability of sample {@code i}. */
    public double confidence(int i) {
        int k = evaluation.classes();
        return evaluation.probabilities()[i * k + evaluation.predicted()[i]];
    }

    public String markdown(String modelLabel, Context ctx, HiddenActivity activity, WeightMotion motion) {
        String noun = ctx.noun();
        StringBuilder sb = new StringBuilder("# Task 01 — Prediction analysis\n\n");
        sb.append("_Generated from the test-set predictions of the ").append(modelLabel).append(" (first seed; data: ")
                .append(ctx.dataset().displayName()).append(")._\n\n");
        int wrong = mostConfidentMistakes(Integer.MAX_VALUE).size();
        double se = Stats.binomialSe(evaluation.accuracy(), truth.length);
        sb.append("## Measured\n\nTest accuracy ").append(Unit.PERCENT.value(evaluation.accuracy())).append(" (")
                .append(Analyses.count(truth.length - wrong)).append(" of ").append(Analyses.count(truth.length))
                .append(" correct; binomial standard error ").append(Unit.PERCENT.spread(se)).append("), test loss ")
                .append(Fmt.num(evaluation.loss())).append(".\n\n");
        double[] acc = perClassAccuracy();
        int[] totals = new int[10];
        MarkdownTable t = new MarkdownTable("class", "test images", "accuracy (%)", "binomial SE (pp)");
        int[][] c = confusion();
        for (int k = 0; k < 10; k++) {
            for (int p = 0; p < 10; p++) {
                totals[k] += c[k][p];
            }
            t.row(ctx.className(k), totals[k], totals[k] == 0 ? "—" : Unit.PERCENT.number(acc[k]),
                    totals[k] == 0 ? "—" : Unit.PERCENT.number(Stats.binomialSe(acc[k], totals[k])));
        }
        sb.append(t).append('\n');
        MarkdownTable conf = new MarkdownTable("true", "predicted as", "count");
        for (int[] p : topConfusions(5)) {
            conf.row(ctx.className(p[0]), ctx.className(p[1]), p[2]);
        }
        sb.append("Most frequent confusions:\n\n").append(conf).append('\n');
        MarkdownTable mk = new MarkdownTable("test index", "true", "predicted", "confidence (%)");
        for (Mistake m : mostConfidentMistakes(8)) {
            mk.row(m.index(), ctx.className(m.truth()), ctx.className(m.predicted()), Unit.PERCENT.number(m.confidence()));
        }
        sb.append("Most confident mistakes:\n\n").append(mk).append('\n');
        sb.append("## Findings\n\n");
        List<Integer> present = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            if (totals[k] > 0) {
                present.add(k); // a class with no test image has no accuracy
            }
        }
        present.sort(Comparator.comparingDouble(k -> acc[k]));
        int worst = present.get(0);
        int next = present.get(Math.min(1, present.size() - 1));
        int bestK = present.get(present.size() - 1);
        double z = (acc[next] - acc[worst]) / Math.sqrt(Math.pow(Stats.binomialSe(acc[worst], totals[worst]), 2)
                + Math.pow(Stats.binomialSe(acc[next], totals[next]), 2));
        sb.append("- Lowest per-class accuracy: **").append(ctx.className(worst)).append("** (").append(Unit.PERCENT.value(acc[worst]))
                .append("); highest: **").append(ctx.className(bestK)).append("** (").append(Unit.PERCENT.value(acc[bestK])).append("). ")
                .append(acc[next] == acc[worst] ? ctx.className(worst) + " and " + ctx.className(next) + " tie for the lowest."
                        : z > 1.96 ? "The gap to the next-lowest class (" + ctx.className(next) + ", " + Unit.PERCENT.value(acc[next])
                          + ") is larger than 1.96 combined binomial standard errors."
                        : "The next-lowest class (" + ctx.className(next) + ", " + Unit.PERCENT.value(acc[next])
                          + ") is within 1.96 combined binomial standard errors of it, so on this test set the two are not told apart.")
                .append('\n');
        if (!topConfusions(1).isEmpty()) {
            int[] top = topConfusions(1).get(0);
            sb.append("- The most common error: true class ").append(ctx.className(top[0])).append(" predicted as ")
                    .append(ctx.className(top[1])).append(" (").append(top[2]).append(" of the ").append(wrong)
                    .append(" mistakes).\n");
        }
        int confident = 0;
        int confidentRight = 0;
        double confSum = 0;
        for (int i = 0; i < truth.length; i++) {
            double p = confidence(i);
            if (p > 0.9) {
                confident++;
                confSum += p;
                confidentRight += evaluation.predicted()[i] == truth[i] ? 1 : 0;
            }
        }
        long over90 = mostConfidentMistakes(Integer.MAX_VALUE).stream().filter(m -> m.confidence() > 0.9).count();
        sb.append("- ").append(over90).append(" of the ").append(wrong).append(" mistakes were made with more than 90 % confidence.");
        if (confident > 0) {
            double right = (double) confidentRight / confident;
            double mean = confSum / confident;
            double seR = Stats.binomialSe(right, confident);
            sb.append(" Of the ").append(Analyses.count(confident)).append(" predictions made with more than 90 % confidence, ")
                    .append(Unit.PERCENT.value(right)).append(" were right, at a mean confidence of ").append(Unit.PERCENT.value(mean)).append(": ")
                    .append(Math.abs(right - mean) <= 1.96 * seR ? "within 1.96 binomial standard errors, so at this level the confidence matches the accuracy"
                            : right < mean ? "the model is over-confident at this level" : "the model is under-confident at this level")
                    .append('.');
        }
        sb.append('\n');
        if (activity != null) {
            sb.append("- Forward pass, measured on ").append(Analyses.count(activity.images())).append(" test images: on average ")
                    .append(Unit.PERCENT.value(activity.sharePositive())).append(" of the ").append(activity.units())
                    .append(" hidden units have a positive pre-activation (ReLU passes them on; the others output 0).\n");
        }
        if (motion != null) {
            sb.append("- Training moved the first-layer weights by a mean |Δw| of ").append(Fmt.num(motion.meanMoveLive()))
                    .append(" (initial mean |w| ").append(Fmt.num(motion.initialMeanAbs())).append(") for the ")
                    .append(motion.livePixels()).append(" pixels that are lit in some training image");
            if (motion.deadPixels() == 0) {
                sb.append("; every pixel is lit in some training image, so no weight is cut off from the gradient.\n");
            } else {
                sb.append("; of the weights of the ").append(motion.deadPixels())
                        .append(" pixels that are zero in every training image, ")
                        .append(Unit.PERCENT.value(motion.shareUnmovedDead())).append(" did not move at all.\n");
            }
        }
        sb.append("\n## Questions\n\n");
        sb.append("**1. How does the model compute a prediction (the forward pass)?** Background in the notebook's markdown; ")
                .append(activity != null ? "measured: the share of active hidden units above.\n\n" : "not measured here.\n\n");
        sb.append("**2. What do ReLU and softmax contribute?** Measured: ").append(activity != null
                ? "how many hidden units ReLU passes on, and " : "").append("how the "
                + "softmax confidence compares with the accuracy above. Background: softmax turns the 10 scores into "
                + "probabilities that sum to 1.\n\n");
        sb.append("**3. How did Adam shape the updates?** ").append(motion != null
                ? "Measured in part: how far the weights moved from their initial values, split by pixels that never carry "
                  + "ink in the training set. Background: Adam scales each weight's step by running averages of its "
                  + "gradient and squared gradient; a weight whose gradient is always zero is never moved.\n"
                : "Background only: Adam scales each weight's step by running averages of its gradient and squared gradient.\n");
        return sb.toString();
    }
}
