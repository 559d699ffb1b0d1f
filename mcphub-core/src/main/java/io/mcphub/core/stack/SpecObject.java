package io.mcphub.core.stack;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.core.text.Suggestions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One object of a spec, read field by field with its type checked. A field of the wrong type is reported where it
 * is and read as absent; since it is still {@link #has present}, rules that need the field do not report it missing
 * as well. Works on the tree rather than on bound records so that each problem is reported where it is.
 */
final class SpecObject {

    private static final Pattern DURATION_PART = Pattern.compile("([0-9]{1,9})(ms|s|m|h)");
    private static final Pattern DURATION = Pattern.compile("(" + DURATION_PART.pattern() + ")+");

    private final JsonNode node;
    private final Where where;
    private final Problems problems;

    private SpecObject(JsonNode node, Where where, Problems problems) {
        this.node = node;
        this.where = where;
        this.problems = problems;
    }

    /** The object at {@code where}, or empty, with a problem reported, when the value is something else. */
    static Optional<SpecObject> of(JsonNode value, Where where, Problems problems, String shape) {
        if (value == null || !value.isObject()) {
            problems.report(where, "must be " + shape + ", not " + (value == null ? "null" : Quote.kind(value)));
            return Optional.empty();
        }
        return Optional.of(new SpecObject(value, where, problems));
    }

    /** Reports every field not in {@code known}; {@code which} ends the message with what the object does have. */
    SpecObject allow(List<String> known, String which) {
        node.fieldNames().forEachRemaining(field -> {
            if (!known.contains(field)) {
                problems.report(at(field), "unknown field" + Suggestions.hint(field, known) + "; " + which);
            }
        });
        return this;
    }

    Where where() {
        return where;
    }

    Problems problems() {
        return problems;
    }

    Where at(String field) {
        return where.field(field);
    }

    /** YAML reads {@code image:} with nothing after it as null or ""; either means the field was left out. */
    boolean has(String field) {
        return value(field).isPresent();
    }

    /** Problems with a field that is there are reported at its value. */
    void report(String field, String message) {
        problems.report(at(field), message);
    }

    /** Problems with a field that is not there are reported at the object that lacks it. */
    void missing(String field, String message) {
        problems.report(where.named(at(field).path()), "missing; " + message);
    }

    Optional<JsonNode> value(String field) {
        JsonNode v = node.get(field);
        boolean absent = v == null || v.isNull() || (v.isTextual() && v.asText().isEmpty());
        return absent ? Optional.empty() : Optional.of(v);
    }

    /** The fields of this object with their values, in the order written. */
    SequencedMap<String, JsonNode> fields() {
        SequencedMap<String, JsonNode> fields = new LinkedHashMap<>();
        node.properties().forEach(e -> fields.put(e.getKey(), e.getValue()));
        return fields;
    }

    Optional<String> text(String field) {
        return value(field).flatMap(v -> expect(v.isTextual(), field, v, "a string").map(JsonNode::asText));
    }

    /** A whole number; callers check its range, so one beyond a long is simply reported as too large. */
    Optional<Long> whole(String field) {
        return value(field).flatMap(v -> expect(v.isIntegralNumber(), field, v, "a whole number"))
                .filter(v -> v.canConvertToLong() || tooLarge(field, v))
                .map(JsonNode::longValue);
    }

    Optional<Double> number(String field) {
        return value(field).flatMap(v -> expect(v.isNumber(), field, v, "a number")).map(JsonNode::doubleValue);
    }

    Optional<SpecObject> object(String field, String shape) {
        return value(field).flatMap(v -> of(v, at(field), problems, shape));
    }

    /** A list of scalars as text (YAML reads {@code - 8080} as a number, but an argument is text). */
    List<Text> texts(String field) {
        Optional<JsonNode> list = value(field);
        if (list.isEmpty() || expect(list.get().isArray(), field, list.get(), "a list such as [a, b]").isEmpty()) {
            return List.of();
        }
        List<Text> texts = new ArrayList<>();
        for (int i = 0; i < list.get().size(); i++) {
            scalar(list.get().get(i), at(field).index(i)).ifPresent(texts::add);
        }
        return texts;
    }

    /** An object of NAME: scalar pairs, each value as text. */
    SequencedMap<String, Text> textMap(String field) {
        SequencedMap<String, Text> map = new LinkedHashMap<>();
        value(field).flatMap(v -> of(v, at(field), problems, "an object of NAME: value pairs"))
                .ifPresent(pairs -> pairs.fields().forEach((key, value) ->
                        scalar(value, pairs.at(key)).ifPresent(t -> map.put(key, t))));
        return map;
    }

    /** Keeps a value that passes {@code ok}; any other is reported at the field, saying {@code why}, and dropped. */
    <T> Optional<T> require(String field, Optional<T> value, Predicate<T> ok, Function<T, String> why) {
        return value.filter(v -> {
            if (ok.test(v)) {
                return true;
            }
            report(field, why.apply(v));
            return false;
        });
    }

    /** One of an enum's spellings; anything else is reported with the accepted ones. */
    <E extends Enum<E> & Spelled> Optional<E> choice(String field, Class<E> type, String what) {
        return text(field).flatMap(text -> {
            Optional<E> choice = Spellings.parse(type, text);
            if (choice.isEmpty()) {
                report(field, "unknown " + what + " " + Quote.of(text) + Suggestions.hint(text, Spellings.all(type))
                        + "; use " + Spellings.choices(type));
            }
            return choice;
        });
    }

    /** {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h} or a sum such as {@code 1m30s}. */
    Optional<Duration> duration(String field) {
        Optional<JsonNode> v = value(field);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        String text = v.get().asText();
        if (!v.get().isTextual() || !DURATION.matcher(text).matches()) {
            report(field, (v.get().isTextual() ? Quote.of(text) + " is not a duration" : "must be a duration, not "
                    + Quote.kind(v.get())) + "; write a number with a unit, e.g. 500ms, 10s, 2m or 1h");
            return Optional.empty();
        }
        Duration total = Duration.ZERO;
        Matcher part = DURATION_PART.matcher(text);
        while (part.find()) {
            long n = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
        }
        return Optional.of(total);
    }

    private boolean tooLarge(String field, JsonNode value) {
        report(field, value.asText() + " is too large");
        return false;
    }

    private Optional<Text> scalar(JsonNode value, Where at) {
        if (value.isValueNode() && !value.isNull()) {
            return Optional.of(new Text(value.asText(), at));
        }
        problems.report(at, "must be a string, number or boolean, not " + Quote.kind(value));
        return Optional.empty();
    }

    private Optional<JsonNode> expect(boolean ok, String field, JsonNode value, String what) {
        if (!ok) {
            report(field, "must be " + what + ", not " + Quote.kind(value));
            return Optional.empty();
        }
        return Optional.of(value);
    }

    static Map<String, String> values(Map<String, Text> texts) {
        Map<String, String> values = new LinkedHashMap<>();
        texts.forEach((k, t) -> values.put(k, t.value()));
        return values;
    }
}
