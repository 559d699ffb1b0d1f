package io.mcphub.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion.VersionFlag;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import io.mcphub.core.doc.DocumentFormat;
import io.mcphub.core.doc.DocumentParser;
import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemException.Location;
import io.mcphub.core.error.ProblemType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * JSON Schema checks (draft 2020-12 unless the schema's {@code $schema} names another draft). A schema is itself
 * checked against its meta-schema before it is accepted, and compiled schemas are cached by content.
 */
final class SchemaChecker {

    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .pathType(PathType.JSON_PATH)
            .build();

    private final Map<JsonNode, JsonSchema> compiled = new ConcurrentHashMap<>();

    /** Refuses a schema that is not a valid JSON Schema, naming each place it breaks the meta-schema. */
    void checkIsSchema(JsonNode schema, String source) {
        if (!schema.isObject()) {
            throw new ProblemException(ProblemType.INVALID_DOCUMENT, source + ": a JSON Schema must be an object, e.g. {\"type\": \"object\"}");
        }
        VersionFlag flag = version(schema, source);
        JsonSchema meta = JsonSchemaFactory.getInstance(flag)
                .getSchema(SchemaLocation.of(metaSchemaIri(flag)), CONFIG);
        Set<ValidationMessage> errors = meta.validate(schema);
        if (!errors.isEmpty()) {
            List<Location> where = errors.stream()
                    .map(e -> Location.path(e.getInstanceLocation().toString(), e.getMessage()))
                    .toList();
            throw new ProblemException(ProblemType.INVALID_DOCUMENT, source + ": not a valid JSON Schema: "
                    + where.get(0).message() + "; fix the schema and set it again", where);
        }
        compile(schema, source);
    }

    /**
     * Validates {@code document} (secrets as bare values); on failure reports every violation with its JSON path,
     * the rule broken and, when {@code text} is given, its line and column in the text as written.
     */
    void validate(JsonNode schema, JsonNode document, String source, String text, DocumentFormat format) {
        Set<ValidationMessage> errors = compile(schema, source).validate(document);
        if (errors.isEmpty()) {
            return;
        }
        List<ValidationMessage> sorted = errors.stream()
                .sorted(Comparator.comparing((ValidationMessage e) -> e.getInstanceLocation().toString()))
                .toList();
        Map<String, DocumentParser.Position> positions = text == null ? Map.of()
                : DocumentParser.positions(text, format, sorted.stream().map(e -> pointer(e.getInstanceLocation())).collect(Collectors.toSet()));
        List<Location> where = new ArrayList<>();
        for (ValidationMessage e : sorted) {
            String path = e.getInstanceLocation().toString();
            DocumentParser.Position at = positions.get(pointer(e.getInstanceLocation()));
            String message = ruleMessage(e);
            where.add(new Location(source, at == null ? 0 : at.line(), at == null ? 0 : at.column(), path, message));
        }
        Location first = where.get(0);
        throw new ProblemException(ProblemType.SCHEMA_VIOLATION, first.describe() + " (rule: " + sorted.get(0).getType()
                + ")" + (where.size() > 1 ? " and " + (where.size() - 1) + " more" : "")
                + "; change the document to match its schema, or change the schema with 'config schema set'", where);
    }

    private JsonSchema compile(JsonNode schema, String source) {
        return compiled.computeIfAbsent(schema, s -> {
            try {
                JsonSchema compiledSchema = JsonSchemaFactory.getInstance(version(s, source)).getSchema(s, CONFIG);
                compiledSchema.initializeValidators();
                return compiledSchema;
            } catch (RuntimeException e) {
                throw new ProblemException(ProblemType.INVALID_DOCUMENT, source + ": the schema cannot be compiled: "
                        + e.getMessage() + "; fix the schema and set it again", List.of(), e);
            }
        });
    }

    private static VersionFlag version(JsonNode schema, String source) {
        try {
            return SpecVersionDetector.detectOptionalVersion(schema, false).orElse(VersionFlag.V202012);
        } catch (RuntimeException e) {
            throw new ProblemException(ProblemType.INVALID_DOCUMENT, source + ": unsupported \"$schema\" "
                    + schema.path("$schema") + "; use draft-04, -06, -07, 2019-09 or 2020-12");
        }
    }

    private static String metaSchemaIri(VersionFlag flag) {
        return switch (flag) {
            case V4 -> JsonMetaSchema.getV4().getIri();
            case V6 -> JsonMetaSchema.getV6().getIri();
            case V7 -> JsonMetaSchema.getV7().getIri();
            case V201909 -> JsonMetaSchema.getV201909().getIri();
            case V202012 -> JsonMetaSchema.getV202012().getIri();
        };
    }

    /** The message without networknt's leading "$.path: ", since the path is reported on its own. */
    private static String ruleMessage(ValidationMessage e) {
        String msg = e.getMessage();
        String prefix = e.getInstanceLocation() + ": ";
        return msg.startsWith(prefix) ? msg.substring(prefix.length()) : msg;
    }

    private static String pointer(JsonNodePath path) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            b.append('/').append(String.valueOf(path.getElement(i)).replace("~", "~0").replace("/", "~1"));
        }
        return b.toString();
    }
}
