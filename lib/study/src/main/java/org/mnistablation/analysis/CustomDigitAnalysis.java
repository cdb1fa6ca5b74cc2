package org.mnistablation.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.stream.Collectors;
import org.mnistablation.image.CustomDigit;
import org.mnistablation.image.Deviation;
import org.mnistablation.image.DigitFeatures;

/** Task02: the seed's naive pipeline (OpenCV, exactly) against MNIST-style preprocessing on the user's own images. */
public final class CustomDigitAnalysis {

    private CustomDigitAnalysis() {
    }

    static int argmax(float[] p) {
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return best;
    }

    /** The {@code k} most probable classes, best first. */
    public static int[] top(float[] p, int k) {
        Integer[] idx = new Integer[p.length];
        for (int i = 0; i < p.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> Float.compare(p[b], p[a]));
        int[] out = new int[Math.min(k, p.length)];
        for (int i = 0; i < out.length; i++) {
            out[i] = idx[i];
        }
        return out;
    }

    /** "7 99.1% · 1 0.5% · 3 0.2%". */
    public static String top3(float[] p) {
        return java.util.Arrays.stream(top(p, 3)).mapToObj(k -> k + " " + Fmt.pct(p[k])).collect(Collectors.joining(" · "));
    }

    /** The attribution cases of the labelled images. */
    public static List<NaiveFailureAttribution.Case> cases(List<CustomDigit> digits, List<float[]> naive) {
        List<NaiveFailureAttribution.Case> cases = new ArrayList<>();
        for (int i = 0; i < digits.size(); i++) {
            CustomDigit d = digits.get(i);
            int pn = argmax(naive.get(i));
            cases.add(new NaiveFailureAttribution.Case(d.name(), d.expected(), d.features().deviations(), pn, naive.get(i)[pn]));
        }
        return cases;
    }

    /**
     * Answers first: {@code Q1} (does the model read these digits through the seed's pipeline, and after MNIST-style
     * preprocessing), {@code Q2} (what made the naive pipeline fail), {@code Q3} (does the seed's failure reproduce),
     * each under the notebook's own words for it; then one row per image and the measurements.
     * {@code naive.get(i)}/{@code mnist.get(i)} are the softmax outputs (mnist null if unusable).
     */
    public static String markdown(List<CustomDigit> digits, List<float[]> naive, List<float[]> mnist, String modelLabel,
                                  Map<String, String> questions) {
        MarkdownTable t = new MarkdownTable("image", "drawn digit", "differs from MNIST by (measured)",
                "naive (cv2): top-3", "MNIST-style: top-3");
        int labelled = 0;
        int naiveRight = 0;
        int mnistRight = 0;
        List<String> mnistWrong = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < digits.size(); i++) {
            CustomDigit d = digits.get(i);
            int pn = argmax(naive.get(i));
            String m;
            if (mnist.get(i) == null) {
                m = "— (" + d.problem() + ")";
            } else {
                int pm = argmax(mnist.get(i));
                m = top3(mnist.get(i));
                if (d.expected() >= 0 && pm == d.expected()) {
                    mnistRight++;
                } else if (d.expected() >= 0) {
                    mnistWrong.add(d.name() + " as " + pm + " (" + Fmt.pct(mnist.get(i)[pm]) + ")");
                }
            }
            if (d.expected() >= 0) {
                labelled++;
                if (pn == d.expected()) {
                    naiveRight++;
                }
            }
            String devs = d.features().deviations().isEmpty() ? "nothing measured"
                    : d.features().deviations().stream().map(Deviation::description).collect(Collectors.joining(", "));
            t.row(d.name(), d.expected() >= 0 ? String.valueOf(d.expected()) : "?", devs, top3(naive.get(i)), m);
            notes.addAll(d.notes());
        }
        NaiveFailureAttribution.Attribution why = NaiveFailureAttribution.attribute(cases(digits, naive));
        StringBuilder sb = new StringBuilder("# Task 02 — Custom handwritten digits\n\n");
        sb.append("_Generated from the images in `notebooks/custom_digits/` and the ").append(modelLabel).append("._\n\n");
        sb.append("## Answers\n\n**").append(questions.getOrDefault("Q1", "Q1")).append("** ");
        if (labelled == 0) {
            sb.append("**Not tested.** No file name starts with the digit drawn, so no prediction can be scored.\n\n");
        } else {
            sb.append(naiveRight == labelled ? "**Yes.** " : naiveRight == 0 ? "**No.** " : "**Partly.** ")
                    .append("Through the seed's pipeline ").append(naiveRight).append(" of ").append(labelled)
                    .append(" images are read as the digit drawn; after MNIST-style preprocessing ").append(mnistRight)
                    .append(" of ").append(labelled).append('.')
                    .append(mnistWrong.isEmpty() ? "" : " MNIST-style still misreads " + String.join("; ", mnistWrong) + ".")
                    .append("\n\n");
            why.overview().forEach(l -> sb.append(l).append('\n'));
            sb.append('\n');
        }
        sb.append("**").append(questions.getOrDefault("Q2", "Q2")).append("**\n\n");
        why.causes().forEach(l -> sb.append(l).append('\n'));
        sb.append("\n**").append(questions.getOrDefault("Q3", "Q3")).append("**\n\n");
        why.seedScenario().forEach(l -> sb.append(l).append('\n'));
        sb.append("\n## Results\n\n").append(t).append('\n');
        sb.append("<details><summary>Details: what was measured on each image</summary>\n\n");
        for (CustomDigit d : digits) {
            sb.append("- ").append(d.name()).append(": ").append(d.features().summary()).append('\n');
        }
        for (String n : notes) {
            sb.append("- ").append(n).append('\n');
        }
        sb.append(String.format(Locale.ROOT, "- Thresholds, in pixels of the naive 28×28: dark ink on light paper when the "
                        + "border median of OpenCV's grey image is at least %d; ink only in the alpha channel when the image "
                        + "has transparent pixels and OpenCV's grey image spans fewer than %d levels; off-centre beyond %.0f px "
                        + "from the centre; small under %.0f px; thin pen under %.0f px.%n",
                DigitFeatures.LIGHT_PAPER_LEVEL, DigitFeatures.MIN_VISIBLE_RANGE, DigitFeatures.OFF_CENTRE_PX,
                DigitFeatures.SMALL_PX, DigitFeatures.THIN_PX));
        return sb.append("\n</details>\n").toString();
    }
}
