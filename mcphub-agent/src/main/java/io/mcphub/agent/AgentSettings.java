package io.mcphub.agent;

import java.nio.file.Path;
import java.util.Map;

/**
 * How to run an agent.
 *
 * @param hubUrl     the hub's public API (join only; everything after goes to the mTLS endpoint the join returns)
 * @param joinToken  one-time token from {@code mcphub node token create}; not needed once the agent has joined
 * @param bridgeHost address the agent serves its instances on (the gateway's way in), over mutual TLS
 * @param agentEndpoint the hub's mTLS agent endpoint as this node reaches it, overriding the one the join answers
 *                   (the hub's own view of its address); null to use that one. A node behind an SSH tunnel reaches
 *                   the hub at a forwarded loopback port the hub cannot know from where it listens.
 */
public record AgentSettings(String hubUrl, String joinToken, String name, Path dataDir, Map<String, String> labels,
                            String bridgeHost, String agentEndpoint) {

    public AgentSettings {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        bridgeHost = bridgeHost == null ? "127.0.0.1" : bridgeHost;
    }

    public AgentSettings(String hubUrl, String joinToken, String name, Path dataDir, Map<String, String> labels, String bridgeHost) {
        this(hubUrl, joinToken, name, dataDir, labels, bridgeHost, null);
    }
}
