package io.mcphub.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.core.Json;
import io.mcphub.core.doc.DocumentFormat;
import io.mcphub.core.doc.DocumentParser;
import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns pushed files into documents: {@code services/time-mcp.json} becomes document {@code time-mcp}, and a file of
 * the seed's multi-service form {@code {"services": {"time-mcp": {…}, "slack-mcp": {…}}}} becomes one document per
 * service, each written back in the file's own format.
 */
final class PushExpander {

    record PushDocument(ConfigKey key, String source, String text, DocumentFormat format) {}

    private PushExpander() {}

    static List<PushDocument> expand(List<PushFile> files) {
        if (files == null || files.isEmpty()) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "nothing to push: give one or more files, e.g. -f services/*.json");
        }
        List<PushDocument> docs = new ArrayList<>();
        for (PushFile file : files) {
            String name = file.name() == null ? "" : file.name();
            DocumentFormat format = DocumentFormat.ofFileName(name).orElseGet(() -> DocumentFormat.sniff(file.content()));
            JsonNode tree = DocumentParser.parseObject(file.content(), format, name);
            if (isMultiService(tree)) {
                tree.get("services").properties().forEach(e -> docs.add(new PushDocument(
                        keyFor(e.getKey(), name), name + "#/services/" + e.getKey(), render(e.getValue(), format), format)));
            } else {
                docs.add(new PushDocument(keyFor(baseName(name), name), name, file.content(), format));
            }
        }
        rejectDuplicates(docs);
        return docs;
    }

    private static boolean isMultiService(JsonNode tree) {
        if (tree.size() != 1 || !tree.path("services").isObject() || tree.get("services").isEmpty()) {
            return false;
        }
        for (JsonNode service : tree.get("services")) {
            if (!service.isObject()) {
                return false;
            }
        }
        return true;
    }

    private static ConfigKey keyFor(String key, String source) {
        try {
            return ConfigKey.of(key);
        } catch (ProblemException e) {
            throw new ProblemException(ProblemType.BAD_REQUEST, source + ": " + e.detail());
        }
    }

    private static String baseName(String name) {
        String base = name.substring(name.lastIndexOf('/') + 1);
        int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }

    private static String render(JsonNode tree, DocumentFormat format) {
        try {
            return format == DocumentFormat.YAML ? Json.YAML.writeValueAsString(tree) : Json.writePretty(tree) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void rejectDuplicates(List<PushDocument> docs) {
        Map<ConfigKey, String> seen = new HashMap<>();
        for (PushDocument d : docs) {
            String earlier = seen.putIfAbsent(d.key(), d.source());
            if (earlier != null) {
                throw new ProblemException(ProblemType.BAD_REQUEST, "document \"" + d.key() + "\" is given twice, by "
                        + earlier + " and by " + d.source() + "; push each document from one file only");
            }
        }
    }
}
