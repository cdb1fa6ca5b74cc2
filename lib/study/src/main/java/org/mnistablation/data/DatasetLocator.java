package org.mnistablation.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.mnistablation.settings.StudySettings;

/**
 * Finds a dataset's four files, in this order:
 * <ol>
 * <li>a directory named by a system property or environment variable ({@code -Dmnist.dir=...} / {@code MNIST_DIR},
 * {@code -Dfashion.mnist.dir=...} / {@code FASHION_MNIST_DIR}), then known system directories (Debian's
 * {@code dataset-fashion-mnist} installs into {@code /usr/share/datasets/fashion-mnist});</li>
 * <li>the per-user cache {@code <cache root>/<dataset>}: the operating system's usual cache directory
 * ({@code $XDG_CACHE_HOME/mnist-study}, by default {@code ~/.cache/mnist-study}, on Linux;
 * {@code ~/Library/Caches/mnist-study} on macOS; {@code %LOCALAPPDATA%\mnist-study\cache} on Windows), or the root
 * given with {@code -Dmnist.cache} / {@code MNIST_CACHE};</li>
 * <li>a download of the canonical files into that cache from the dataset's mirrors (replaced with
 * {@code -Dmnist.mirror=url1,url2} / {@code MNIST_MIRROR}), each checked against its canonical MD5 and its IDX
 * structure, written to a temporary file in the cache directory and moved into place atomically only when
 * complete.</li>
 * </ol>
 * Files from a user-supplied or system directory are not checksum-checked (the shared MNIST training file is a
 * rebuilt, non-canonical copy): their structure is validated when read, and {@link Location#provenance()} says
 * which of them match a canonical checksum. Each file may be stored gzip-compressed or not.
 */
public final class DatasetLocator {

    /** Connect and read timeout of a download, unless the constructor is given another. */
    public static final int DEFAULT_TIMEOUT_MILLIS = 30_000;

    /** Where a dataset was found: its directory and how it got there (for the provenance notes). */
    public record Location(DatasetSpec spec, Path dir, String source) {

        /** The file {@code name} (one of {@link DatasetSpec#FILES}) in this directory, .gz or uncompressed. */
        public Path file(String name) {
            return DatasetSpec.resolve(dir, name);
        }

        /**
         * Where the files came from and, per file, whether its MD5 matches the canonical download — e.g. "mnist from
         * /data/mnist (MNIST_DIR / -Dmnist.dir), structure validated; train-images-idx3-ubyte.gz: not the canonical
         * file (MD5 1a2b… , canonical f68b…)".
         */
        public String provenance() {
            StringBuilder s = new StringBuilder(spec.name() + " from " + dir.toAbsolutePath() + " (" + source + ")");
            for (String name : DatasetSpec.FILES) {
                Path f = file(name);
                s.append("\n  ").append(f.getFileName()).append(": ");
                String canonical = spec.md5().get(name);
                try {
                    if (!IdxReader.isGzip(f)) {
                        s.append("uncompressed copy; no canonical checksum to compare, structure validated");
                    } else if (canonical == null) {
                        s.append("no canonical checksum known, structure validated");
                    } else {
                        String md5 = md5(f);
                        s.append(md5.equals(canonical) ? "MD5 " + md5 + " matches the canonical file"
                                : "MD5 " + md5 + " differs from the canonical " + canonical
                                + " (not the canonical download; structure validated)");
                    }
                } catch (IOException e) {
                    s.append("could not be checked (").append(e.getMessage()).append(')');
                }
            }
            return s.toString();
        }
    }

    private final DatasetSpec spec;
    private final Path cacheRoot;
    private final List<String> mirrors;
    private final int timeoutMillis;
    private final Path explicitDir;

    /** A locator that searches the system directories, the cache and the mirrors (no folder given). */
    public DatasetLocator(DatasetSpec spec, Path cacheRoot, List<String> mirrors, int timeoutMillis) {
        this(spec, cacheRoot, mirrors, timeoutMillis, null);
    }

