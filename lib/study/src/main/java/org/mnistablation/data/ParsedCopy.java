package org.mnistablation.data;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A parsed copy of a dataset's four files, so that a notebook kernel's setup cell does not inflate the gzipped IDX
 * files and hash 70,000 float images again (measured as the largest part of the setup cell): the pixels as the
 * bytes they were read from, the labels, and the split's identity, in {@code <data cache>/<dataset>/parsed/<key>.bin}.
 * The key is a SHA-256 over the four source files' names and bytes (and this format's version), so a changed file
 * is parsed afresh; the pixels come back through the same {@code value / 255f} as {@link IdxReader}'s, so the
 * images and the identity are bit-identical to a fresh parse (a copy is only written when every pixel survives the
 * round trip). A copy that cannot be read is ignored (the files are parsed and it is written again); one that cannot
 * be written is not kept. {@code STUDY_PARSED_CACHE=0} (or {@code -Dstudy.parsed.cache=0}) turns it off.
 */
final class ParsedCopy {

    private static final int MAGIC = 0x4d53_5043; // "MSPC"
    private static final int VERSION = 1;

    /** The two sets as read from the files, and the identity of the split made of them. */
    record Sets(LabeledImages train, LabeledImages test, String identity) {
    }

    /** A stored copy: the two sets as bytes, turned into images range by range (no full-size copy to slice). */
    record Copy(Raw train, Raw test, String identity) {
    }

    /** One set's pixels and labels as stored (one byte each). */
    record Raw(byte[] pixels, byte[] labels, int rows, int cols) {

        int count() {
            return labels.length;
        }

        /** Images {@code from} (inclusive) to {@code to} (exclusive), pixels scaled as {@link IdxReader} does. */
        LabeledImages images(int from, int to) {
            int n = rows * cols;
            float[] scale = new float[256];
            for (int v = 0; v < 256; v++) {
                scale[v] = v / 255f;
            }
            float[] px = new float[(to - from) * n];
            for (int i = 0, j = from * n; i < px.length; i++, j++) {
                px[i] = scale[pixels[j] & 0xff];
            }
            int[] l = new int[to - from];
            for (int i = 0; i < l.length; i++) {
                l[i] = labels[from + i] & 0xff;
            }
            return new LabeledImages(px, l, rows, cols);
        }
    }

    private ParsedCopy() {
    }

    /** The copy's file for the files of {@code where}, under {@code dir}. */
    static Path file(Path dir, DatasetLocator.Location where) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(("parsed-v" + VERSION + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            byte[] buf = new byte[1 << 16];
            for (String name : DatasetSpec.FILES) {
                Path f = where.file(name);
                md.update((f.getFileName() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                try (InputStream in = Files.newInputStream(f)) {
                    for (int n; (n = in.read(buf)) > 0; ) {
                        md.update(buf, 0, n);
                    }
                }
            }
            return dir.resolve(HexFormat.of().formatHex(md.digest()).substring(0, 32) + ".bin");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }

    /** The stored copy of {@code where}'s files, or null when there is none (or it does not read back whole). */
    static Copy read(Path dir, DatasetLocator.Location where) {
        try {
            Path f = file(dir, where);
            if (!Files.isRegularFile(f)) {
                return null;
            }
            try (var in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(f), 1 << 20))) {
                if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                    return null;
                }
                String identity = in.readUTF();
                Raw train = readSet(in);
                Raw test = readSet(in);
                if (in.read() != -1) {
                    return null;
                }
                return new Copy(train, test, identity);
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Stores the copy (atomically: a temporary file renamed into place); false when it was not kept. */
    static boolean write(Path dir, DatasetLocator.Location where, Sets sets) {
        Path tmp = null;
        try {
            Path f = file(dir, where);
            var bytes = new ByteArrayOutputStream();
            try (var out = new DataOutputStream(bytes)) {
                out.writeInt(MAGIC);
                out.writeInt(VERSION);
                out.writeUTF(sets.identity());
                if (!writeSet(out, sets.train()) || !writeSet(out, sets.test())) {
                    return false;
                }
            }
            Files.createDirectories(dir);
            tmp = dir.resolve(f.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
            Files.write(tmp, bytes.toByteArray());
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException | RuntimeException e) {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // nothing kept either way
                }
            }
            return false;
        }
    }

    private static boolean writeSet(DataOutputStream out, LabeledImages set) throws IOException {
        float[] px = set.pixels();
        byte[] b = new byte[px.length];
        for (int i = 0; i < px.length; i++) {
            int v = Math.round(px[i] * 255f);
            if (v < 0 || v > 255 || Float.floatToRawIntBits(v / 255f) != Float.floatToRawIntBits(px[i])) {
                return false; // not an 8-bit image read by IdxReader: keep no copy
            }
            b[i] = (byte) v;
        }
        int[] labels = set.labels();
        byte[] l = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] > 255) {
                return false;
            }
            l[i] = (byte) labels[i];
        }
        out.writeInt(set.count());
        out.writeInt(set.rows());
        out.writeInt(set.cols());
        out.write(b);
        out.write(l);
        return true;
    }

    private static Raw readSet(DataInputStream in) throws IOException {
        int count = in.readInt();
        int rows = in.readInt();
        int cols = in.readInt();
        if (count < 0 || rows <= 0 || cols <= 0 || (long) count * rows * cols > Integer.MAX_VALUE - 8) {
            throw new IOException("bad shape");
        }
        byte[] b = new byte[count * rows * cols];
        in.readFully(b);
        byte[] l = new byte[count];
        in.readFully(l);
        return new Raw(b, l, rows, cols);
    }
}
