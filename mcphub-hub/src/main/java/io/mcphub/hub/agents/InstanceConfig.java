package io.mcphub.hub.agents;

import io.mcphub.config.ConfigCenter;
import io.mcphub.config.DocumentView;
import io.mcphub.core.Json;
import io.mcphub.core.agentapi.ConfigFile;
import io.mcphub.core.error.ProblemException;
import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.core.stack.ConfigRef;
import io.mcphub.core.stack.SecretRef;
import io.mcphub.core.stack.ServiceSpec;
import io.mcphub.hub.cluster.InstanceRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an instance gets from the configuration center with its assignment: the latest version of every document its
 * service references with a {@code path} (a document not published yet is left out: the service starts without it
 * and gets it with the first publish that rolls out), and the values of its {@code secrets}, which must all resolve.
 */
public final class InstanceConfig {

    private static final Logger LOG = LoggerFactory.getLogger(InstanceConfig.class);

    private final ConfigCenter config;

    public InstanceConfig(ConfigCenter config) {
        this.config = config;
    }

    /**
     * What an instance gets from the configuration center: its files, its secret environment, and why it cannot
     * start (a secret that does not resolve), else null.
     */
    public record Prepared(List<ConfigFile> files, Map<String, String> secrets, String problem) {}

    /** Reads each document the instance refers to once, whether for a file, a secret or both. */
    public Prepared prepare(InstanceRecord instance) {
        ServiceSpec spec = Json.JSON.convertValue(instance.spec(), ServiceSpec.class);
        Map<String, java.util.Optional<DocumentView>> read = new java.util.HashMap<>();
        java.util.function.Function<String, java.util.Optional<DocumentView>> latest = key -> read.computeIfAbsent(key, k -> {
            try {
                return java.util.Optional.of(config.get(k, null, true));
            } catch (ProblemException notPublished) {
                return java.util.Optional.empty();
            }
        });
        List<ConfigFile> files = new ArrayList<>();
        for (ConfigRef ref : spec.config()) {
            if (ref.path() != null) {
                latest.apply(ref.key()).ifPresentOrElse(doc -> files.add(new ConfigFile(ref.key(), doc.version(), ref.path(), doc.json())),
                        () -> LOG.debug("instance {} references config {} which is not published yet", instance.id(), ref.key()));
            }
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (Map.Entry<String, SecretRef> e : spec.secrets().entrySet()) {
            SecretRef ref = e.getValue();
            java.util.Optional<DocumentView> doc = latest.apply(ref.key());
            if (doc.isEmpty()) {
                return new Prepared(files, Map.of(), "secret " + e.getKey() + ": config " + ref.key() + " is not published;"
                        + " publish it with 'mcphub config set " + ref.key() + " -f FILE'");
            }
            JsonNode value = doc.get().json().at(ref.pointer());
            if (value.isMissingNode() || value.isNull() || value.isContainerNode()) {
                return new Prepared(files, Map.of(), "secret " + e.getKey() + ": config " + ref.key() + " has no value at "
                        + ref.pointer() + "; add it there or fix the reference in the stack");
            }
            env.put(e.getKey(), value.asText());
        }
        return new Prepared(files, env, null);
    }
}
