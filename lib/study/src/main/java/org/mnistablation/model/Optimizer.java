package org.mnistablation.model;

import java.util.Locale;

/**
 * An optimizer as Keras 3 defines it: {@code SGD} (learning rate 0.01, optional classical momentum), {@code Adam}
 * (1e-3, β 0.9/0.999, ε 1e-7), {@code AdamW} (Adam plus decoupled weight decay; Keras's default decay is 0.004).
 * Built like Keras's keyword arguments: {@code Optimizer.sgd().learningRate(0.01).momentum(0.9)}.
 */
public record Optimizer(Kind kind, double learningRate, double momentum, double weightDecay) {

    public enum Kind { SGD, ADAM, ADAMW }

    public static final double ADAM_BETA1 = 0.9;
    public static final double ADAM_BETA2 = 0.999;
    public static final double ADAM_EPSILON = 1e-7;

    public Optimizer {
        if (kind == null) {
            throw new IllegalArgumentException("optimizer: kind must be given (SGD, Adam or AdamW)");
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning_rate must be a finite number > 0, got " + learningRate);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        if (momentum != 0 && kind != Kind.SGD) {
            throw new IllegalArgumentException("momentum is an argument of SGD, not of " + name(kind));
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weight_decay must be a finite number >= 0, got " + weightDecay);
        }
        if (weightDecay != 0 && kind != Kind.ADAMW) {
            throw new IllegalArgumentException("weight_decay is an argument of AdamW here, not of " + name(kind));
        }
    }

    /** Keras's {@code SGD()}: learning rate 0.01, no momentum. */
    public static Optimizer sgd() {
        return new Optimizer(Kind.SGD, 0.01, 0, 0);
    }

    /** Keras's {@code Adam()}: learning rate 1e-3. */
    public static Optimizer adam() {
        return new Optimizer(Kind.ADAM, 1e-3, 0, 0);
    }

    /** Keras's {@code AdamW()}: learning rate 1e-3, weight decay 0.004. */
    public static Optimizer adamW() {
        return new Optimizer(Kind.ADAMW, 1e-3, 0, 0.004);
    }

    public Optimizer learningRate(double v) {
        return new Optimizer(kind, v, momentum, weightDecay);
    }

    public Optimizer momentum(double v) {
        return new Optimizer(kind, learningRate, v, weightDecay);
    }

    public Optimizer weightDecay(double v) {
        return new Optimizer(kind, learningRate, momentum, v);
    }

    /** Keras's spelling, e.g. {@code SGD(learning_rate=0.01, momentum=0.9)}. */
    public String keras() {
        String lr = "learning_rate=" + Numbers.plain(learningRate);
        return switch (kind) {
            case SGD -> "SGD(" + lr + (momentum != 0 ? ", momentum=" + Numbers.plain(momentum) : "") + ")";
            case ADAM -> "Adam(" + lr + ")";
            case ADAMW -> "AdamW(" + lr + ", weight_decay=" + Numbers.plain(weightDecay) + ")";
        };
    }

    private static String name(Kind k) {
        return switch (k) {
            case SGD -> "SGD";
            case ADAM -> "Adam";
            case ADAMW -> "AdamW";
        };
    }

    @Override
    public String toString() {
        return keras();
    }
}
