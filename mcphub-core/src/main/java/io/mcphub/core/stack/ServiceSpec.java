package io.mcphub.core.stack;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One service of a stack, defaults filled in. Built by {@link StackParser}, which enforces the rules between fields
 * (a process service has a command, a stdio server has no port, …); the record itself only normalises.
 *
 * @param command   the program a process runs, or the entry point overriding an image's
 * @param image     the image Docker or Kubernetes runs
 * @param env       environment of every instance, in declaration order
 * @param port      the port every instance listens on; null when each instance gets a free port of its own (in
 *                  env {@code PORT}), and for services that do not listen
 * @param transport how the gateway speaks MCP to it; null for {@link ServiceType#HTTP} services
 * @param url       the endpoint of a server the hub does not run, only routes to; null for deployed services
 * @param path      the HTTP path of the MCP endpoint ({@code /mcp}, {@code /sse}); null for stdio, http and url
 *                  services
 * @param replicas  instances to run; 0 keeps the service declared but stopped
 * @param dependsOn services that must be started (and healthy) first
 * @param secrets   environment variable name to the configuration value it carries
 */
public record ServiceSpec(
        String name,
        ServiceType type,
        RuntimeKind runtime,
        String command,
        List<String> args,
        String image,
        Map<String, String> env,
        String workdir,
        Integer port,
        Transport transport,
        String url,
        String path,
        int replicas,
        List<String> dependsOn,
        PlacementSpec placement,
        HealthCheck health,
        RestartPolicy restart,
        List<ConfigRef> config,
        Map<String, SecretRef> secrets,
        Resources resources,
        Map<String, String> labels) {

    /** The variable that tells a listening instance its port. */
    public static final String PORT_ENV = "PORT";

    public ServiceSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(runtime, "runtime");
        args = Copies.list(args);
        env = Copies.map(env);
        dependsOn = Copies.list(dependsOn);
        placement = placement == null ? PlacementSpec.ANYWHERE : placement;
        health = health == null ? HealthCheck.defaults(type) : health;
        restart = restart == null ? RestartPolicy.DEFAULT : restart;
        config = Copies.list(config);
        secrets = Copies.map(secrets);
        resources = resources == null ? Resources.UNSPECIFIED : resources;
        labels = Copies.map(labels);
    }

    /** A server the hub only routes to: it is not deployed, so it has no instances of its own. */
    public boolean external() {
        return url != null;
    }

    /** Whether the hub's instances accept connections, and so each needs a port. */
    public boolean listens() {
        return listens(type, transport, url);
    }

    static boolean listens(ServiceType type, Transport transport, String url) {
        return url == null && (type == ServiceType.HTTP || (transport != null && transport.overHttp()));
    }

    /**
     * {@code sha256:HEX} over the service's canonical JSON: equal for equal specs however they were written (key
     * order, defaults spelt out or left implicit), so a planner can tell an unchanged service from a changed one.
     */
    public String contentHash() {
        return CanonicalJson.sha256(this);
    }
}