    /**
     * @param cacheRoot   the cache root; the dataset lives in {@code cacheRoot/<name>}
     * @param mirrors     base URLs, each followed by a file name gives a download address
     * @param explicitDir the folder the user named for this dataset, or null
     */
    public DatasetLocator(DatasetSpec spec, Path cacheRoot, List<String> mirrors, int timeoutMillis, Path explicitDir) {
        if (timeoutMillis <= 0) {
            throw new IllegalArgumentException("download timeout must be positive, got " + timeoutMillis + " ms");
        }
        this.spec = spec;
        this.cacheRoot = cacheRoot;
        this.mirrors = List.copyOf(mirrors);
        this.timeoutMillis = timeoutMillis;
        this.explicitDir = explicitDir;
    }

    /** The locator of {@code spec} with the folders and mirrors of {@code settings}. */
    public static DatasetLocator of(DatasetSpec spec, StudySettings settings) {
        StudySettings.DataSource source = settings.data(spec.settingsPrefix());
        return new DatasetLocator(spec, settings.dataCache(), source.mirrors() != null ? source.mirrors() : spec.mirrors(),
                DEFAULT_TIMEOUT_MILLIS, source.dir());
    }

    public Path cacheDir() {
        return cacheRoot.resolve(spec.name());
    }

    /** The directory holding all four files, downloading them if needed. */
    public Path locate() {
        return find().dir();
    }

    /** Like {@link #locate()}, also saying where the files came from. */
    public Location find() {
        String override = spec.dirEnv() + " / -D" + spec.dirProperty();
        if (explicitDir != null) {
            Path dir = explicitDir.toAbsolutePath().normalize();
            List<String> missing = missing(dir);
            if (missing.isEmpty()) {
                return new Location(spec, dir, override);
            }
            throw new DatasetException(override + " points at " + dir + " but " + (Files.isDirectory(dir)
                    ? "that directory lacks " + String.join(", ", missing) : "that directory does not exist")
                    + ". Point it at the directory holding the four " + spec.name() + " files ("
                    + String.join(", ", DatasetSpec.FILES) + "), or unset it to use the cache and download.");
        }
        List<String> looked = new ArrayList<>();
        looked.add(override + " (not set)");
        for (String s : spec.systemDirs()) {
            Path dir = Path.of(s);
            if (missing(dir).isEmpty()) {
                return new Location(spec, dir, "system directory");
            }
            looked.add(dir + " (" + (Files.isDirectory(dir) ? "incomplete" : "not there") + ")");
        }
        Path cache = cacheDir();
        if (missing(cache).isEmpty()) {
            return new Location(spec, cache, "per-user cache");
        }
        looked.add(cache + " (per-user cache, " + (Files.isDirectory(cache) ? "incomplete" : "empty") + ")");
        List<String> failures = new ArrayList<>();
        if (mirrors.isEmpty()) {
            failures.add("no download mirrors configured");
        }
        for (String file : missing(cache)) {
            if (mirrors.isEmpty() || !download(file, cache, failures)) {
                break; // without this file the set is incomplete; do not wait on the others' timeouts too
            }
        }
        if (missing(cache).isEmpty()) {
            return new Location(spec, cache, "downloaded into the per-user cache, MD5 verified");
        }
        throw new DatasetException("could not find the " + spec.name() + " files. Looked in: " + String.join("; ", looked)
                + ". Download into the cache failed: " + String.join("; ", failures) + ". If you are offline, copy the "
                + "four files (" + String.join(", ", DatasetSpec.FILES) + ") into a directory and set "
                + spec.dirEnv() + "=/path/to/dir (or -D" + spec.dirProperty() + "=/path/to/dir).");
    }

    private static List<String> missing(Path dir) {
        List<String> m = new ArrayList<>();
        for (String f : DatasetSpec.FILES) {
            if (!Files.isRegularFile(DatasetSpec.resolve(dir, f))) {
                m.add(f);
            }
        }
        return m;
    }

