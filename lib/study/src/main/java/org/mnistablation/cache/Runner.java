package org.mnistablation.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.mnistablation.data.DataIdentity;
import org.mnistablation.data.LabeledImages;
import org.mnistablation.data.StudySplit;
import org.mnistablation.model.RunConfig;
import org.mnistablation.train.Evaluation;
import org.mnistablation.train.Evaluator;
import org.mnistablation.train.InitialWeights;
import org.mnistablation.train.NdRuntime;
import org.mnistablation.train.TrainedModel;
import org.mnistablation.train.Trainer;
import org.mnistablation.train.TrainingInterruptedException;
import org.mnistablation.train.TrainingProgress;

/**
 * Gets a run from the cache, or trains it on the images it is given, evaluates it on the study's test set and stores
 * it, keyed by its {@link RunDefinition} (the given images named by {@link DataIdentity}). Several independent runs
 * (e.g. one model's seeds) train at once on a pool of worker threads ({@link #runAll}); each run's result is the
 * same as when it trains alone. A run that another process (a kernel executing another notebook) is training at the
 * same moment is not trained twice: training holds the entry's {@link RunLock}, and a kernel that finds it taken
 * trains its other runs first or waits for the entry to appear.
 * <p>Runs that differ only in their epoch count or early stopping train the same epochs ({@link Trajectories}): a run
 * takes the epochs an earlier one recorded and trains only those beyond them, so the study's 5-, 10- and 20-epoch
 * runs of one model and seed cost 20 epochs, not 35.
 */
public final class Runner {

    private final RunCache cache;
    private final Trajectories trajectories;
    private final StudySplit data;

    public Runner(RunCache cache, StudySplit data) {
        this.cache = cache;
        this.trajectories = new Trajectories(cache);
        this.data = data;
        cache.cleanTemporaries();
        LegacyEntries.migrate(cache);
    }

    public StudySplit data() {
        return data;
    }

    public RunCache cache() {
        return cache;
    }

    /** The cached run of {@code config} on the study's own training and validation sets, if there is one. */
    public Optional<RunResult> cached(RunConfig config) {
        return cache.load(new RunDefinition(config, DataIdentity.of(data)));
    }

    /** One run on the study's own training and validation sets, on every core of the machine. */
    public RunResult run(RunConfig config, TrainingProgress progress) {
        return run(config, data.train(), data.validation(), progress, Runtime.getRuntime().availableProcessors());
    }

    /**
     * One run on {@code train}, validated on {@code validation} (null: none), from the cache or trained with
     * {@code cores} cores. A run that cannot be stored (the cache is full or not writable) is returned all the same,
     * after a warning.
     */
    public RunResult run(RunConfig config, LabeledImages train, LabeledImages validation, TrainingProgress progress,
                         int cores) {
        RunDefinition run = new RunDefinition(config, DataIdentity.of(data, train, validation));
        Optional<RunResult> stored = cache.load(run);
        if (stored.isPresent()) {
            return stored.get();
        }
        try (RunLock lock = awaitLock(run.key())) { // another kernel may be training this very run: wait for its entry
            stored = cache.load(run);
            if (stored.isPresent()) {
                return stored.get();
            }
            try (RunLock path = awaitLock(Trajectories.lockKey(run))) { // or a run of the same trajectory
                return train(run, train, validation, progress, cores);
            }
        }
    }

    /**
     * Trains, evaluates and stores one run (the caller holds its {@link RunLock} and its trajectory's): the epochs
     * other runs of its trajectory recorded are taken from there, the others trained and recorded.
     */
    private RunResult train(RunDefinition run, LabeledImages train, LabeledImages validation, TrainingProgress progress,
                            int cores) {
        RunConfig config = run.config();
        TrainedModel model = new Trainer(progress, null, cores).fit(config, train, validation, trajectories.of(run));
        Evaluation test = Evaluator.evaluate(model.network(), config.model(), data.test());
        RunResult result = new RunResult(config, run.data(), model.history(),
                model.network().params().dup().data().asFloat(), test, model.engine(), false,
                InitialWeights.of(config, model.initial()));
        cache.store(result);
        return result;
    }

    /**
     * Several independent runs, returned in the order of {@code configs}: the cached ones are loaded, the others
     * train at once on up to {@code workers} threads (each with {@code processors / running} cores; 1 worker trains
     * them one after another on this thread). {@code progress} gives each training run its progress receiver (called
     * on that run's thread); {@code tick} runs on this thread about ten times a second while runs train elsewhere
     * (so this thread can render their progress). If a run fails, or this thread is interrupted (a kernel
     * interrupt), every other run is stopped and nothing unfinished is stored.
     */
    public List<RunResult> runAll(List<RunConfig> configs, int workers, Function<RunConfig, TrainingProgress> progress,
                                  Runnable tick) {
        return runAll(configs, data.train(), data.validation(), workers, progress, tick);
    }

