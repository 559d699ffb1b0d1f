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

    /** The secret environment of an instance, or why it cannot have one (the instance must not start then). */
    public record Secrets(Map<String, String> env, String problem) {}

    public Secrets secretsFor(InstanceRecord instance) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Map.Entry<String, SecretRef> e : spec(instance).secrets().entrySet()) {
            SecretRef ref = e.getValue();
            JsonNode value;
            try {
                value = config.get(ref.key(), null, true).json().at(ref.pointer());
            } catch (ProblemException notPublished) {
                return new Secrets(Map.of(), "secret " + e.getKey() + ": config " + ref.key() + " is not published; publish"
                        + " it with 'mcphub config set " + ref.key() + " -f FILE'");
            }
            if (value.isMissingNode() || value.isNull() || value.isContainerNode()) {
                return new Secrets(Map.of(), "secret " + e.getKey() + ": config " + ref.key() + " has no value at "
                        + ref.pointer() + "; add it there or fix the reference in the stack");
            }
            env.put(e.getKey(), value.asText());
        }
        return new Secrets(env, null);
    }

    private static ServiceSpec spec(InstanceRecord instance) {
        return Json.JSON.convertValue(instance.spec(), ServiceSpec.class);
    }

    public List<ConfigFile> filesFor(InstanceRecord instance) {
        List<ConfigFile> files = new ArrayList<>();
        for (ConfigRef ref : spec(instance).config()) {
            if (ref.path() == null) {
                continue;
            }
            try {
                DocumentView doc = config.get(ref.key(), null, true);
                files.add(new ConfigFile(ref.key(), doc.version(), ref.path(), doc.json()));
            } catch (ProblemException notPublished) {
                LOG.debug("instance {} references config {} which is not published yet", instance.id(), ref.key());
            }
        }
        return files;
    }
}
