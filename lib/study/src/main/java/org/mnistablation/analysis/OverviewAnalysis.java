package org.mnistablation.analysis;

import org.mnistablation.cache.RunResult;
import org.mnistablation.train.History;

/** The overview notebook's summary of the baseline run. */
public final class OverviewAnalysis {

    private OverviewAnalysis() {
    }

    public static String markdown(RunResult r) {
        History h = r.history();
        StringBuilder sb = new StringBuilder("**Baseline result** (").append(r.config().describe()).append(")\n\n");
        sb.append("- Trained ").append(h.epochsRun()).append(" of ").append(r.config().epochs()).append(" epochs")
                .append(h.stoppedEarly() ? ": early stopping ended training " + (h.epochsRun() - h.bestEpoch())
                        + " epochs after the best validation loss" : "").append(".\n");
        sb.append("- Best epoch ").append(h.bestEpoch()).append(": val_loss ").append(Fmt.num(h.best().valLoss()))
                .append(", val_accuracy ").append(Fmt.pct(h.best().valAccuracy()))
                .append(h.restoredBest() ? " — its weights were restored." : ".").append('\n');
        sb.append("- Test set (").append(r.test().count()).append(" images the model never saw during training or selection)")
                .append(": accuracy **").append(Fmt.pct(r.test().accuracy())).append("**, loss ").append(Fmt.num(r.test().loss()))
                .append(".\n");
        return sb.toString();
    }
}
