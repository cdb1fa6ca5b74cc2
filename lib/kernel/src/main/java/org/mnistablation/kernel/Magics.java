package org.mnistablation.kernel;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Argument handling of the {@code %classpath}/{@code %jars} magics. */
final class Magics {

    private Magics() {
    }

    /**
     * Splits the arguments on whitespace (double quotes keep spaces), resolves relative paths against
     * {@code base} and expands a {@code *} in the file name part (e.g. {@code deps/*.jar}).
     */
    static List<String> expand(String args, Path base) {
        List<String> out = new ArrayList<>();
        for (String token : tokens(args)) {
            Path p = base.resolve(token).normalize();
            String name = p.getFileName() == null ? "" : p.getFileName().toString();
            if (name.contains("*") && p.getParent() != null && Files.isDirectory(p.getParent())) {
                List<String> matches = new ArrayList<>();
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(p.getParent(), name)) {
                    ds.forEach(m -> matches.add(m.toString()));
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot list " + p.getParent() + ": " + e.getMessage(), e);
                }
                matches.sort(String::compareTo);
                out.addAll(matches);
            } else {
                out.add(p.toString());
            }
        }
        return out;
    }

    static List<String> tokens(String args) {
        List<String> t = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : args.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (cur.length() > 0) {
                    t.add(cur.toString());
                    cur.setLength(0);
                }
            } else {
                cur.append(c);
            }
        }
        if (cur.length() > 0) {
            t.add(cur.toString());
        }
        return t;
    }
}
