package org.mnistablation.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.mnistablation.train.NdRuntime;

/**
 * Applies a measure to several runs (e.g. a setting's seeds) at once, one run per core. Each run's computation is
 * sequential and independent of the others, so the values do not depend on how many run at once.
 */
final class PerRun {

    private PerRun() {
    }

    static <T, R> List<R> map(List<T> items, Function<T, R> f) {
        int workers = Math.min(items.size(), Runtime.getRuntime().availableProcessors());
        if (workers <= 1) {
            return items.stream().map(f).toList();
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "measure-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> {
                    NdRuntime.prepareThread(); // as in a kernel cell; measures that need ND4J start it themselves
                    return f.apply(item);
                }));
            }
            List<R> out = new ArrayList<>();
            for (Future<R> future : futures) {
                out.add(future.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring " + items.size() + " runs", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
