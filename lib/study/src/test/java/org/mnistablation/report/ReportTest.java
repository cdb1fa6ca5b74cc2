package org.mnistablation.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mnistablation.train.EpochStats;
import org.mnistablation.train.History;
import tech.tablesaw.api.Table;

class ReportTest {

    @Test
    void describeMatchesPandas() {
        float[] v = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        // pandas.Series(range(1, 11)).describe()
        assertArrayEquals(new double[]{10, 5.5, 3.0276503540974917, 1, 3.25, 5.5, 7.75, 10}, Tables.describe(v), 1e-12);
        assertArrayEquals(new double[]{1, 4, Double.NaN, 4, 4, 4, 4, 4}, Tables.describe(new float[]{4}), 1e-12);
    }

    @Test
    void describeTableHasOneColumnPerModel() {
        Map<String, float[]> s = new LinkedHashMap<>();
        s.put("plain", new float[]{1, 2, 3});
        s.put("l2", new float[]{0, 0, 3});
        Table t = Tables.describe("weights", s);
        assertEquals(List.of("statistic", "plain", "l2"), t.columnNames());
        assertEquals(8, t.rowCount());
        String md = TableRender.markdown(t);
        assertTrue(md.startsWith("| statistic | plain | l2 |\n|---|---|---|\n| count | 3 | 3 |\n| mean | 2 | 1 |"), md);
        String html = TableRender.html(t);
        assertTrue(html.contains("<th>plain</th>") && html.contains("<td>1.7321</td>"), html);
    }

    @Test
    void historyTableAndUnitTable() {
        History h = new History(List.of(new EpochStats(1, 0.3, 0.9, 0.2, 0.95, 2.5), new EpochStats(2, 0.2, 0.93, 0.15, 0.96, 2.4)),
                2, false, false);
        Table t = Tables.history("h", h);
        assertEquals(2, t.rowCount());
        assertEquals(0.15, t.doubleColumn("val_loss").get(1), 1e-12);
        Table u = Tables.describeUnits("u", new float[][]{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}, 2);
        assertEquals(2, u.rowCount());
        assertEquals(5.0, u.doubleColumn("mean").get(1), 1e-12);
    }

    @Test
    void markdownToHtmlCoversTheSubsetTheAnalysesUse() {
        String html = MarkdownHtml.toHtml("# Title\n\n_generated_ text with **bold** and `code`.\n\n"
                + "- one [link](a.md)\n- two ![chart](x.png)\n\n| a | b |\n|---|---|\n| 1 | x \\| y |\n");
        assertTrue(html.contains("<h1>Title</h1>"), html);
        assertTrue(html.contains("<p><em>generated</em> text with <strong>bold</strong> and <code>code</code>.</p>"), html);
        assertTrue(html.contains("<li>one <a href=\"a.md\">link</a></li>"), html);
        assertTrue(html.contains("<img alt=\"chart\" src=\"x.png\">"), html);
        assertTrue(html.contains("<thead><tr><th>a</th><th>b</th></tr></thead>"), html);
        assertTrue(html.contains("<tr><td>1</td><td>x | y</td></tr>"), html);
        assertTrue(MarkdownHtml.toHtml("a < b & c").contains("a &lt; b &amp; c"));
        assertTrue(MarkdownHtml.toHtml("val_loss − loss and snake_case_name").contains("val_loss − loss and snake_case_name"),
                "underscores inside words are not italics");
    }
}
