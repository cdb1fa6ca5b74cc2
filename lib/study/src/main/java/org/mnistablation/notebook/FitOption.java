package org.mnistablation.notebook;

import java.util.List;
import org.mnistablation.data.LabeledImages;
import org.mnistablation.model.EarlyStopping;

/** One keyword argument of {@code model.fit(...)}, as the notebook writes it: {@code epochs(5)}, {@code batchSize(32)}, … */
public sealed interface FitOption {

    /** Keras's {@code epochs=}. */
    record Epochs(int value) implements FitOption {
    }

    /** Keras's {@code batch_size=}. */
    record BatchSize(int value) implements FitOption {
    }

    /** Keras's {@code validation_data=}. */
    record ValidationData(LabeledImages value) implements FitOption {
    }

    /** Keras's {@code callbacks=[...]}. */
    record Callbacks(List<EarlyStopping> value) implements FitOption {
    }

    /** The seeds to train with (one run each); the study's seeds when not given. */
    record Seeds(List<Long> value) implements FitOption {
    }
}
