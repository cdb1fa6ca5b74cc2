package org.mnistablation.train;

import java.util.concurrent.locks.LockSupport;

/**
 * Runs two halves of a piece of work at once: one on the calling thread, one on a single helper thread, and
 * returns when both are done. An {@link #inline()} worker runs both halves one after the other on the calling thread
 * (a run that has one core because other runs train beside it): the same two halves are computed either way, so
 * a run's result does not depend on how many cores it was given (OpenBLAS's product of a half is not always
 * bit-identical to the same elements of the whole product, so the split itself must not depend on the cores). The helper spins for a short while after each task (a training step hands it work
 * several times within a few hundred microseconds, and a spinning helper starts at once), then parks, so an idle
 * notebook kernel does not burn a core. Used by the fused step to put both cores on its two large products while
 * OpenBLAS itself runs single-threaded (its own thread pool was measured slower here, see the README).
 */
final class PairWorker implements AutoCloseable {

    private static final long SPIN_NANOS = 200_000;

    private final Thread helper;
    private volatile Runnable task;
    private volatile boolean done = true;
    private volatile boolean closed;
    private volatile Throwable failure;

    /** A worker with its own helper thread (two cores). */
    PairWorker() {
        this(true);
    }

    private PairWorker(boolean withHelper) {
        if (withHelper) {
            helper = new Thread(this::loop, "fused-step-helper");
            helper.setDaemon(true);
            helper.start();
        } else {
            helper = null;
        }
    }

    /** A worker without a helper thread: both halves run on the calling thread, in turn (one core). */
    static PairWorker inline() {
        return new PairWorker(false);
    }

    /** Runs {@code onHelper} on the helper thread and {@code onCaller} here; returns when both have finished. */
    void run(Runnable onHelper, Runnable onCaller) {
        if (closed) {
            throw new IllegalStateException("the pair worker is closed");
        }
        if (helper == null) {
            onCaller.run();
            onHelper.run();
            return;
        }
        failure = null;
        done = false;
        task = onHelper;
        LockSupport.unpark(helper);
        try {
            onCaller.run();
        } finally {
            while (!done) {
                Thread.onSpinWait();
            }
        }
        Throwable f = failure;
        if (f instanceof RuntimeException e) {
            throw e;
        }
        if (f instanceof Error e) {
            throw e;
        }
    }

    private void loop() {
        long idleSince = System.nanoTime();
        while (!closed) {
            Runnable t = task;
            if (t != null) {
                task = null;
                try {
                    t.run();
                } catch (Throwable e) {
                    failure = e;
                } finally {
                    done = true;
                }
                idleSince = System.nanoTime();
            } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        if (helper != null) {
            LockSupport.unpark(helper);
        }
    }

    /** Whether the helper thread is still running (it ends soon after {@link #close()}); false for an inline one. */
    boolean helperAlive() {
        return helper != null && helper.isAlive();
    }
}
