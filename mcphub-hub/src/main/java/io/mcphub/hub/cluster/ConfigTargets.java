package io.mcphub.hub.cluster;

import io.mcphub.config.DocumentRelease;
import io.mcphub.core.Json;
import io.mcphub.core.stack.ConfigRef;
import io.mcphub.core.stack.SecretRef;
import io.mcphub.core.stack.ServiceSpec;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which version of each configuration document an instance should run, and how a new one reaches it. The version is
 * the document's head, or a gray release's candidate for the instances it chooses by their attributes: the node's
 * labels, the service's labels, and {@code instance}, {@code service}, {@code stack} and {@code node}.
 */
public final class ConfigTargets {

    private ConfigTargets() {}

    /** How a new version of a document reaches a running instance. */
    public enum Delivery {
        /** {@code reload: file}: the agent rewrites the file in place; the process keeps running. */
        IN_PLACE,
        /** {@code reload: restart}, and any document secrets come from: a rolling restart. */
        RESTART,
        /** {@code reload: live} with a path: written as the instance starts; the service watches the rest itself. */
        AT_START
    }

    /** A document the hub hands an instance, and the version it should run. */
    public record Target(String key, Delivery delivery, long version) {}

    /**
     * The documents the hub hands {@code instance} (files and secrets, not {@code live} ones without a path), by key,
     * each at the version for it; a document not published yet is left out.
     */
    public static Map<String, Target> of(InstanceRecord instance, NodeRecord node, Map<String, DocumentRelease> releases) {
        ServiceSpec spec = Json.JSON.convertValue(instance.spec(), ServiceSpec.class);
        Map<String, Delivery> delivered = new LinkedHashMap<>();
        for (ConfigRef ref : spec.config()) {
            switch (ref.reload()) {
                case FILE -> delivered.put(ref.key(), Delivery.IN_PLACE);
                case RESTART -> delivered.put(ref.key(), Delivery.RESTART);
                case LIVE -> {
                    if (ref.path() != null) {
                        delivered.put(ref.key(), Delivery.AT_START);
                    }
                }
            }
        }
        for (SecretRef secret : spec.secrets().values()) {
            delivered.put(secret.key(), Delivery.RESTART); // the environment is read once: a new value needs a restart
        }
        Map<String, String> attributes = attributes(instance, spec, node);
        Map<String, Target> targets = new LinkedHashMap<>();
        delivered.forEach((key, how) -> {
            DocumentRelease release = releases.get(key);
            if (release != null) {
                targets.put(key, new Target(key, how, release.versionFor(instance.id(), attributes)));
            }
        });
        return targets;
    }

    /** What a gray release's {@code --gray-labels} are matched against; the built-in names win over labels. */
    static Map<String, String> attributes(InstanceRecord instance, ServiceSpec spec, NodeRecord node) {
        Map<String, String> attributes = new HashMap<>();
        if (node != null) {
            attributes.putAll(node.labels());
        }
        attributes.putAll(spec.labels());
        attributes.put("instance", instance.id());
        attributes.put("service", instance.service());
        attributes.put("stack", instance.stack());
        attributes.put("node", instance.node());
        return attributes;
    }
}
