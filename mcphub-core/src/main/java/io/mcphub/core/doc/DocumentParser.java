package io.mcphub.core.doc;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcphub.core.Json;
import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Parses configuration text into a JSON tree, reporting malformed input with its line and column, and finds the
 * exact source span of string scalars so that they can be rewritten in place (secrets are sealed in the text as
 * written, not only in the tree).
 */
public final class DocumentParser {

    private DocumentParser() {}

    /** Parses a document whose top level must be an object; {@code source} names it in error messages. */
    public static JsonNode parseObject(String text, DocumentFormat format, String source) {
        JsonNode tree = parse(text, format, source);
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new ProblemException(ProblemType.INVALID_DOCUMENT,
                    source + ": the document is empty; write a " + format.id() + " object such as {\"key\": \"value\"}");
        }
        if (!tree.isObject()) {
            throw new ProblemException(ProblemType.INVALID_DOCUMENT, source + ": the top level is "
                    + article(tree.getNodeType().name().toLowerCase()) + ", but a configuration document must be an object of named settings");
        }
        return tree;
    }

    public static JsonNode parse(String text, DocumentFormat format, String source) {
        try {
            return mapper(format).readTree(text);
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            int line = at == null ? 0 : at.getLineNr();
            int column = at == null ? 0 : at.getColumnNr();
            String why = firstLine(e.getOriginalMessage());
            throw new ProblemException(ProblemType.INVALID_DOCUMENT,
                    source + ":" + line + ":" + column + ": malformed " + format.name() + ": " + why
                            + "; fix the " + format.name() + " and try again",
                    List.of(ProblemException.Location.at(source, line, column, why)), e);
        } catch (IOException e) {
            throw new ProblemException(ProblemType.INVALID_DOCUMENT, source + ": cannot read the document: " + e.getMessage());
        }
    }

    /** A string scalar in the source: its JSON pointer, decoded value and the [start, end) char range it spans. */
    public record StringSpan(String pointer, String value, int start, int end) {}

    /** Where a value starts in the source, 1-based. */
    public record Position(int line, int column) {}

    /**
     * Every string scalar value (not field names) accepted by {@code wanted}, in source order. The span covers the
     * whole token, quotes included, so replacing it with a double-quoted string is valid JSON and valid YAML.
     */
    public static List<StringSpan> stringSpans(String text, DocumentFormat format, Predicate<String> wanted) {
        List<StringSpan> spans = new ArrayList<>();
        walk(text, format, (pointer, token, p) -> {
            if (token == JsonToken.VALUE_STRING) {
                String value = p.getText();
                if (wanted.test(value)) {
                    int start = (int) p.currentTokenLocation().getCharOffset();
                    int end = (int) p.currentLocation().getCharOffset();
                    spans.add(new StringSpan(pointer, value, start, end));
                }
            }
        });
        return spans;
    }

    /**
     * The source position of each value named by a JSON pointer, so that a schema violation found on the tree can
     * be reported at its line and column. Pointers not found are absent from the result.
     */
    public static Map<String, Position> positions(String text, DocumentFormat format, Set<String> pointers) {
        Map<String, Position> found = new HashMap<>();
        walk(text, format, (pointer, token, p) -> {
            if (pointers.contains(pointer) && !found.containsKey(pointer)) {
                JsonLocation at = p.currentTokenLocation();
                found.put(pointer, new Position(at.getLineNr(), at.getColumnNr()));
            }
        });
        return found;
    }

    private interface ValueVisitor {
        void visit(String pointer, JsonToken token, JsonParser parser) throws IOException;
    }

    /** Streams the text, calling the visitor for every value (containers at their start) with its pointer. */
    private static void walk(String text, DocumentFormat format, ValueVisitor visitor) {
        try (JsonParser p = mapper(format).getFactory().createParser(text)) {
            Deque<Object> path = new ArrayDeque<>(); // String field name, or int[] index of the current array
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                switch (t) {
                    case END_OBJECT, END_ARRAY -> path.pop();
                    case FIELD_NAME -> {
                        path.pop();
                        path.push(p.currentName());
                    }
                    default -> {
                        advanceIndex(path);
                        visitor.visit(pointer(path), t, p);
                        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                            path.push(t == JsonToken.START_ARRAY ? new int[] {-1} : "");
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("text was already parsed once; a second pass cannot fail", e);
        }
    }

    private static void advanceIndex(Deque<Object> path) {
        if (!path.isEmpty() && path.peek() instanceof int[] index) {
            index[0]++;
        }
    }

    private static String pointer(Deque<Object> path) {
        StringBuilder b = new StringBuilder();
        var it = path.descendingIterator();
        while (it.hasNext()) {
            Object part = it.next();
            String s = part instanceof int[] index ? Integer.toString(index[0]) : (String) part;
            b.append('/').append(s.replace("~", "~0").replace("/", "~1"));
        }
        return b.toString();
    }

    private static ObjectMapper mapper(DocumentFormat format) {
        return format == DocumentFormat.YAML ? Json.YAML : Json.JSON;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).trim();
    }

    private static String article(String noun) {
        return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
    }
}
