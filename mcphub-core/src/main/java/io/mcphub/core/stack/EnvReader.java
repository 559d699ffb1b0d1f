package io.mcphub.core.stack;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.regex.Pattern;

/**
 * An instance's environment: {@code env} as NAME: value pairs or as a list of {@code NAME=value} (the Compose
 * form), and {@code secrets}, whose variables come from the configuration center. Each variable has one source.
 */
final class EnvReader {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String NAME_RULE = " is not an environment variable name; use letters, digits and '_', "
            + "not starting with a digit, e.g. API_KEY";

    private EnvReader() {}

    /** Variable name to its value, located where the variable is set. */
    static SequencedMap<String, Text> env(SpecObject s) {
        JsonNode env = s.value("env").orElse(null);
        if (env == null) {
            return new LinkedHashMap<>();
        }
        if (env.isArray()) {
            return list(s, env);
        }
        if (!env.isObject()) {
            s.report("env", "must be an object of NAME: value pairs or a list of NAME=value strings, not "
                    + Quote.kind(env));
            return new LinkedHashMap<>();
        }
        SequencedMap<String, Text> vars = s.textMap("env");
        vars.forEach((name, value) -> checkName(s, name, value.at()));
        return vars;
    }

    private static SequencedMap<String, Text> list(SpecObject s, JsonNode env) {
        SequencedMap<String, Text> vars = new LinkedHashMap<>();
        List<Text> names = new ArrayList<>();
        for (int i = 0; i < env.size(); i++) {
            Where at = s.at("env").index(i);
            JsonNode item = env.get(i);
            int eq = item.isTextual() ? item.asText().indexOf('=') : -1;
            if (eq <= 0) {
                s.problems().report(at, "must be NAME=value, e.g. LOG_LEVEL=debug");
                continue;
            }
            String name = item.asText().substring(0, eq);
            checkName(s, name, at);
            names.add(new Text(name, at));
            vars.putIfAbsent(name, new Text(item.asText().substring(eq + 1), at));
        }
        s.problems().unique(names, "set each variable once");
        return vars;
    }

    static Map<String, SecretRef> secrets(SpecObject s, Map<String, Text> env) {
        Map<String, SecretRef> secrets = new LinkedHashMap<>();
        s.object("secrets", "an object of ENV_NAME: CONFIG-KEY#/json/pointer pairs").ifPresent(refs ->
                refs.fields().forEach((name, value) -> {
                    Where at = refs.at(name);
                    checkName(s, name, at);
                    if (env.containsKey(name)) {
                        s.problems().report(at, Quote.of(name) + " is also set in env (" + env.get(name).at().path()
                                + "); a variable comes from env or from secrets, not both");
                    }
                    reference(s, value, at).ifPresent(ref -> secrets.put(name, ref));
                }));
        return secrets;
    }

    private static Optional<SecretRef> reference(SpecObject s, JsonNode value, Where at) {
        if (!value.isTextual()) {
            s.problems().report(at, "must be a string such as payment/db#/password, not " + Quote.kind(value));
            return Optional.empty();
        }
        String text = value.asText();
        int hash = text.indexOf('#');
        Optional<SecretRef> ref = SecretRef.parse(text);
        if (hash < 0) {
            s.problems().report(at, Quote.of(text) + " is not a secret reference; write CONFIG-KEY#/json/pointer, "
                    + "e.g. payment/db#/password");
        } else if (!ConfigKeys.valid(text.substring(0, hash))) {
            s.problems().report(at, Quote.of(text.substring(0, hash)) + " is not a configuration key; "
                    + ConfigKeys.RULE);
        } else if (ref.isEmpty()) {
            s.problems().report(at, Quote.of(text.substring(hash + 1)) + " is not a JSON pointer; write one such as "
                    + "/password or /db/password");
        }
        return ref;
    }

    private static void checkName(SpecObject s, String name, Where at) {
        if (!NAME.matcher(name).matches()) {
            s.problems().report(at, Quote.of(name) + NAME_RULE);
        }
    }
}
