package io.mcphub.hub.agents;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.config.ConfigCenter;
import io.mcphub.config.DocumentView;
import io.mcphub.core.Json;
import io.mcphub.core.agentapi.ConfigFile;
import io.mcphub.core.stack.ConfigRef;
import io.mcphub.core.stack.SecretRef;
import io.mcphub.core.stack.ServiceSpec;
import io.mcphub.hub.cluster.ConfigTargets;
import io.mcphub.hub.cluster.InstanceRecord;
import io.mcphub.hub.cluster.NodeRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an instance gets from the configuration center with its assignment: every document its service references
 * with a {@code path}, and the values of its {@code secrets} (which must all resolve), each at the version for this
 * instance (see {@link ConfigTargets}: the head, or a gray release's candidate). A document not published yet is
 * left out: the service starts without it and gets it with the first publish that rolls out.
 */
public final class InstanceConfig {

    private static final Logger LOG = LoggerFactory.getLogger(InstanceConfig.class);

    private final ConfigCenter config;

    public InstanceConfig(ConfigCenter config) {
        this.config = config;
    }

    /**
     * What an instance gets from the configuration center: its files, its secret environment, the version of each
     * document it was given, and why it cannot start (a secret that does not resolve), else null.
     */
    public record Prepared(List<ConfigFile> files, Map<String, String> secrets, String problem, Map<String, Long> versions) {}

    /** Every document's release, read once for all the instances of one answer to an agent. */
    public Map<String, io.mcphub.config.DocumentRelease> releases() {
        return config.releases();
    }

    /** Reads each document the instance refers to once, whether for a file, a secret or both. */
    public Prepared prepare(InstanceRecord instance, NodeRecord node, Map<String, io.mcphub.config.DocumentRelease> releases) {
        ServiceSpec spec = Json.JSON.convertValue(instance.spec(), ServiceSpec.class);
        Map<String, ConfigTargets.Target> targets = ConfigTargets.of(instance, node, releases);
        Map<String, DocumentView> read = new HashMap<>();
        java.util.function.Function<String, DocumentView> document = key -> read.computeIfAbsent(key,
                k -> config.get(k, targets.get(k).version(), true));
        Map<String, Long> versions = new LinkedHashMap<>();
        targets.forEach((key, target) -> versions.put(key, target.version()));
        List<ConfigFile> files = new ArrayList<>();
        for (ConfigRef ref : spec.config()) {
            if (ref.path() == null) {
                continue;
            }
            if (!targets.containsKey(ref.key())) {
                LOG.debug("instance {} references config {} which is not published yet", instance.id(), ref.key());
                continue;
            }
            DocumentView doc = document.apply(ref.key());
            files.add(new ConfigFile(ref.key(), doc.version(), ref.path(), doc.json(), ref.reload() == ConfigRef.Reload.FILE,
                    ref.signal()));
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (Map.Entry<String, SecretRef> e : spec.secrets().entrySet()) {
            SecretRef ref = e.getValue();
            if (!targets.containsKey(ref.key())) {
                return new Prepared(files, Map.of(), "secret " + e.getKey() + ": config " + ref.key() + " is not published;"
                        + " publish it with 'mcphub config set " + ref.key() + " -f FILE'", versions);
            }
            JsonNode value = document.apply(ref.key()).json().at(ref.pointer());
            if (value.isMissingNode() || value.isNull() || value.isContainerNode()) {
                return new Prepared(files, Map.of(), "secret " + e.getKey() + ": config " + ref.key() + " version "
                        + targets.get(ref.key()).version() + " has no value at " + ref.pointer()
                        + "; add it there or fix the reference in the stack", versions);
            }
            env.put(e.getKey(), value.asText());
        }
        return new Prepared(files, env, null, versions);
    }
}
