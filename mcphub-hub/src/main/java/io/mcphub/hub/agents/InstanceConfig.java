package io.mcphub.hub.agents;

import io.mcphub.config.ConfigCenter;
import io.mcphub.config.DocumentView;
import io.mcphub.core.Json;
import io.mcphub.core.agentapi.ConfigFile;
import io.mcphub.core.error.ProblemException;
import io.mcphub.core.stack.ConfigRef;
import io.mcphub.core.stack.ServiceSpec;
import io.mcphub.hub.cluster.InstanceRecord;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration files an instance gets with its assignment: the latest version of every document its service
 * references with a {@code path}. A document not published yet is left out (the service starts without it and
 * gets it with the first publish that rolls out).
 */
public final class InstanceConfig {

    private static final Logger LOG = LoggerFactory.getLogger(InstanceConfig.class);

    private final ConfigCenter config;

    public InstanceConfig(ConfigCenter config) {
        this.config = config;
    }

    public List<ConfigFile> filesFor(InstanceRecord instance) {
        List<ConfigFile> files = new ArrayList<>();
        for (ConfigRef ref : Json.JSON.convertValue(instance.spec(), ServiceSpec.class).config()) {
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
