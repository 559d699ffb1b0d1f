package io.mcphub.security.audit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcphub.core.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The hash chain, defined once for the writer and both verifiers: {@code event.hash} is the hex SHA-256 of the
 * previous event's hash, a newline, and the canonical JSON of the event without {@code event.hash} (keys sorted
 * recursively, no whitespace). The first event's previous hash is 64 zeros. Because the canonical form is computed
 * from the parsed document, a line re-serialised with other whitespace, key order or string escapes still verifies;
 * any change to a value does not.
 */
public final class AuditChain {

    public static final String GENESIS = "0".repeat(64);

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    /** One object per line and nothing after it: "{..}{..}" on one line is two events glued, not one. */
    private static final ObjectReader STRICT = Json.JSON.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /**
     * A writer of its own with Jackson's defaults (compact, UTF-8 as is): hashes already in files must keep verifying
     * whatever the project's shared mapper is configured to do later.
     */
    private static final ObjectWriter CANONICAL = new ObjectMapper().writer();

    private AuditChain() {}

    /** Gives {@code doc} its place after {@code previousHash}; returns the event's hash. */
    static String seal(ObjectNode doc, long sequence, String previousHash) {
        ObjectNode event = doc.withObjectProperty("event");
        event.remove("hash");
        event.put("sequence", sequence);
        doc.withObjectProperty("mcphub").withObjectProperty("audit").put("previous_hash", previousHash);
        String hash = contentHash(doc);
        event.put("hash", hash);
        return hash;
    }

    /** The hash {@code doc} should carry, given the previous hash it names itself. */
    public static String contentHash(ObjectNode doc) {
        ObjectNode canonical = (ObjectNode) sorted(doc);
        if (canonical.get("event") instanceof ObjectNode event) {
            event.remove("hash");
        }
        String previous = previousHash(doc);
        try {
            return sha256((previous == null ? "" : previous) + "\n" + CANONICAL.writeValueAsString(canonical));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** The event a line or stored value holds, or null if it is not one JSON object. */
    public static ObjectNode parse(String text) {
        try {
            return STRICT.readTree(text) instanceof ObjectNode doc ? doc : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** {@code event.sequence}, or -1 when it is absent or not a positive integer. */
    public static long sequence(JsonNode doc) {
        JsonNode seq = doc.path("event").path("sequence");
        return seq.isIntegralNumber() && seq.canConvertToLong() && seq.longValue() > 0 ? seq.longValue() : -1;
    }

    /** {@code event.hash}, or null when it is absent or not 64 hex digits. */
    public static String hash(JsonNode doc) {
        return hashAt(doc.path("event").path("hash"));
    }

    public static String previousHash(JsonNode doc) {
        return hashAt(doc.path("mcphub").path("audit").path("previous_hash"));
    }

    private static String hashAt(JsonNode node) {
        return node.isTextual() && HASH.matcher(node.textValue()).matches() ? node.textValue() : null;
    }

    /** A deep copy with object keys in ascending order; array order is content and stays. */
    static JsonNode sorted(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(object.properties());
            fields.sort(Map.Entry.comparingByKey());
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            fields.forEach(f -> out.set(f.getKey(), sorted(f.getValue())));
            return out;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode(array.size());
            for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
                out.add(sorted(it.next()));
            }
            return out;
        }
        return node;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
