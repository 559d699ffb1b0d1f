package io.mcphub.gateway.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Tool arguments as the audit trail may keep them: the value of every key that names a secret is replaced, however
 * deep it sits. Keys are judged by name only; a secret under an innocent key is the tool's own design flaw, which
 * is why arguments are not audited unless asked for.
 */
final class SecretMask {

    static final String MASK = "***";

    /** password, passwd, secret, token, api_key, apiKey, private_key, key, authorization, credential(s), cookie … */
    private static final Pattern SECRET_KEY = Pattern.compile(
            "pass(word|wd|phrase)?|secret|token|(^|[_-])key$|apikey|api[_-]key|private[_-]?key|access[_-]?key"
                    + "|auth(orization)?$|credential|cookie|session[_-]?id|signature");

    private SecretMask() {}

    static JsonNode mask(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                copy.set(field.getKey(), isSecret(field.getKey()) ? JsonNodeFactory.instance.textNode(MASK) : mask(field.getValue()));
            }
            return copy;
        }
        if (value.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            value.forEach(item -> copy.add(mask(item)));
            return copy;
        }
        return value;
    }

    static boolean isSecret(String key) {
        String name = key.toLowerCase(Locale.ROOT);
        return name.equals("key") || SECRET_KEY.matcher(name).find();
    }
}
