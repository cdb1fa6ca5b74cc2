package org.mnistablation.cache;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Who trains a run-cache entry right now: an exclusive lock on {@code <cache>/locks/<key>.lock}, so that two kernels
 * (two notebooks executed at once) that fit the same model do not both train it — the second waits for the entry, or
 * trains another of its runs meanwhile ({@link Runner#runAll}). The operating system releases the lock when its
 * process ends, so a killed kernel leaves no stale lock (the empty lock file stays; it is harmless). A lock held by
 * another thread of this JVM counts as taken, too. When the lock file cannot be created (a cache that cannot be
 * written), {@link #tryAcquire} reports the entry as free: the run then trains unlocked, as before.
 */
final class RunLock implements AutoCloseable {

    /** The folder of lock files under a cache's root ("locks" is not a hexadecimal entry name). */
    static final String DIR = "locks";

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * The lock of entry {@code key}, if no other process or thread holds it; empty when one does. A lock file that
     * cannot be created gives an unlocked handle (the run trains as it did before locks existed).
     */
    static Optional<RunLock> tryAcquire(Path root, String key) {
        FileChannel channel;
        try {
            Path dir = root.resolve(DIR);
            Files.createDirectories(dir);
            channel = FileChannel.open(dir.resolve(key + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.of(new RunLock(null, null));
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return Optional.of(new RunLock(channel, lock));
            }
        } catch (OverlappingFileLockException e) {
            // another thread of this JVM holds it
        } catch (IOException e) {
            close(channel);
            return Optional.of(new RunLock(null, null)); // a file system without locks: train unlocked
        }
        close(channel);
        return Optional.empty();
    }

    @Override
    public void close() {
        try {
            if (lock != null) {
                lock.release();
            }
        } catch (IOException e) {
            // closing the channel below releases it as well
        }
        close(channel);
    }

    private static void close(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // nothing held any more
        }
    }
}
