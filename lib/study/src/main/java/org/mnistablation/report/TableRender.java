package org.mnistablation.report;

import java.util.Locale;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Renders Tablesaw tables as HTML and Markdown directly (Tablesaw's own writers are found by a class-path scan
 * that can miss jars added inside a notebook kernel). Numbers get four significant decimals, whole numbers none.
 */
public final class TableRender {

    private TableRender() {
    }

    public static String markdown(Table t) {
        StringBuilder sb = new StringBuilder();
        sb.append("| ").append(String.join(" | ", t.columnNames())).append(" |\n|");
        sb.append("---|".repeat(t.columnCount())).append('\n');
        for (int r = 0; r < t.rowCount(); r++) {
            sb.append("| ");
            for (int c = 0; c < t.columnCount(); c++) {
                sb.append(cell(t.column(c), r).replace("|", "\\|")).append(c + 1 < t.columnCount() ? " | " : " |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    public static String html(Table t) {
        StringBuilder sb = new StringBuilder("<table class=\"study-table\">\n<thead><tr>");
        for (String name : t.columnNames()) {
            sb.append("<th>").append(escape(name)).append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        for (int r = 0; r < t.rowCount(); r++) {
            sb.append("<tr>");
            for (int c = 0; c < t.columnCount(); c++) {
                sb.append("<td>").append(escape(cell(t.column(c), r))).append("</td>");
            }
            sb.append("</tr>\n");
        }
        return sb.append("</tbody></table>\n").toString();
    }

    static String cell(Column<?> column, int row) {
        Object v = column.get(row);
        if (v instanceof Double d) {
            if (d.isNaN()) {
                return "NaN";
            }
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return String.valueOf(d.longValue());
            }
            return String.format(Locale.ROOT, "%.4f", d);
        }
        return String.valueOf(v);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
