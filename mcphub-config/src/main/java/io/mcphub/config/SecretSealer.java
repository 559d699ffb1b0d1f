package io.mcphub.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.mcphub.core.Json;
import io.mcphub.core.doc.DocumentFormat;
import io.mcphub.core.doc.DocumentParser;
import io.mcphub.core.doc.DocumentParser.StringSpan;
import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import io.mcphub.security.crypto.EnvelopeCipher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;

/**
 * Turns {@code secret://VALUE} strings into sealed tokens in both the text as written and its JSON form, and back
 * into masked, fingerprinted or revealed views. The text is rewritten only at the secret's own span, so comments,
 * order and layout survive.
 */
final class SecretSealer {

    static final String SCHEME = "secret://";
    static final String MASK = "******";

    /** How a reader sees secrets. */
    enum View { MASKED, REVEALED, FINGERPRINTED }

    /**
     * A document ready to store. {@code plain} has secrets as their bare values (what the schema checks);
     * {@code fingerprinted} has them as {@code ******(fp)} (what diffs compare).
     */
    record Sealed(String raw, JsonNode content, JsonNode plain, JsonNode fingerprinted, String hash) {}

    private final EnvelopeCipher cipher;

    SecretSealer(EnvelopeCipher cipher) {
        this.cipher = cipher;
    }

    Sealed seal(ConfigKey key, String text, DocumentFormat format, String source) {
        JsonNode tree = DocumentParser.parseObject(text, format, source);
        rejectReservedValues(tree, "", source);
        List<StringSpan> spans = DocumentParser.stringSpans(text, format, v -> v.startsWith(SCHEME));
        StringBuilder sealedRaw = new StringBuilder(text);
        StringBuilder fingerprintRaw = new StringBuilder(text);
        JsonNode content = tree.deepCopy();
        JsonNode plain = tree.deepCopy();
        JsonNode fingerprinted = tree.deepCopy();
        for (int i = spans.size() - 1; i >= 0; i--) { // back to front keeps earlier offsets valid
            StringSpan span = spans.get(i);
            String value = span.value().substring(SCHEME.length());
            String token = cipher.seal(value, key.value());
            String marked = masked(cipher.fingerprint(value));
            sealedRaw.replace(span.start(), span.end(), '"' + token + '"');
            fingerprintRaw.replace(span.start(), span.end(), '"' + marked + '"');
            replaceAt(content, span.pointer(), token);
            replaceAt(plain, span.pointer(), value);
            replaceAt(fingerprinted, span.pointer(), marked);
        }
        return new Sealed(sealedRaw.toString(), content, plain, fingerprinted, sha256(fingerprintRaw.toString()));
    }

    /** Rewrites every sealed token in stored text for the given view. */
    String rawView(ConfigKey key, String raw, View view) {
        return replaceTokens(raw, token -> switch (view) {
            case MASKED -> MASK;
            case FINGERPRINTED -> masked(cipher.fingerprint(cipher.open(token, key.value())));
            case REVEALED -> {
                String quoted = Json.write(SCHEME + cipher.open(token, key.value()));
                yield quoted.substring(1, quoted.length() - 1); // the surrounding quotes are already in the text
            }
        });
    }

    JsonNode treeView(ConfigKey key, JsonNode content, View view) {
        return mapStrings(content, s -> {
            if (!EnvelopeCipher.TOKEN.matcher(s).matches()) {
                return s;
            }
            return switch (view) {
                case MASKED -> MASK;
                case FINGERPRINTED -> masked(cipher.fingerprint(cipher.open(s, key.value())));
                case REVEALED -> SCHEME + cipher.open(s, key.value());
            };
        });
    }

    /** Secrets as bare values: what a schema validates. */
    JsonNode plain(ConfigKey key, JsonNode content) {
        return mapStrings(content, s -> EnvelopeCipher.TOKEN.matcher(s).matches() ? cipher.open(s, key.value()) : s);
    }

    private static String masked(String fingerprint) {
        return MASK + "(" + fingerprint + ")";
    }

    /** A user-written {@code enc:v1:} value would otherwise be taken for one of ours. */
    private static void rejectReservedValues(JsonNode node, String pointer, String source) {
        if (node.isTextual() && node.textValue().startsWith(EnvelopeCipher.PREFIX)) {
            throw new ProblemException(ProblemType.INVALID_DOCUMENT, source + ": value at " + pointer
                    + " starts with the reserved prefix \"" + EnvelopeCipher.PREFIX + "\"; write secrets as \"secret://VALUE\"",
                    List.of(ProblemException.Location.path(pointer, "reserved prefix " + EnvelopeCipher.PREFIX)));
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                rejectReservedValues(e.getValue(), pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1"), source);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                rejectReservedValues(node.get(i), pointer + "/" + i, source);
            }
        }
    }

    private static void replaceAt(JsonNode root, String pointer, String value) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = root.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
        if (parent instanceof ObjectNode o) {
            o.put(last, value);
        } else if (parent instanceof ArrayNode a) {
            a.set(Integer.parseInt(last), TextNode.valueOf(value));
        }
    }

    private static JsonNode mapStrings(JsonNode node, Function<String, String> f) {
        if (node.isTextual()) {
            return TextNode.valueOf(f.apply(node.textValue()));
        }
        if (node.isObject()) {
            ObjectNode copy = Json.JSON.createObjectNode();
            node.properties().forEach(e -> copy.set(e.getKey(), mapStrings(e.getValue(), f)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = Json.JSON.createArrayNode();
            node.forEach(n -> copy.add(mapStrings(n, f)));
            return copy;
        }
        return node;
    }

    private static String replaceTokens(String text, Function<String, String> f) {
        Matcher m = EnvelopeCipher.TOKEN.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(f.apply(m.group())));
        }
        return m.appendTail(out).toString();
    }

    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
