package org.mnistablation.analysis;

import java.util.ArrayList;
import java.util.List;

/** A small GitHub-flavoured Markdown table builder for the analyses. */
public final class MarkdownTable {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public MarkdownTable(String... header) {
        this.header = List.of(header);
    }

    public MarkdownTable row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + header.size() + " columns");
        }
        List<String> r = new ArrayList<>();
        for (Object c : cells) {
            r.add(c instanceof Double d ? Fmt.num(d) : String.valueOf(c).replace("|", "\\|"));
        }
        rows.add(r);
        return this;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append("| ").append(String.join(" | ", header.stream().map(h -> h.replace("|", "\\|")).toList())).append(" |\n|");
        for (String h : header) {
            sb.append(h.isEmpty() ? "---" : "---").append('|');
        }
        sb.append('\n');
        for (List<String> r : rows) {
            sb.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        return sb.toString();
    }
}
