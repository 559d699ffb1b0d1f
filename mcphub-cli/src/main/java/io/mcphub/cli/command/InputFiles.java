package io.mcphub.cli.command;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.cli.common.CliContext;
import io.mcphub.cli.common.CliException;
import io.mcphub.cli.common.ExitCodes;
import io.mcphub.cli.common.IoReasons;
import io.mcphub.cli.common.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Reads the files users pass with {@code -f}; {@code -} is stdin. */
public final class InputFiles {
    public static final String STDIN = "-";

    private InputFiles() {}

    public static String read(CliContext ctx, String name) {
        try {
            if (STDIN.equals(name)) {
                return new String(ctx.in().readAllBytes(), StandardCharsets.UTF_8);
            }
            return Files.readString(Path.of(name));
        } catch (IOException e) {
            throw CliException.failed("cannot read " + displayName(name) + " (" + IoReasons.of(e) + "); check the path");
        }
    }

    /** What error lines call the file: stdin has no name of its own. */
    public static String displayName(String name) {
        return STDIN.equals(name) ? "<stdin>" : name;
    }

    /** json or yaml from the extension; null lets the hub sniff it (stdin, other extensions). */
    public static String format(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".json")) {
            return "json";
        }
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            return "yaml";
        }
        return null;
    }

    /**
     * Parses a file the CLI itself must understand (a JSON Schema, a stack to edit). YAML is a superset of JSON, so
     * anything not named .json is read as YAML; errors carry line and column like the hub's. A key written twice is
     * refused as the hub refuses it: read into a tree, the first one would silently vanish.
     */
    public static JsonNode parse(CliContext ctx, String name) {
        return parse(name, read(ctx, name));
    }

    /** As {@link #parse(CliContext, String)}, for a file already read (stdin can be read only once). */
    public static JsonNode parse(String name, String text) {
        boolean json = "json".equals(format(name));
        try {
            JsonNode node = (json ? Json.JSON : Json.YAML).reader()
                    .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).readTree(text);
            if (node == null || node.isMissingNode()) {
                throw CliException.failed(displayName(name) + " is empty; put a " + (json ? "JSON" : "YAML") + " document in it");
            }
            return node;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = displayName(name) + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr());
            throw new CliException(ExitCodes.FAILED,
                    displayName(name) + " is not valid " + (json ? "JSON" : "YAML") + "; fix it and try again",
                    List.of(where + ": " + e.getOriginalMessage()), e);
        }
    }
}
