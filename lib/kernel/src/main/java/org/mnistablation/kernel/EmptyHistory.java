package org.mnistablation.kernel;

import io.github.spencerpark.jupyter.kernel.history.HistoryEntry;
import io.github.spencerpark.jupyter.kernel.history.HistoryManager;
import java.util.List;
import java.util.Set;

/**
 * An empty history, so that Jupyter's history requests are answered. JupyterLab asks for the history when it connects
 * to a kernel; basekernel answers, and reports busy/idle around the answer on IOPub, only when the kernel has a
 * history manager — and that busy/idle is the first status JupyterLab counts (it ignores kernel_info's), so without
 * it the status bar says "Unknown" after a start or a restart until a cell runs. Empty rather than recorded:
 * basekernel 2.3.0 would send recorded entries as objects, not the (session, line, input) lists the protocol has.
 */
final class EmptyHistory implements HistoryManager {

    @Override
    public List<HistoryEntry> lookupRange(int session, int start, int stop, Set<ResultFlag> flags) {
        return List.of();
    }

    @Override
    public List<HistoryEntry> lookupTail(int length, Set<ResultFlag> flags) {
        return List.of();
    }

    @Override
    public List<HistoryEntry> search(String glob, int length, Set<ResultFlag> flags) {
        return List.of();
    }
}
