package org.mnistablation.analysis;

import java.util.List;
import org.mnistablation.image.CustomDigit;

/** Task02: the seed's naive resize against MNIST-style preprocessing on the user's own digit images. */
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

    /** One row per image; {@code naive.get(i)}/{@code mnist.get(i)} are the softmax outputs (mnist null if unusable). */
    public static String markdown(List<CustomDigit> digits, List<float[]> naive, List<float[]> mnist, String modelLabel) {
        StringBuilder sb = new StringBuilder("# Task 02 — Custom handwritten digits\n\n");
        sb.append("_Generated from the images in `notebooks/custom_digits/` and the ").append(modelLabel).append("._\n\n");
        MarkdownTable t = new MarkdownTable("image", "drawn digit", "naive: predicted (p)", "MNIST-style: predicted (p)");
        int labelled = 0;
        int naiveRight = 0;
        int mnistRight = 0;
        for (int i = 0; i < digits.size(); i++) {
            CustomDigit d = digits.get(i);
            int pn = argmax(naive.get(i));
            String n = pn + " (" + Fmt.pct(naive.get(i)[pn]) + ")";
            String m;
            if (mnist.get(i) == null) {
                m = "— (" + d.problem() + ")";
            } else {
                int pm = argmax(mnist.get(i));
                m = pm + " (" + Fmt.pct(mnist.get(i)[pm]) + ")";
                if (d.expected() >= 0 && pm == d.expected()) {
                    mnistRight++;
                }
            }
            if (d.expected() >= 0) {
                labelled++;
                if (pn == d.expected()) {
                    naiveRight++;
                }
            }
            t.row(d.name(), d.expected() >= 0 ? String.valueOf(d.expected()) : "?", n, m);
        }
        sb.append("## Measured\n\n").append(t).append('\n');
        sb.append("## Findings\n\n");
        if (labelled == 0) {
            sb.append("- No file name starts with the digit drawn, so no prediction can be scored.\n");
        } else {
            sb.append("- Of the ").append(labelled).append(" images whose name gives the digit, the naive pipeline got **")
                    .append(naiveRight).append("** right and MNIST-style preprocessing **").append(mnistRight).append("**.\n");
            sb.append("- ").append(mnistRight > naiveRight ? "Preprocessing the way MNIST's images were made is what makes the model usable on outside images."
                    : mnistRight == naiveRight ? "On these images both pipelines scored the same."
                    : "On these images the naive pipeline scored better, which is unusual: look at the preprocessed 28×28 inputs above.")
                    .append('\n');
        }
        sb.append("\n## Questions\n\n**Why does the naive pipeline fail?** The model only ever saw white digits on a black "
                + "background, about 20 px tall, centred by their centre of mass. Resizing a whole photo keeps white paper "
                + "as the brightest value (the model reads it as ink everywhere), and a small or off-centre digit stays small "
                + "and off-centre; a model with no convolution has no notion of shifting a pattern back into place.\n");
        return sb.toString();
    }
}
