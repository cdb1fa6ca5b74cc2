package org.mnistablation.notebook;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words a notebook's author wrote, read from the saved notebook: its questions ({@code **Q1. …?**} in a markdown
 * cell, any id of a capital letter, digits and an optional letter: Q1, C2a) and a section by its heading (the
 * Summary's {@code ## Method}). The analyses print them above the answers, so a question is written once, in the
 * notebook. Save the notebook after editing a question (JupyterLab's autosave does it within two minutes).
 */
final class NotebookMarkdown {

    private static final Pattern QUESTION = Pattern.compile("\\*\\*([A-Z]\\d+[a-z]?)\\.\\s+(.+?)\\*\\*", Pattern.DOTALL);

    private final List<String> cells;

    private NotebookMarkdown(List<String> cells) {
        this.cells = cells;
    }

    /** The markdown cells of {@code notebook}; none when the file is missing or unreadable (ids are shown instead). */
    static NotebookMarkdown read(Path notebook) {
        List<String> out = new ArrayList<>();
        if (notebook != null && Files.isRegularFile(notebook)) {
            try (Reader in = Files.newBufferedReader(notebook, StandardCharsets.UTF_8)) {
                JsonObject nb = new JsonParser().parse(in).getAsJsonObject();
                for (JsonElement c : nb.getAsJsonArray("cells")) {
                    JsonObject cell = c.getAsJsonObject();
                    if ("markdown".equals(cell.get("cell_type").getAsString())) {
                        out.add(text(cell.get("source")));
                    }
                }
            } catch (IOException | RuntimeException e) {
                System.out.println("warning: could not read the questions from " + notebook + ": " + e.getMessage());
            }
        }
        return new NotebookMarkdown(out);
    }

    private static String text(JsonElement source) {
        if (source.isJsonArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonElement line : (JsonArray) source) {
                sb.append(line.getAsString());
            }
            return sb.toString();
        }
        return source.getAsString();
    }

    /** Question id → its words, in the order the notebook asks them. */
    Map<String, String> questions() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String cell : cells) {
            Matcher m = QUESTION.matcher(cell);
            while (m.find()) {
                out.putIfAbsent(m.group(1), m.group(2).replaceAll("\\s+", " ").trim());
            }
        }
        return out;
    }

    /** The markdown cell that starts with {@code heading} (e.g. "## Method"), or empty. */
    String section(String heading) {
        return cells.stream().filter(c -> c.startsWith(heading)).findFirst().orElse("");
    }
}
