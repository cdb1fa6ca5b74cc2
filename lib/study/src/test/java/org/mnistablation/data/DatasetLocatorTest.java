package org.mnistablation.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The download path against a local HTTP server on 127.0.0.1 serving fixture files, good and bad. */
class DatasetLocatorTest {

    @TempDir
    Path dir;

    HttpServer server;
    final Map<String, byte[]> files = new HashMap<>();
    final Map<String, String> md5 = new HashMap<>();
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
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring(1);
            byte[] body = files.get(name);
            try {
                switch (mode) {
                    case "404" -> {
                        exchange.sendResponseHeaders(404, -1);
                        return;
                    }
                    case "slow" -> Thread.sleep(3000);
                    case "corrupt" -> {
                        body = body.clone();
                        body[body.length / 2] ^= 0x42;
                    }
                    case "truncated" -> {
                        exchange.sendResponseHeaders(200, body.length);
                        try (OutputStream out = exchange.getResponseBody()) {
                            out.write(body, 0, body.length / 2);
                        }
                        return;
                    }
                    default -> {
                    }
                }
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } catch (InterruptedException | java.io.IOException e) {
                exchange.close();
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    DatasetLocator locator(Path cache, int timeoutMillis) {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        DatasetSpec spec = new DatasetSpec("fixture", "fixture.dir.unset", "FIXTURE_DIR_UNSET", List.of(), List.of(url), md5);
        return new DatasetLocator(spec, cache, List.of(url), timeoutMillis);
    }

    static long leftovers(Path d) throws Exception {
        if (!Files.isDirectory(d)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(d)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".part")).count();
        }
    }

    @Test
    void downloadsVerifiesAndCaches() throws Exception {
        Path found = locator(dir, 2000).locate();
        assertEquals(dir.resolve("fixture"), found);
        for (String f : DatasetSpec.FILES) {
            assertTrue(Files.isRegularFile(found.resolve(f)), f);
        }
        assertEquals(0, leftovers(dir));
        IdxReader.read(found.resolve(DatasetSpec.TRAIN_IMAGES), found.resolve(DatasetSpec.TRAIN_LABELS), 28, 28, 10);
        mode = "404";
        assertEquals(found, locator(dir, 2000).locate(), "second time from the cache, no network needed");
    }

    @Test
    void wrongChecksumIsRejectedAndNothingIsKept() throws Exception {
        mode = "corrupt";
        DatasetException e = assertThrows(DatasetException.class, () -> locator(dir, 2000).locate());
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("fixture").resolve(DatasetSpec.TRAIN_IMAGES)));
        assertEquals(0, leftovers(dir));
    }

    @Test
    void httpErrorsTimeoutsAndTruncationEndInClearMessages() throws Exception {
        mode = "404";
        DatasetException e404 = assertThrows(DatasetException.class, () -> locator(dir, 2000).locate());
        assertTrue(e404.getMessage().contains("HTTP 404") && e404.getMessage().contains("FIXTURE_DIR_UNSET"), e404.getMessage());
        mode = "slow";
        DatasetException slow = assertThrows(DatasetException.class, () -> locator(dir, 300).locate());
        assertTrue(slow.getMessage().toLowerCase().contains("timed out"), slow.getMessage());
        mode = "truncated";
        DatasetException cut = assertThrows(DatasetException.class, () -> locator(dir, 2000).locate());
        assertTrue(cut.getMessage().contains("Download failed"), cut.getMessage());
        assertEquals(0, leftovers(dir));
        assertFalse(Files.exists(dir.resolve("fixture").resolve(DatasetSpec.TRAIN_IMAGES)));
    }

    @Test
    void offlineErrorSaysWhereItLookedAndWhatToSet() throws Exception {
        server.stop(0);
        DatasetException e = assertThrows(DatasetException.class, () -> locator(dir, 500).locate());
        assertTrue(e.getMessage().contains("Looked in") && e.getMessage().contains(dir.resolve("fixture").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("set FIXTURE_DIR_UNSET="), e.getMessage());
    }

    @Test
    void unwritableCacheIsReported() throws Exception {
        Path notADirectory = dir.resolve("file");
        Files.writeString(notADirectory, "x");
        DatasetException e = assertThrows(DatasetException.class, () -> locator(notADirectory, 2000).locate());
        assertTrue(e.getMessage().contains("cannot create the data cache"), e.getMessage());
    }

    @Test
    void explicitDirectoryIsUsedWithoutChecksumsAndAMissingOneIsReported() throws Exception {
        Path data = IdxFixtures.dataset(dir.resolve("mine"), 20, 5);
        DatasetSpec spec = new DatasetSpec("fixture", "fixture.dir.test", "FIXTURE_DIR_TEST", List.of(), List.of(), md5);
        System.setProperty("fixture.dir.test", data.toString());
        try {
            assertEquals(data, new DatasetLocator(spec, dir.resolve("cache"), List.of(), 1000).locate());
            System.setProperty("fixture.dir.test", dir.resolve("nowhere").toString());
            DatasetException e = assertThrows(DatasetException.class,
                    () -> new DatasetLocator(spec, dir.resolve("cache"), List.of(), 1000).locate());
            assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        } finally {
            System.clearProperty("fixture.dir.test");
        }
    }
}
