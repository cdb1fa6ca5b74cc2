package org.mnistablation.measure;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Collectors;

/**
 * Cache ids of measures: the measure's name and version, then a digest of every parameter of its definition, e.g.
 * {@code gradient-noise-v1-3fa85f64}. Another parameter or version gives another id, so a cached value is only ever
 * read back for the definition that computed it.
 */
final class MeasureIds {

    private MeasureIds() {
    }

    /** {@code nameAndVersion} followed by a digest of the parameters' text. */
    static String id(String nameAndVersion, Object... parameters) {
        String text = Arrays.stream(parameters).map(String::valueOf).collect(Collectors.joining("|"));
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return nameAndVersion + "-" + HexFormat.of().formatHex(d).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }
}
