package io.mcphub.deploy.probe;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.core.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Docker engine answering on its Unix socket, which is what the Docker runtime talks to: the node can then run
 * containers, and the engine's version refines what the {@code runtimes} probe found through the CLI.
 */
final class DockerProbe implements NodeProbe {

    private static final Logger log = LoggerFactory.getLogger(DockerProbe.class);

    static final String NAME = "docker";
    static final String RUNTIME = "docker";
    static final String DEFAULT_SOCKET = "/var/run/docker.sock";

    @Override
    public String name() {
        return NAME;
    }

    /** Engines get installed, started and stopped under a running agent. */
    @Override
    public Duration refreshEvery() {
        return Duration.ofSeconds(30);
    }

    @Override
    public void probe(ProbeContext ctx, NodeFacts.Builder facts) {
        for (String socket : sockets(ctx)) {
            boolean answers = ctx.get(socket, "/_ping").filter(UnixHttp.Reply::ok).map(r -> r.body().trim().equals("OK")).orElse(false);
            if (answers) {
                NodeFacts.DockerEngine engine = engine(ctx, socket);
                facts.docker(engine).runtime(RUNTIME, engine.version() != null ? engine.version() : "unknown");
                return;
            }
        }
    }

    /** {@code DOCKER_HOST} when it names a socket, the system engine, and a rootless engine's socket, in that order. */
    static Set<String> sockets(ProbeContext ctx) {
        Set<String> sockets = new LinkedHashSet<>();
        ctx.variable("DOCKER_HOST").filter(host -> host.startsWith("unix://")).ifPresent(host -> sockets.add(host.substring("unix://".length())));
        sockets.add(DEFAULT_SOCKET);
        ctx.variable("XDG_RUNTIME_DIR").ifPresent(dir -> sockets.add(dir + "/docker.sock"));
        return sockets;
    }

    /** The engine answered {@code /_ping}, so it is usable even if {@code /version} says nothing sensible. */
    private static NodeFacts.DockerEngine engine(ProbeContext ctx, String socket) {
        Optional<JsonNode> version = ctx.get(socket, "/version").filter(UnixHttp.Reply::ok).flatMap(reply -> {
            try {
                return Optional.of(Json.JSON.readTree(reply.body()));
            } catch (IOException e) {
                log.info("Docker engine on {} answered /version with something that is not JSON: {}", socket, e.getMessage());
                return Optional.empty();
            }
        });
        return new NodeFacts.DockerEngine(socket, version.map(v -> v.path("Version").asText(null)).orElse(null),
                version.map(v -> v.path("ApiVersion").asText(null)).orElse(null));
    }
}
