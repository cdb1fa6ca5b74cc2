package org.mnistablation.analysis;

import java.util.ArrayList;
import java.util.List;
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

    /** One row per image; {@code naive.get(i)}/{@code mnist.get(i)} are the softmax outputs (mnist null if unusable). */
    public static String markdown(List<CustomDigit> digits, List<float[]> naive, List<float[]> mnist, String modelLabel) {
        StringBuilder sb = new StringBuilder("# Task 02 — Custom handwritten digits\n\n");
        sb.append("_Generated from the images in `notebooks/custom_digits/` and the ").append(modelLabel).append("._\n\n");
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
        sb.append("## Measured\n\n").append(t).append('\n');
        sb.append("The measurements behind the middle column, in pixels of the naive 28×28:\n\n");
        for (CustomDigit d : digits) {
            sb.append("- ").append(d.name()).append(": ").append(d.features().summary()).append('\n');
        }
        for (String n : notes) {
            sb.append("- ").append(n).append('\n');
        }
        sb.append("\n## Findings\n\n");
        if (labelled == 0) {
            sb.append("- No file name starts with the digit drawn, so no prediction can be scored.\n");
        } else {
            sb.append("- Of the ").append(labelled).append(" images whose name gives the digit, the naive pipeline got **")
                    .append(naiveRight).append("** right and MNIST-style preprocessing **").append(mnistRight).append("**")
                    .append(mnistRight > naiveRight ? ": preprocessing the way MNIST's images were made recovers "
                            + (mnistRight - naiveRight) + " more." : mnistRight == naiveRight ? ": the same score." : ": the naive pipeline scored better here.")
                    .append('\n');
            if (!mnistWrong.isEmpty()) {
                sb.append("- MNIST-style preprocessing still misread ").append(String.join("; ", mnistWrong)).append(".\n");
            }
        }
        sb.append("\n### What made the naive pipeline fail\n\n");
        for (String line : NaiveFailureAttribution.findings(cases(digits, naive))) {
            sb.append(line).append('\n');
        }
        sb.append("\n## Background\n\n");
        sb.append("The seed's cell reads an image with `cv2.imread(path, cv2.IMREAD_GRAYSCALE)` (alpha is dropped: only the "
                + "colour under a transparent pixel counts), shrinks it with `cv2.resize(img, (28, 28))` and divides by 255. "
                + "`cv2.resize` defaults to `INTER_LINEAR`: each output pixel is a bilinear sample at `(dst + 0.5) · scale − 0.5` "
                + "of the source, with no anti-aliasing, so a stroke narrower than the sampling step can fall between "
                + "samples. The whole canvas is squeezed to 28×28 whatever its aspect ratio. MNIST's own digits were "
                + "written dark on light, then inverted, size-normalised to a 20×20 box and centred by their centre of "
                + "mass in 28×28: the model only ever saw light ink on black, of about that size and place. The MNIST-style "
                + "pipeline here repeats those steps (and thickens a pen much thinner than MNIST's).\n\n");
        sb.append(String.format(Locale.ROOT, "The deviations in the table are measured on each image as the naive pipeline "
                        + "delivers it: *dark ink on light paper* when the border median of OpenCV's grey image is at least %d; "
                        + "*ink only in the alpha channel* when the image has transparent pixels and OpenCV's grey image spans "
                        + "fewer than %d levels; *off-centre* when the ink's centre of mass is more than %.0f px from the centre; "
                        + "*small* when the ink's longer side is under %.0f px; *thin pen* when the stroke is under %.0f px "
                        + "(one sampling step).\n",
                DigitFeatures.LIGHT_PAPER_LEVEL, DigitFeatures.MIN_VISIBLE_RANGE, DigitFeatures.OFF_CENTRE_PX,
                DigitFeatures.SMALL_PX, DigitFeatures.THIN_PX));
        return sb.toString();
    }
}
