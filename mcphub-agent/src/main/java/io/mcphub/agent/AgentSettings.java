package io.mcphub.agent;

import java.nio.file.Path;
import java.util.Map;

/**
 * How to run an agent.
 *
 * @param hubUrl     the hub's public API (join only; everything after goes to the mTLS endpoint the join returns)
 * @param joinToken  one-time token from {@code mcphub node token create}; not needed once the agent has joined
 * @param bridgeHost address the agent serves its instances on (the gateway's way in), over mutual TLS
 */
public record AgentSettings(String hubUrl, String joinToken, String name, Path dataDir, Map<String, String> labels,
                            String bridgeHost) {

    public AgentSettings {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        bridgeHost = bridgeHost == null ? "127.0.0.1" : bridgeHost;
    }
}
