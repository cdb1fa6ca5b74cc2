package org.mnistablation.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.mnistablation.settings.StudySettings;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the files, and the download path against a local HTTP server on 127.0.0.1 serving fixture files. */
class DatasetLocatorTest {

    @TempDir
    Path dir;

    HttpServer server;
    ExecutorService pool;
    final Map<String, byte[]> files = new HashMap<>();
    final Map<String, String> md5 = new HashMap<>();
    /** What the server does: good, 404, slow, corrupt (wrong checksum), truncated, badidx (gzip of a cut IDX file). */
    volatile String mode = "good";

    @BeforeEach
    void start() throws Exception {
        for (String f : DatasetSpec.FILES) {
            boolean images = f.contains("images");
            boolean train = f.startsWith("train");
            byte[] raw = images ? IdxFixtures.images(train ? 20 : 5, 28, 28) : IdxFixtures.labels(train ? 20 : 5);
            byte[] gz = IdxFixtures.gzip(raw);
            files.put(f, gz);
            md5.put(f, HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(gz)));
        }
        pool = Executors.newCachedThreadPool();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(pool);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body = files.get(path.substring(1));
            try (exchange) {
                if (body == null || mode.equals("404")) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                switch (mode) {
                    case "slow" -> Thread.sleep(5000);
                    case "corrupt" -> {
                        body = body.clone();
                        body[body.length / 2] ^= 0x42;
                    }
                    case "badidx" -> body = IdxFixtures.gzip(Arrays.copyOf(gunzip(body), 100));
                    case "truncated" -> {
                        exchange.sendResponseHeaders(200, body.length);
                        exchange.getResponseBody().write(body, 0, body.length / 2);
                        exchange.getResponseBody().flush();
                        return; // closing the exchange now ends the connection early
                    }
                    default -> {
                    }
                }
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } catch (InterruptedException | IOException e) {
                // the client gave up or the server is stopping
            }
        });
        server.start();
    }

    static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    @AfterEach
    void stop() {
        server.stop(0);
        pool.shutdownNow();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    DatasetSpec spec(Map<String, String> checksums) {
        return new DatasetSpec("fixture", "fixture.t", List.of(), List.of(url()), checksums);
    }

    DatasetLocator locator(Path cache, int timeoutMillis) {
        return new DatasetLocator(spec(md5), cache, List.of(url()), timeoutMillis);
    }

    /** Files left in {@code d} other than complete dataset files: temporary downloads. */
    static long leftovers(Path d) throws IOException {
        if (!Files.isDirectory(d)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(d)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !DatasetSpec.FILES.contains(p.getFileName().toString()))
                    .count();
        }
    }

    static String captureStdout(Supplier<?> action) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            action.get();
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        old.print(out);
        return out;
    }

    void assertNothingKept() throws IOException {
        assertEquals(0, leftovers(dir), "no temporary file left behind");
        assertFalse(Files.exists(dir.resolve("fixture").resolve(DatasetSpec.TRAIN_IMAGES)), "no unverified file kept");
    }

    static DatasetException failure(DatasetLocator locator) {
        return assertThrows(DatasetException.class, locator::find);
    }

    static void assertContains(String text, String... parts) {
        for (String p : parts) {
            assertTrue(text.contains(p), "lacks '" + p + "': " + text);
        }
    }

    @Test
    void downloadsVerifiesCachesAndPrintsOneLinePerFile() throws Exception {
        DatasetLocator.Location[] found = new DatasetLocator.Location[1];
        String out = captureStdout(() -> found[0] = locator(dir, 2000).find());
        assertEquals(dir.resolve("fixture"), found[0].dir());
        for (String f : DatasetSpec.FILES) {
            assertTrue(Files.isRegularFile(found[0].dir().resolve(f)), f);
            assertContains(out, "downloading " + url() + f + " ... done");
        }
        assertEquals(4, out.lines().count(), out);
        assertContains(out, "MD5 verified");
        assertEquals(0, leftovers(dir));
        assertContains(found[0].provenance(), "downloaded", "MD5 " + md5.get(DatasetSpec.TRAIN_IMAGES)
                + " matches the canonical file");
        LabeledImages train = IdxReader.read(found[0].file(DatasetSpec.TRAIN_IMAGES),
                found[0].file(DatasetSpec.TRAIN_LABELS), 28, 28, 10);
        assertEquals(20, train.count());

        mode = "404";
        DatasetLocator.Location again = locator(dir, 2000).find();
        assertEquals(found[0].dir(), again.dir(), "second time from the cache, no network needed");
        assertEquals("per-user cache", again.source());
    }

    @Test
    void aFailingMirrorFallsBackToTheNext() throws Exception {
        DatasetLocator l = new DatasetLocator(spec(md5), dir, List.of(url() + "nothing-here/", url()), 2000);
        String out = captureStdout(l::find);
        assertContains(out, "nothing-here/" + DatasetSpec.TRAIN_IMAGES + " ... failed: HTTP 404");
        assertTrue(Files.isRegularFile(dir.resolve("fixture").resolve(DatasetSpec.TEST_LABELS)));
        assertEquals(0, leftovers(dir));
    }

    @Test
    void wrongChecksumIsRejectedAndNothingIsKept() throws Exception {
        mode = "corrupt";
        DatasetException e = failure(locator(dir, 2000));
        assertContains(e.getMessage(), "checksum mismatch", "is not the canonical " + md5.get(DatasetSpec.TRAIN_IMAGES));
        assertNothingKept();
    }

    @Test
    void notFound() throws Exception {
        mode = "404";
        DatasetException e = failure(locator(dir, 2000));
        assertContains(e.getMessage(), "HTTP 404", url() + DatasetSpec.TRAIN_IMAGES, "set FIXTURE_T_DIR=");
        assertNothingKept();
    }

    @Test
    void slowServerTimesOut() throws Exception {
        mode = "slow";
        DatasetException e = failure(locator(dir, 300));
        assertContains(e.getMessage(), "timed out after 300 ms");
        assertNothingKept();
    }

    @Test
    void truncatedDownload() throws Exception {
        mode = "truncated";
        DatasetException e = failure(locator(dir, 2000));
        assertContains(e.getMessage(), "download broke off after", "of " + files.get(DatasetSpec.TRAIN_IMAGES).length);
        assertNothingKept();
    }

    @Test
    void withoutAKnownChecksumTheStructureIsChecked() throws Exception {
        mode = "badidx";
        DatasetException e = failure(new DatasetLocator(spec(Map.of()), dir, List.of(url()), 2000));
        assertContains(e.getMessage(), "not a valid IDX file: the download is truncated");
        assertNothingKept();
    }

    @Test
    void offlineErrorSaysWhereItLookedAndWhatToSet() throws Exception {
        server.stop(0);
        DatasetSpec spec = new DatasetSpec("fixture", "fixture.t", List.of(dir.resolve("system").toString()),
                List.of(url()), md5);
        DatasetException e = failure(new DatasetLocator(spec, dir, List.of(url()), 500));
        assertContains(e.getMessage(), "Looked in", "FIXTURE_T_DIR / -Dfixture.t.dir (not set)",
                dir.resolve("system") + " (not there)", dir.resolve("fixture") + " (per-user cache, empty)",
                "Download into the cache failed", "set FIXTURE_T_DIR=/path/to/dir");
        assertNothingKept();
    }

    @Test
    void noMirrorsAtAll() {
        DatasetException e = failure(new DatasetLocator(spec(md5), dir, List.of(), 500));
        assertContains(e.getMessage(), "no download mirrors configured", "FIXTURE_T_DIR");
    }

    @Test
    void unwritableCacheIsReported() throws Exception {
        Path aFile = dir.resolve("file");
        Files.writeString(aFile, "x");
        DatasetException e = failure(locator(aFile.resolve("cache"), 2000));
        assertContains(e.getMessage(), "cannot create the data cache", aFile.resolve("cache").toString(),
                "MNIST_CACHE", "FIXTURE_T_DIR");
        assertEquals("x", Files.readString(aFile));
        assertEquals(0, leftovers(dir.resolve("fixture")));
    }

    @Test
    void systemDirectoryComesBeforeTheCache() throws Exception {
        Path system = IdxFixtures.dataset(dir.resolve("system"), 20, 5);
        IdxFixtures.dataset(dir.resolve("fixture"), 20, 5);
        DatasetSpec spec = new DatasetSpec("fixture", "fixture.t", List.of(system.toString()), List.of(), md5);
        DatasetLocator.Location l = new DatasetLocator(spec, dir, List.of(), 500).find();
        assertEquals(system, l.dir());
        assertEquals("system directory", l.source());
    }

    @Test
    void explicitDirectoryIsUsedWithoutChecksumsAndProblemsAreReported() throws Exception {
        Path data = IdxFixtures.dataset(dir.resolve("mine"), 20, 5, false); // uncompressed: no checksum applies
        DatasetLocator l = new DatasetLocator(spec(Map.of()), dir.resolve("cache"), List.of(), 1000, data);
        DatasetLocator.Location found = l.find();
        assertEquals(data, found.dir());
        assertContains(found.provenance(), "FIXTURE_T_DIR / -Dfixture.t.dir", "uncompressed copy");
        Files.delete(data.resolve("t10k-labels-idx1-ubyte"));
        assertContains(failure(l).getMessage(), "lacks " + DatasetSpec.TEST_LABELS, data.toString());
        l = new DatasetLocator(spec(Map.of()), dir.resolve("cache"), List.of(), 1000, dir.resolve("nowhere"));
        assertContains(failure(l).getMessage(), "nowhere", "does not exist", "four fixture files");
        assertFalse(Files.exists(dir.resolve("cache")), "an explicit directory never falls back to the cache");
    }

    @Test
    void mirrorAndCacheComeFromTheSettings() throws Exception {
        StudySettings settings = StudySettings.parse(Map.of("mnist.mirror", "http://127.0.0.1:9/unused/, " + url(),
                "mnist.cache", dir.resolve("c").toString())::get, name -> null);
        DatasetSpec mnistNamed = new DatasetSpec("fixture", "mnist", List.of(), List.of(), md5);
        DatasetLocator.Location l = captureStdoutLocation(DatasetLocator.of(mnistNamed, settings));
        assertEquals(dir.resolve("c").resolve("fixture"), l.dir());
    }

    static DatasetLocator.Location captureStdoutLocation(DatasetLocator locator) {
        DatasetLocator.Location[] l = new DatasetLocator.Location[1];
        captureStdout(() -> l[0] = locator.find());
        return l[0];
    }

    /** The real MNIST settings (mnist.mirror, mnist.cache) against fixture files: the canonical MD5s reject them. */
    @Test
    void studyDataDownloadsMnistOnlyWithTheCanonicalChecksums() throws Exception {
        assumeTrue(System.getenv("MNIST_DIR") == null, "MNIST_DIR is set, so the download path is not taken");
        try {
            System.setProperty("mnist.mirror", url());
            System.setProperty("mnist.cache", dir.toString());
            DatasetException e = assertThrows(DatasetException.class,
                    () -> StudyData.load("mnist", StudySettings.fromEnvironment()));
            assertContains(e.getMessage(), "is not the canonical f68b3c2dcbeaaa9fbdd348bbdeb94873", "set MNIST_DIR=");
            assertEquals(0, leftovers(dir));
            assertFalse(Files.exists(dir.resolve("mnist").resolve(DatasetSpec.TRAIN_IMAGES)));
        } finally {
            System.clearProperty("mnist.mirror");
            System.clearProperty("mnist.cache");
        }
    }
}
