package org.mnistablation.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The small JSON the run cache writes and reads: objects, arrays, strings, numbers, booleans and null. Written
 * canonically (keys sorted, no spaces, numbers as Java prints them) so that equal values give equal text; read back
 * as {@code Map} (sorted), {@code List}, {@code String}, {@code Long} or {@code Double}, {@code Boolean}, null.
 */
final class Json {

    private Json() {
    }

    /** The canonical text of {@code value}. */
    static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(value, sb);
        return sb.toString();
    }

    private static void write(Object v, StringBuilder sb) {
        if (v == null || v instanceof Boolean || v instanceof Integer || v instanceof Long) {
            sb.append(v);
        } else if (v instanceof Double d) {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("JSON has no " + d);
            }
            sb.append(d);
        } else if (v instanceof String s) {
            sb.append('"');
            for (char c : s.toCharArray()) {
                if (c == '"' || c == '\\') {
                    sb.append('\\').append(c);
                } else if (c < 0x20) {
                    sb.append(String.format("\\u%04x", (int) c));
                } else {
                    sb.append(c);
                }
            }
            sb.append('"');
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            String sep = "";
            for (Map.Entry<?, ?> e : new TreeMap<>(m).entrySet()) {
                sb.append(sep);
                write(e.getKey().toString(), sb);
                sb.append(':');
                write(e.getValue(), sb);
                sep = ",";
            }
            sb.append('}');
        } else if (v instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                sb.append(i == 0 ? "" : ",");
                write(l.get(i), sb);
            }
            sb.append(']');
        } else {
            throw new IllegalArgumentException("no JSON form for " + v.getClass().getSimpleName());
        }
    }

    /** Parses {@code text}; malformed text gives an IllegalArgumentException saying where. */
    static Object read(String text) {
        Reader r = new Reader(text);
        Object v = r.value();
        r.skipSpace();
        if (r.at < text.length()) {
            throw r.error("end of text");
        }
        return v;
    }

    private static final class Reader {
        private final String s;
        private int at;

        Reader(String s) {
            this.s = s;
        }

        Object value() {
            skipSpace();
            if (at >= s.length()) {
                throw error("a value");
            }
            char c = s.charAt(at);
            if (c == '{') {
                Map<String, Object> m = new TreeMap<>();
                at++;
                skipSpace();
                if (peek('}')) {
                    return m;
                }
                do {
                    skipSpace();
                    String key = string();
                    skipSpace();
                    expect(':');
                    m.put(key, value());
                    skipSpace();
                } while (peek(','));
                expect('}');
                return m;
            }
            if (c == '[') {
                List<Object> l = new ArrayList<>();
                at++;
                skipSpace();
                if (peek(']')) {
                    return l;
                }
                do {
                    l.add(value());
                    skipSpace();
                } while (peek(','));
                expect(']');
                return l;
            }
            if (c == '"') {
                return string();
            }
            for (String word : new String[]{"true", "false", "null"}) {
                if (s.startsWith(word, at)) {
                    at += word.length();
                    return word.equals("null") ? null : Boolean.valueOf(word);
                }
            }
            int start = at;
            while (at < s.length() && "+-0123456789.eE".indexOf(s.charAt(at)) >= 0) {
                at++;
            }
            String number = s.substring(start, at);
            try {
                return number.matches("-?\\d+") ? (Object) Long.valueOf(number) : (Object) Double.valueOf(number);
            } catch (NumberFormatException e) {
                throw error("a value");
            }
        }

        String string() {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (at < s.length() && s.charAt(at) != '"') {
                char c = s.charAt(at++);
                if (c == '\\' && at < s.length()) {
                    char e = s.charAt(at++);
                    if (e == 'u' && at + 4 <= s.length()) {
                        sb.append((char) Integer.parseInt(s.substring(at, at + 4), 16));
                        at += 4;
                    } else {
                        sb.append(switch (e) {
                            case 'n' -> '\n';
                            case 't' -> '\t';
                            case 'r' -> '\r';
                            case 'b' -> '\b';
                            case 'f' -> '\f';
                            default -> e;
                        });
                    }
                } else {
                    sb.append(c);
                }
            }
            expect('"');
            return sb.toString();
        }

        void skipSpace() {
            while (at < s.length() && Character.isWhitespace(s.charAt(at))) {
                at++;
            }
        }

        boolean peek(char c) {
            if (at < s.length() && s.charAt(at) == c) {
                at++;
                return true;
            }
            return false;
        }

        void expect(char c) {
            if (!peek(c)) {
                throw error("'" + c + "'");
            }
        }

        IllegalArgumentException error(String expected) {
            return new IllegalArgumentException("malformed JSON: expected " + expected + " at character " + at);
        }
    }
}
