package io.mcphub.cli.command.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.cli.output.Cells;

/**
 * The human view of a push answer: per document one headline
 * ({@code time-mcp (services/time-mcp.json): update v3 → v4}) and one line per change
 * ({@code ~ /interval: 60 → 30}, {@code + /new: 1}, {@code - /old}), then what happened overall.
 */
public final class PushReport {
    private PushReport() {}

    public static String render(JsonNode answer, boolean dryRunAsked) {
        StringBuilder out = new StringBuilder();
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        for (JsonNode doc : answer.path("documents")) {
            String action = doc.path("action").asText("");
            switch (action) {
                case "create" -> created++;
                case "update" -> updated++;
                case "unchanged" -> unchanged++;
                default -> { }
            }
            out.append(headline(doc, action)).append('\n');
            for (JsonNode change : doc.path("changes")) {
                out.append("  ").append(changeLine(change)).append('\n');
            }
        }
        boolean dryRun = answer.path("dryRun").asBoolean(dryRunAsked);
        if (dryRun) {
            out.append("dry run: nothing was written\n");
        } else {
            int total = created + updated + unchanged;
            out.append("pushed ").append(total).append(total == 1 ? " document: " : " documents: ")
                    .append(created).append(" created, ").append(updated).append(" updated, ")
                    .append(unchanged).append(" unchanged\n");
        }
        return out.toString();
    }

    private static String headline(JsonNode doc, String action) {
        StringBuilder line = new StringBuilder(doc.path("key").asText("?"));
        if (doc.hasNonNull("source")) {
            line.append(" (").append(doc.path("source").asText()).append(')');
        }
        line.append(": ").append(action);
        JsonNode from = doc.path("fromVersion");
        JsonNode to = doc.path("toVersion");
        switch (action) {
            case "update" -> {
                if (from.isNumber() && to.isNumber()) {
                    line.append(" v").append(from.asLong()).append(" → v").append(to.asLong());
                }
            }
            case "create" -> {
                if (to.isNumber()) {
                    line.append(" v").append(to.asLong());
                }
            }
            case "unchanged" -> {
                JsonNode at = from.isNumber() ? from : to;
                if (at.isNumber()) {
                    line.append(" at v").append(at.asLong());
                }
            }
            default -> { }
        }
        return line.toString();
    }

    static String changeLine(JsonNode change) {
        String op = change.path("op").asText("");
        String path = change.path("path").asText("");
        return switch (op) {
            case "replace" -> "~ " + path + ": " + Cells.value(change.path("old")) + " → " + Cells.value(Changes.after(change));
            case "add" -> "+ " + path + ": " + Cells.value(Changes.after(change));
            case "remove" -> "- " + path;
            default -> op + " " + path;
        };
    }
}