    private void ensureWritable(Path cache) {
        String fix = " Set MNIST_CACHE (or -Dmnist.cache) to a writable directory, or " + spec.dirEnv()
                + " to a directory that already holds the files.";
        try {
            Files.createDirectories(cache);
        } catch (IOException e) {
            throw new DatasetException("cannot create the data cache " + cache + " (" + e + ")." + fix, e);
        }
        if (!Files.isWritable(cache)) {
            throw new DatasetException("the data cache " + cache + " is not writable." + fix);
        }
    }

    /** Tries each mirror for {@code file}; true when it is in the cache, verified. Reasons of failure go to the list. */
    private boolean download(String file, Path cache, List<String> failures) {
        ensureWritable(cache);
        String expected = spec.md5().get(file);
        for (String mirror : mirrors) {
            String url = mirror.endsWith("/") ? mirror + file : mirror + "/" + file;
            Path tmp;
            try {
                tmp = Files.createTempFile(cache, "." + file + "-", ".part");
            } catch (IOException e) {
                throw new DatasetException("cannot write into the data cache " + cache + " (" + e + "). Set MNIST_CACHE "
                        + "(or -Dmnist.cache) to a writable directory.", e);
            }
            System.out.print("downloading " + url + " ... ");
            System.out.flush();
            try {
                long[] size = new long[1];
                String md5 = fetch(url, tmp, size);
                if (expected != null && !expected.equals(md5)) {
                    throw new IOException("checksum mismatch: MD5 " + md5 + " is not the canonical " + expected);
                }
                if (file.contains("images")) {
                    IdxReader.readImages(tmp, 28, 28);
                } else {
                    IdxReader.readLabels(tmp, 10);
                }
                Files.move(tmp, cache.resolve(file), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                System.out.printf(Locale.ROOT, "done (%.1f MB, %s)%n", size[0] / 1e6,
                        expected != null ? "MD5 verified" : "no canonical MD5 known, structure verified");
                return true;
            } catch (IOException | DatasetException e) {
                String reason = e instanceof SocketTimeoutException
                        ? "timed out after " + timeoutMillis + " ms (" + e.getMessage() + ")"
                        : e instanceof DatasetException
                        ? "not a valid IDX file: " + e.getMessage().replace(tmp.toString(), "the download")
                        : e.getMessage() != null ? e.getMessage() : e.toString();
                System.out.println("failed: " + reason);
                failures.add(url + ": " + reason);
            } finally {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the temporary file was moved or cannot be removed; nothing more to do
                }
            }
        }
        return false;
    }

    /** Downloads {@code url} into {@code target}; returns the MD5 of the bytes received. */
    private String fetch(String url, Path target, long[] size) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setConnectTimeout(timeoutMillis);
        c.setReadTimeout(timeoutMillis);
        c.setRequestProperty("User-Agent", "mnist-study");
        try {
            int status = c.getResponseCode();
            if (status != 200) {
                throw new IOException("HTTP " + status + (status == 404 ? " (not found on this mirror)" : ""));
            }
            long declared = c.getContentLengthLong();
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            long total = 0;
            try (InputStream in = c.getInputStream();
                 OutputStream out = new DigestOutputStream(Files.newOutputStream(target), md5)) {
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = in.read(buf)) > 0) {
                    out.write(buf, 0, n);
                    total += n;
                }
            } catch (SocketTimeoutException e) {
                throw e;
            } catch (IOException e) {
                throw new IOException("download broke off after " + total + (declared >= 0 ? " of " + declared : "")
                        + " bytes (" + e.getMessage() + ")", e);
            }
            if (declared >= 0 && total != declared) {
                throw new IOException("download broke off after " + total + " of " + declared + " bytes");
            }
            size[0] = total;
            return HexFormat.of().formatHex(md5.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no MD5", e);
        } finally {
            c.disconnect();
        }
    }

    static String md5(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            MessageDigest md = MessageDigest.getInstance("MD5");
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no MD5", e);
        }
    }
}
