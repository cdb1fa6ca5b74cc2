package org.mnistablation.train;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An optimizer as Keras 3 defines it: SGD (lr 0.01, optional momentum), Adam (lr 1e-3, beta 0.9/0.999,
 * epsilon 1e-7), AdamW (Adam plus decoupled weight decay, Keras default 0.004; the study uses 0.01).
 */
public record OptimizerConfig(Kind kind, double learningRate, double momentum, double weightDecay) {

    public enum Kind {
        SGD, ADAM, ADAMW;

        public static Kind fromName(String name) {
            if (name != null) {
                for (Kind k : values()) {
                    if (k.name().equalsIgnoreCase(name.trim())) {
                        return k;
                    }
                }
            }
            throw new IllegalArgumentException("optimizer: unknown name '" + name + "'; use one of "
                    + Arrays.stream(values()).map(k -> k.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", ")));
        }
    }

    public static final double ADAM_BETA1 = 0.9;
    public static final double ADAM_BETA2 = 0.999;
    public static final double ADAM_EPSILON = 1e-7;

    public OptimizerConfig {
        if (kind == null) {
            throw new IllegalArgumentException("optimizer: kind must be given (sgd, adam or adamw)");
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("optimizer.learningRate must be a finite number > 0, got " + learningRate);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("optimizer.momentum must be in [0, 1), got " + momentum);
        }
        if (momentum != 0 && kind != Kind.SGD) {
            throw new IllegalArgumentException("optimizer.momentum applies only to sgd, got " + momentum + " for " + kind);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("optimizer.weightDecay must be a finite number >= 0, got " + weightDecay);
        }
        if (weightDecay != 0 && kind != Kind.ADAMW) {
            throw new IllegalArgumentException("optimizer.weightDecay applies only to adamw, got " + weightDecay + " for " + kind);
        }
    }

    public static OptimizerConfig sgd(double learningRate) {
        return new OptimizerConfig(Kind.SGD, learningRate, 0, 0);
    }

    public static OptimizerConfig sgd() {
        return sgd(0.01);
    }

    public static OptimizerConfig sgdMomentum(double learningRate, double momentum) {
        return new OptimizerConfig(Kind.SGD, learningRate, momentum, 0);
    }

    public static OptimizerConfig adam() {
        return adam(1e-3);
    }

    public static OptimizerConfig adam(double learningRate) {
        return new OptimizerConfig(Kind.ADAM, learningRate, 0, 0);
    }

    public static OptimizerConfig adamW(double learningRate, double weightDecay) {
        return new OptimizerConfig(Kind.ADAMW, learningRate, 0, weightDecay);
    }

    /** A short label for tables and legends, e.g. "SGD(lr=0.01, momentum=0.9)". */
    public String label() {
        return switch (kind) {
            case SGD -> momentum == 0 ? "SGD(lr=" + fmt(learningRate) + ")"
                    : "SGD(lr=" + fmt(learningRate) + ", momentum=" + fmt(momentum) + ")";
            case ADAM -> "Adam(lr=" + fmt(learningRate) + ")";
            case ADAMW -> "AdamW(lr=" + fmt(learningRate) + ", wd=" + fmt(weightDecay) + ")";
        };
    }

    private static String fmt(double v) {
        return String.valueOf(v).replaceAll("\\.0$", "");
    }
}
