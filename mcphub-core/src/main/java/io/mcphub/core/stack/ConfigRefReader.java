package io.mcphub.core.stack;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code config}: the configuration-center documents a service uses, as keys or as {key, reload, path}. */
final class ConfigRefReader {

    static final List<String> FIELDS = List.of("key", "reload", "path", "signal");
    private static final String ITEM = "a document key such as payment/db, or an object such as "
            + "{key: payment/db, reload: file, path: db.json}";

    private ConfigRefReader() {}

    static List<ConfigRef> config(SpecObject s) {
        JsonNode list = s.value("config").orElse(null);
        if (list == null) {
            return List.of();
        }
        if (!list.isArray()) {
            s.report("config", "must be a list, each item " + ITEM + ", not " + Quote.kind(list));
            return List.of();
        }
        List<ConfigRef> refs = new ArrayList<>();
        List<Text> keys = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Where at = s.at("config").index(i);
            JsonNode item = list.get(i);
            Optional<ConfigRef> ref = item.isTextual()
                    ? key(s.problems(), item.asText(), at).map(k -> new ConfigRef(k, ConfigRef.Reload.LIVE, null))
                    : SpecObject.of(item, at, s.problems(), ITEM).flatMap(ConfigRefReader::ref);
            ref.ifPresent(r -> {
                refs.add(r);
                keys.add(new Text(r.key(), at));
            });
        }
        s.problems().unique(keys, "refer to each document once");
        return refs;
    }

    private static Optional<ConfigRef> ref(SpecObject o) {
        o.allow(FIELDS, "a config item has key, reload, path and signal");
        if (!o.has("key")) {
            o.missing("key", "name the configuration document, e.g. key: payment/db");
        }
        Optional<String> key = o.text("key").flatMap(k -> key(o.problems(), k, o.at("key")));
        ConfigRef.Reload reload = o.choice("reload", ConfigRef.Reload.class, "reload mode").orElse(ConfigRef.Reload.LIVE);
        String path = o.require("path", o.text("path"), ConfigRefReader::insideWorkdir, p -> Quote.of(p)
                + " must be a relative path inside the instance's working directory, e.g. config/settings.json")
                .orElse(null);
        if (reload == ConfigRef.Reload.FILE && !o.has("path")) {
            o.missing("path", "reload: file writes the document to a file; say which, e.g. path: config/settings.json");
        }
        String signal = o.require("signal", o.text("signal"), ConfigRefReader::signalName, v -> Quote.of(v)
                + " is not a signal name; use one such as HUP, USR1 or USR2 (without SIG)").orElse(null);
        if (signal != null && reload != ConfigRef.Reload.FILE) {
            o.report("signal", "only a reload: file document signals the process after rewriting it; remove signal"
                    + " or use reload: file");
        }
        return key.map(k -> new ConfigRef(k, reload, path, signal));
    }

    private static Optional<String> key(Problems problems, String key, Where at) {
        if (!ConfigKeys.valid(key)) {
            problems.report(at, Quote.of(key) + " is not a configuration key; " + ConfigKeys.RULE);
            return Optional.empty();
        }
        return Optional.of(key);
    }

    /** Names the agent can pass to kill(1) and the Docker engine alike. */
    private static boolean signalName(String name) {
        return name.matches("HUP|INT|QUIT|USR1|USR2|TERM|WINCH");
    }

    /** The agent writes this file for the instance, so a spec must not aim it elsewhere on the node. */
    private static boolean insideWorkdir(String path) {
        return !path.startsWith("/") && !path.startsWith("\\") && !path.matches("[A-Za-z]:.*")
                && !path.matches("(?s).*(^|[/\\\\])\\.\\.([/\\\\]|$).*");
    }
}
