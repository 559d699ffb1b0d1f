package io.mcphub.hub.settings;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.hub.logging.LogLevels;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The log level of each hub component as the configuration-center document {@value #KEY} sets it
 * ({@code logLevels: {gateway: debug, config: info}}), applied on every publish: what {@code mcphub log level} does
 * for one moment, kept as versioned configuration.
 */
public record HubLogSettings(Map<String, String> levels) {

    public static final String KEY = "hub";
    public static final HubLogSettings NONE = new HubLogSettings(Map.of());

    /** Refuses an unknown component or level naming its JSON path, so the hub keeps the previous levels. */
    public static HubLogSettings parse(JsonNode doc) {
        JsonNode levels = doc.path("logLevels");
        if (levels.isMissingNode()) {
            return NONE;
        }
        if (!levels.isObject()) {
            throw new IllegalArgumentException("$.logLevels must be a map of hub component to level, e.g. {gateway: debug}");
        }
        Map<String, String> out = new LinkedHashMap<>();
        levels.properties().forEach(e -> {
            if (!LogLevels.isComponent(e.getKey())) {
                throw new IllegalArgumentException("$.logLevels." + e.getKey() + ": no hub component of that name");
            }
            try {
                out.put(e.getKey(), LogLevels.normalize(e.getValue().asText()));
            } catch (io.mcphub.core.error.ProblemException bad) {
                throw new IllegalArgumentException("$.logLevels." + e.getKey() + ": " + bad.detail());
            }
        });
        return new HubLogSettings(out);
    }

    public void apply() {
        levels.forEach(LogLevels::set);
    }
}
