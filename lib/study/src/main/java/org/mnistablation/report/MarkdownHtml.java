package org.mnistablation.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The small Markdown subset the generated analyses use, turned into HTML: headings, paragraphs, bullet lists,
 * pipe tables, bold, italic, inline code, links and images. One output can then carry both text/html (browsers)
 * and text/markdown.
 */
public final class MarkdownHtml {

    private static final Pattern IMAGE = Pattern.compile("!\\[([^\\]]*)]\\(([^)]+)\\)");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)]\\(([^)]+)\\)");
    private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*");
    private static final Pattern ITALIC = Pattern.compile("(?<![\\w*])[_*](?![\\s_*])(.+?)(?<![\\s_*])[_*](?![\\w*])");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    private MarkdownHtml() {
    }

    public static String toHtml(String markdown) {
        StringBuilder out = new StringBuilder("<div class=\"study-analysis\">\n");
        List<String> paragraph = new ArrayList<>();
        List<String> lines = List.of(markdown.split("\n", -1));
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            if (line.isBlank()) {
                flush(paragraph, out);
                i++;
            } else if (line.startsWith("#")) {
                flush(paragraph, out);
                int level = 0;
                while (level < line.length() && line.charAt(level) == '#') {
                    level++;
                }
                level = Math.min(level, 6);
                out.append("<h").append(level).append('>').append(inline(line.substring(level).trim())).append("</h").append(level).append(">\n");
                i++;
            } else if (line.startsWith("- ") || line.startsWith("* ")) {
                flush(paragraph, out);
                out.append("<ul>\n");
                while (i < lines.size() && (lines.get(i).startsWith("- ") || lines.get(i).startsWith("* "))) {
                    out.append("<li>").append(inline(lines.get(i).substring(2).trim())).append("</li>\n");
                    i++;
                }
                out.append("</ul>\n");
            } else if (line.startsWith("|")) {
                flush(paragraph, out);
                List<String> rows = new ArrayList<>();
                while (i < lines.size() && lines.get(i).startsWith("|")) {
                    rows.add(lines.get(i));
                    i++;
                }
                table(rows, out);
            } else {
                paragraph.add(line.trim());
                i++;
            }
        }
        flush(paragraph, out);
        return out.append("</div>\n").toString();
    }

    private static void flush(List<String> paragraph, StringBuilder out) {
        if (!paragraph.isEmpty()) {
            out.append("<p>").append(inline(String.join(" ", paragraph))).append("</p>\n");
            paragraph.clear();
        }
    }

    private static void table(List<String> rows, StringBuilder out) {
        out.append("<table>\n");
        for (int r = 0; r < rows.size(); r++) {
            List<String> cells = cells(rows.get(r));
            if (r == 1 && cells.stream().allMatch(c -> c.matches(":?-{3,}:?"))) {
                continue;
            }
            String tag = r == 0 ? "th" : "td";
            out.append(r == 0 ? "<thead><tr>" : "<tr>");
            for (String c : cells) {
                out.append('<').append(tag).append('>').append(inline(c)).append("</").append(tag).append('>');
            }
            out.append(r == 0 ? "</tr></thead>\n" : "</tr>\n");
        }
        out.append("</table>\n");
    }

    static List<String> cells(String row) {
        String inner = row.trim();
        if (inner.startsWith("|")) {
            inner = inner.substring(1);
        }
        if (inner.endsWith("|") && !inner.endsWith("\\|")) {
            inner = inner.substring(0, inner.length() - 1);
        }
        List<String> cells = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int k = 0; k < inner.length(); k++) {
            char c = inner.charAt(k);
            if (c == '\\' && k + 1 < inner.length() && inner.charAt(k + 1) == '|') {
                cur.append('|');
                k++;
            } else if (c == '|') {
                cells.add(cur.toString().trim());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        cells.add(cur.toString().trim());
        return cells;
    }

    static String inline(String text) {
        String s = TableRender.escape(text);
        s = replace(CODE, s, m -> "<code>" + m.group(1) + "</code>");
        s = replace(IMAGE, s, m -> "<img alt=\"" + m.group(1) + "\" src=\"" + m.group(2) + "\">");
        s = replace(LINK, s, m -> "<a href=\"" + m.group(2) + "\">" + m.group(1) + "</a>");
        s = replace(BOLD, s, m -> "<strong>" + m.group(1) + "</strong>");
        s = replace(ITALIC, s, m -> "<em>" + m.group(1) + "</em>");
        return s;
    }

    private static String replace(Pattern p, String s, java.util.function.Function<Matcher, String> f) {
        Matcher m = p.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(f.apply(m)));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