    /** {@link #runAll(List, int, Function, Runnable)} on {@code train}, validated on {@code validation} (null: none).
     */
    public List<RunResult> runAll(List<RunConfig> configs, LabeledImages train, LabeledImages validation, int workers,
                                  Function<RunConfig, TrainingProgress> progress, Runnable tick) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        RunResult[] results = new RunResult[configs.size()];
        List<Integer> toTrain = new ArrayList<>();
        DataIdentity identity = DataIdentity.of(data, train, validation);
        List<RunDefinition> runs = configs.stream().map(c -> new RunDefinition(c, identity)).toList();
        for (int i = 0; i < configs.size(); i++) {
            Optional<RunResult> stored = cache.load(runs.get(i));
            if (stored.isPresent()) {
                results[i] = stored.get();
            } else {
                toTrain.add(i);
            }
        }
        TrainingProgress[] receivers = new TrainingProgress[configs.size()];
        for (int i : toTrain) {
            receivers[i] = progress.apply(configs.get(i)); // on this thread, in order
        }
        int machine = Runtime.getRuntime().availableProcessors();
        int pool = Math.min(workers, toTrain.size());
        if (pool <= 1) {
            // one after another; a run that another kernel is training right now (same model in another notebook)
            // is skipped until it is stored, so the two kernels share the seeds instead of training them twice
            List<Integer> pending = new ArrayList<>(toTrain);
            while (!pending.isEmpty()) {
                boolean moved = false;
                for (int n = 0; n < pending.size() && !moved; n++) {
                    int i = pending.get(n);
                    RunDefinition run = runs.get(i);
                    Optional<RunResult> stored = cache.load(run);
                    Optional<RunLock> lock = stored.isPresent() ? Optional.empty()
                            : RunLock.tryAcquire(cache.root(), run.key());
                    if (lock.isPresent()) {
                        try (RunLock held = lock.get()) {
                            stored = cache.load(run);
                            if (stored.isPresent()) {
                                results[i] = stored.get();
                            } else {
                                // a run of the same trajectory training elsewhere: train another one meanwhile
                                Optional<RunLock> path = RunLock.tryAcquire(cache.root(), Trajectories.lockKey(run));
                                if (path.isEmpty()) {
                                    continue;
                                }
                                try (RunLock p = path.get()) {
                                    results[i] = train(run, train, validation, receivers[i], machine);
                                }
                            }
                        }
                    } else if (stored.isPresent()) {
                        results[i] = stored.get();
                    } else {
                        continue;
                    }
                    pending.remove(n);
                    moved = true;
                }
                if (!moved) {
                    pause(pending.size());
                }
            }
            return List.of(results);
        }
        ExecutorService executor = Executors.newFixedThreadPool(pool, threads());
        ExecutorCompletionService<Integer> done = new ExecutorCompletionService<>(executor);
        List<Future<Integer>> futures = new ArrayList<>();
        AtomicInteger unfinished = new AtomicInteger(toTrain.size());
        boolean completed = false;
        try {
            for (int i : toTrain) {
                RunConfig config = configs.get(i);
                futures.add(done.submit(() -> {
                    try {
                        NdRuntime.ensureReady(); // this thread's context class loader, as in a kernel cell
                        int cores = Math.max(1, machine / Math.min(pool, unfinished.get()));
                        results[i] = run(config, train, validation, receivers[i], cores);
                        return i;
                    } finally {
                        unfinished.decrementAndGet();
                    }
                }));
            }
            for (int finished = 0; finished < futures.size(); ) {
                Future<Integer> f = done.poll(100, TimeUnit.MILLISECONDS);
                tick.run();
                if (f != null) {
                    f.get();
                    finished++;
                }
            }
            completed = true;
            return List.of(results);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the kernel looks at it
            throw new TrainingInterruptedException(toTrain.size() + " runs were training at once; nothing of the "
                    + "unfinished ones was saved, run the cell again to train them from the beginning");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } finally {
            if (!completed) {
                // a run failed, or this thread was interrupted or stopped (a kernel may stop the cell's threads)
                stop(executor, futures);
            }
            executor.shutdown();
        }
    }

    /** The lock {@code key} (a run's entry, a trajectory), once no other kernel (or thread) holds it. */
    private RunLock awaitLock(String key) {
        while (true) {
            Optional<RunLock> lock = RunLock.tryAcquire(cache.root(), key);
            if (lock.isPresent()) {
                return lock.get();
            }
            pause(1);
        }
    }

    /** Waits a moment for another kernel that trains the same run; a kernel interrupt ends the wait. */
    private static void pause(int waiting) {
        try {
            Thread.sleep(LOCK_POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the kernel looks at it
            throw new TrainingInterruptedException("while waiting for another kernel that trains the same "
                    + (waiting == 1 ? "run" : waiting + " runs") + "; nothing was saved here, run the cell again");
        }
    }

    /** How often a run that another kernel trains is looked for in the cache. */
    private static final long LOCK_POLL_MILLIS = 100;

    /** Cancels every run still queued or training and waits until their threads have let go. */
    private static void stop(ExecutorService executor, List<Future<Integer>> futures) {
        for (Future<Integer> f : futures) {
            f.cancel(true);
        }
        executor.shutdownNow();
        boolean interrupted = Thread.interrupted();
        try {
            // a training run checks for interrupts every step; evaluation and storing finish in well under this
            while (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static ThreadFactory threads() {
        AtomicInteger n = new AtomicInteger();
        // threads of the caller's group: a kernel that stops its cell's thread group stops the runs too
        return r -> {
            Thread t = new Thread(r, "study-run-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
