package io.mcphub.deploy.probe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.mcphub.core.Json;
import io.mcphub.deploy.probe.NodeFacts.Kubernetes;
import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kubernetes API the node can deploy to: from inside a pod (a service-account token and the
 * {@code KUBERNETES_SERVICE_HOST} the kubelet injects — the same test client-go's in-cluster config makes), or through
 * a kubeconfig that names a server. The server is not contacted: a probe must not reach out to the network.
 */
final class KubernetesProbe implements NodeProbe {

    private static final Logger log = LoggerFactory.getLogger(KubernetesProbe.class);

    static final String NAME = "kubernetes";
    static final String SERVICE_ACCOUNT = "/var/run/secrets/kubernetes.io/serviceaccount";

    @Override
    public String name() {
        return NAME;
    }

    /** A kubeconfig may be written (or removed) after the agent started. */
    @Override
    public Duration refreshEvery() {
        return Duration.ofMinutes(1);
    }

    @Override
    public void probe(ProbeContext ctx, NodeFacts.Builder facts) {
        inCluster(ctx).or(() -> fromKubeconfig(ctx)).ifPresent(facts::kubernetes);
    }

    private static Optional<Kubernetes> inCluster(ProbeContext ctx) {
        Optional<String> host = ctx.variable("KUBERNETES_SERVICE_HOST");
        if (host.isEmpty() || !Files.isRegularFile(ctx.path(SERVICE_ACCOUNT + "/token"))) {
            return Optional.empty();
        }
        String hostPart = host.get().contains(":") ? "[" + host.get() + "]" : host.get();
        String server = "https://" + hostPart + ":" + ctx.variable("KUBERNETES_SERVICE_PORT").orElse("443");
        String namespace = ctx.read(SERVICE_ACCOUNT + "/namespace").map(String::trim).filter(s -> !s.isEmpty()).orElse(null);
        return Optional.of(new Kubernetes(Kubernetes.Access.IN_CLUSTER, server, namespace, null, SERVICE_ACCOUNT));
    }

    /** {@code $KUBECONFIG} is a path list, as kubectl reads it; the first file that names a server wins. */
    private static Optional<Kubernetes> fromKubeconfig(ProbeContext ctx) {
        List<String> candidates = ctx.variable("KUBECONFIG")
                .map(list -> Arrays.stream(list.split(File.pathSeparator)).filter(p -> !p.isBlank()).toList())
                .orElseGet(() -> List.of(ctx.home() + "/.kube/config"));
        for (String path : candidates) {
            Optional<Kubernetes> found = ctx.read(path).flatMap(text -> kubeconfig(path, text));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /**
     * The server of the current context's cluster, or of the first cluster when no context is current. A file that
     * is not YAML fails the probe, so that the fingerprint says which file is broken.
     */
    static Optional<Kubernetes> kubeconfig(String path, String text) {
        JsonNode config;
        try {
            config = Json.YAML.readTree(text);
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr();
            throw new IllegalArgumentException("kubeconfig " + path + at + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
        if (config == null || !config.isObject()) {
            log.info("kubeconfig {} is empty or not a mapping; not using it", path);
            return Optional.empty();
        }
        String currentContext = config.path("current-context").asText("");
        JsonNode context = named(config.path("contexts"), currentContext).path("context");
        JsonNode cluster = context.isMissingNode()
                ? config.path("clusters").path(0).path("cluster")
                : named(config.path("clusters"), context.path("cluster").asText("")).path("cluster");
        String server = cluster.path("server").asText("");
        if (server.isBlank()) {
            log.info("kubeconfig {} names no server for context '{}'; not using it", path, currentContext);
            return Optional.empty();
        }
        return Optional.of(new Kubernetes(Kubernetes.Access.KUBECONFIG, server, context.path("namespace").asText(null),
                currentContext.isEmpty() ? null : currentContext, path));
    }

    /** The entry of a kubeconfig list ({@code contexts}, {@code clusters}) with that name, or a missing node. */
    private static JsonNode named(JsonNode list, String name) {
        for (JsonNode entry : list) {
            if (name.equals(entry.path("name").asText(null))) {
                return entry;
            }
        }
        return MissingNode.getInstance();
    }
}
