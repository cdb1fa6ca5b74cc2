package org.mnistablation.study;

import java.util.List;
import java.util.Map;
import org.mnistablation.analysis.SummaryAnalysis;
import org.mnistablation.cache.RunResult;

/** Compares the study's per-task leaders with those already cached for another dataset (nothing is trained). */
public final class CrossDataset {

    private CrossDataset() {
    }

    public static String markdown(Study study, Map<String, Map<String, List<RunResult>>> tasks, String otherDataset) {
        Study other;
        try {
            other = Study.forDataset(otherDataset);
        } catch (RuntimeException e) {
            return "## Across datasets\n\n" + otherDataset + " is not available on this machine (" + e.getMessage()
                    + "), so no finding can be checked on it.\n";
        }
        Map<String, Map<String, List<RunResult>>> theirs = other.recordedTasks();
        return SummaryAnalysis.acrossDatasets(study.dataset(), tasks, otherDataset, theirs);
    }

    /** "fashion-mnist" for MNIST and the other way round. */
    public static String counterpart(String dataset) {
        return "mnist".equals(dataset) ? "fashion-mnist" : "mnist";
    }
}
