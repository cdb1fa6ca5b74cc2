package org.mnistablation.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The EXIF orientation tag (0x0112) of a JPEG file, read from its APP1 segment; 1 (upright) when there is none. */
final class Exif {

    private Exif() {
    }

    static int jpegOrientation(Path file) {
        byte[] b;
        try (InputStream in = Files.newInputStream(file)) {
            b = in.readNBytes(1 << 17);
        } catch (IOException e) {
            return 1;
        }
        if (b.length < 4 || (b[0] & 0xff) != 0xFF || (b[1] & 0xff) != 0xD8) {
            return 1;
        }
        int p = 2;
        while (p + 4 <= b.length && (b[p] & 0xff) == 0xFF) {
            int marker = b[p + 1] & 0xff;
            if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
                p += 2;
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) {
                return 1; // image data starts: no EXIF before it
            }
            int len = ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
            int start = p + 4;
            if (marker == 0xE1 && start + 6 <= b.length && b[start] == 'E' && b[start + 1] == 'x' && b[start + 2] == 'i'
                    && b[start + 3] == 'f' && b[start + 4] == 0 && b[start + 5] == 0) {
                return tiffOrientation(b, start + 6, Math.min(b.length, p + 2 + len));
            }
            p += 2 + len;
        }
        return 1;
    }

    private static int tiffOrientation(byte[] b, int tiff, int end) {
        if (tiff + 8 > end) {
            return 1;
        }
        boolean little = b[tiff] == 'I' && b[tiff + 1] == 'I';
        if (!little && !(b[tiff] == 'M' && b[tiff + 1] == 'M')) {
            return 1;
        }
        long ifd = u32(b, tiff + 4, little);
        int p = (int) (tiff + ifd);
        if (ifd < 8 || p + 2 > end) {
            return 1;
        }
        int n = u16(b, p, little);
        for (int i = 0; i < n; i++) {
            int e = p + 2 + 12 * i;
            if (e + 12 > end) {
                return 1;
            }
            if (u16(b, e, little) == 0x0112) {
                int v = u16(b, e + 8, little);
                return v >= 1 && v <= 8 ? v : 1;
            }
        }
        return 1;
    }

    private static int u16(byte[] b, int p, boolean little) {
        return little ? (b[p] & 0xff) | ((b[p + 1] & 0xff) << 8) : ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
    }

    private static long u32(byte[] b, int p, boolean little) {
        return little ? (u16(b, p, true) | ((long) u16(b, p + 2, true) << 16)) : (((long) u16(b, p, false) << 16) | u16(b, p + 2, false));
    }

    /**
     * Index of the source pixel shown at (x, y) of the upright image: orientation 1–8 as EXIF defines them (the
     * upright image is {@code ow × oh}, the stored one {@code sw × sh}).
     */
    static int source(int orientation, int x, int y, int sw, int sh) {
        int sx;
        int sy;
        switch (orientation) {
            case 2 -> { sx = sw - 1 - x; sy = y; }
            case 3 -> { sx = sw - 1 - x; sy = sh - 1 - y; }
            case 4 -> { sx = x; sy = sh - 1 - y; }
            case 5 -> { sx = y; sy = x; }
            case 6 -> { sx = y; sy = sh - 1 - x; }
            case 7 -> { sx = sw - 1 - y; sy = sh - 1 - x; }
            case 8 -> { sx = sw - 1 - y; sy = x; }
            default -> { sx = x; sy = y; }
        }
        return sy * sw + sx;
    }

    static boolean swapsSides(int orientation) {
        return orientation >= 5;
    }
}
