package org.mnistablation.image;

/**
 * The ways a picture can differ from an MNIST digit as the seed's naive pipeline delivers it (the model was trained
 * on light ink on black, about 20 px tall in 28×28, centred by mass, strokes about 2–3 px wide). Each is measured on
 * the image by {@link DigitFeatures}; the thresholds are stated there.
 */
public enum Deviation {
    /** Dark ink on light paper: the naive input's background is bright, the model reads paper as ink. */
    POLARITY("polarity", "dark ink on light paper"),
    /** The ink is only in the alpha channel: {@code IMREAD_GRAYSCALE} drops alpha and the digit vanishes. */
    TRANSPARENCY("transparency", "ink only in the alpha channel"),
    /** The ink's centre of mass lies away from the centre of the naive 28×28. */
    POSITION("position", "off-centre"),
    /** The ink covers much less than MNIST's 20-px box in the naive 28×28. */
    SIZE("size", "small"),
    /** The stroke is narrower than the naive resize's sampling step, so bilinear sampling keeps scattered dots. */
    STROKE("stroke", "thin pen");

    private final String cause;
    private final String description;

    Deviation(String cause, String description) {
        this.cause = cause;
        this.description = description;
    }

    /** One word for the cause ("polarity"). */
    public String cause() {
        return cause;
    }

    /** What the image shows ("dark ink on light paper"). */
    public String description() {
        return description;
    }
}
