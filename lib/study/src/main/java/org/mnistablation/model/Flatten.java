package org.mnistablation.model;

/** Keras's {@code Flatten(input_shape=(height, width))}: the image's pixels as one vector, row by row. */
public record Flatten(int height, int width) implements Layer {

    public Flatten {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("Flatten needs a positive input shape, got (" + height + ", " + width + ")");
        }
    }

    public int size() {
        return height * width;
    }

    @Override
    public String keras() {
        return "Flatten(input_shape=(" + height + ", " + width + "))";
    }
}
