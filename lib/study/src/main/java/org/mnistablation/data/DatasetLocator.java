package org.mnistablation.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Finds a dataset's four files, in this order: (1) a directory named by a system property or environment variable
 * (e.g. {@code -Dmnist.dir=...} or {@code MNIST_DIR}); (2) known system locations (Debian's
 * {@code dataset-fashion-mnist}); (3) the per-user cache ({@code ~/.cache/mnist-study/<name>}, or
 * {@code MNIST_CACHE}/{@code -Dmnist.cache}); (4) a download of the canonical files into that cache, each checked
 * against its MD5 and moved into place only when complete. Files from a user-supplied directory are not
 * checksum-checked (they may be rebuilt copies); their structure is validated when read.
 */
public final class DatasetLocator {

    private final DatasetSpec spec;
    private final Path cacheRoot;
    private final List<String> mirrors;
    private final int timeoutMillis;

    public DatasetLocator(DatasetSpec spec, Path cacheRoot, List<String> mirrors, int timeoutMillis) {
        this.spec = spec;
        this.cacheRoot = cacheRoot;
        this.mirrors = mirrors;
        this.timeoutMillis = timeoutMillis;
    }

    /** The locator configured from system properties and environment variables. */
    public static DatasetLocator fromEnvironment(DatasetSpec spec) {
        String cache = setting("mnist.cache", "MNIST_CACHE");
        Path root = cache != null ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache", "mnist-study");
        String mirror = setting("mnist.mirror", "MNIST_MIRROR");
        List<String> mirrors = mirror != null ? List.of(mirror.split(",")) : spec.mirrors();
        return new DatasetLocator(spec, root, mirrors, 30_000);
    }

    static String setting(String property, String env) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            v = System.getenv(env);
        }
        return v == null || v.isBlank() ? null : v.trim();
    }

    public Path cacheDir() {
        return cacheRoot.resolve(spec.name());
    }

    /** The directory holding all four files, downloading them if needed. */
    public Path locate() {
        List<String> looked = new ArrayList<>();
        String explicit = setting(spec.dirProperty(), spec.dirEnv());
        if (explicit != null) {
            Path dir = Path.of(explicit);
            List<String> missing = missing(dir);
            if (missing.isEmpty()) {
                return dir;
            }
            throw new DatasetException(spec.dirEnv() + " / -D" + spec.dirProperty() + " points at " + dir.toAbsolutePath()
                    + " but " + (Files.isDirectory(dir) ? "it lacks " + String.join(", ", missing) : "that directory does not exist")
                    + ". Point it at the directory holding the four " + spec.name() + " .gz files.");
        }
        looked.add(spec.dirEnv() + " / -D" + spec.dirProperty() + " (not set)");
        for (String s : spec.systemDirs()) {
            Path dir = Path.of(s);
            if (missing(dir).isEmpty()) {
                return dir;
            }
            looked.add(dir + " (not there)");
        }
        Path cache = cacheDir();
        if (missing(cache).isEmpty()) {
            return cache;
        }
        looked.add(cache + " (cache: " + (Files.isDirectory(cache) ? "incomplete" : "empty") + ")");
        List<String> failures = new ArrayList<>();
        for (String file : missing(cache)) {
            download(file, cache, failures);
        }
        if (missing(cache).isEmpty()) {
            return cache;
        }
        throw new DatasetException("could not find the " + spec.name() + " files. Looked in: " + String.join("; ", looked)
                + ". Download failed: " + String.join("; ", failures) + ". If you are offline, copy the four .gz files "
                + "into a directory and set " + spec.dirEnv() + "=/path/to/dir (or -D" + spec.dirProperty() + "=...).");
    }

    private static List<String> missing(Path dir) {
        List<String> m = new ArrayList<>();
        for (String f : DatasetSpec.FILES) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                m.add(f);
            }
        }
        return m;
    }

    private void download(String file, Path cache, List<String> failures) {
        try {
            Files.createDirectories(cache);
        } catch (IOException e) {
            throw new DatasetException("cannot create the data cache " + cache + " (" + e + "); set MNIST_CACHE to a "
                    + "writable directory or MNIST_DIR to a directory that already holds the files", e);
        }
        String expected = spec.md5().get(file);
        for (String mirror : mirrors) {
            String url = mirror.endsWith("/") ? mirror + file : mirror + "/" + file;
            Path tmp = null;
            try {
                tmp = Files.createTempFile(cache, file, ".part");
                String md5 = fetch(url, tmp);
                if (expected != null && !expected.equals(md5)) {
                    failures.add(url + ": checksum " + md5 + " is not the canonical " + expected);
                    continue;
                }
                IdxReader.readBytes(tmp); // a complete gzip stream
                Files.move(tmp, cache.resolve(file), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                tmp = null;
                System.out.println("downloaded " + url + " (MD5 verified)");
                return;
            } catch (IOException | DatasetException e) {
                failures.add(url + ": " + e.getMessage());
            } finally {
                if (tmp != null) {
                    try {
                        Files.deleteIfExists(tmp);
                    } catch (IOException ignored) {
                        // nothing more to do
                    }
                }
            }
        }
    }

    private String fetch(String url, Path target) throws IOException {
        URL u = URI.create(url).toURL();
        HttpURLConnection c = (HttpURLConnection) u.openConnection();
        c.setConnectTimeout(timeoutMillis);
        c.setReadTimeout(timeoutMillis);
        try {
            int status = c.getResponseCode();
            if (status != 200) {
                throw new IOException("HTTP " + status);
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
            }
            if (declared >= 0 && total != declared) {
                throw new IOException("connection closed after " + total + " of " + declared + " bytes");
            }
            return HexFormat.of().formatHex(md5.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            c.disconnect();
        }
    }
}
