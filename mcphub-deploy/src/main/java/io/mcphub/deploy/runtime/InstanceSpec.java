package io.mcphub.deploy.runtime;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a runtime needs to run one instance of a service: the program, its environment, the port it was given and
 * how to judge and keep it alive. Runtime-neutral on purpose: the process, Docker and Kubernetes runtimes all start
 * from this record.
 *
 * @param instanceId unique on the node; also a path segment (instance directory, bridge URL), hence the charset
 * @param command the program a process runs; for an image, the entry point overriding the image's (null keeps it)
 * @param image the container image Docker or Kubernetes runs; null for a process
 * @param port assigned by the caller (see {@link PortAllocator}); passed to the program as env {@code PORT}
 * @param workdir relative paths resolve under the instance directory; null means its {@code work} folder
 * @param resources what the instance reserves, for runtimes that can hold it to that (containers, pods)
 * @param secretEnv the names in {@code env} whose values are secrets: a runtime that writes the environment into an
 *                  object others can read (a pod spec) keeps these out of it
 */
public record InstanceSpec(String instanceId, String service, String image, String command, List<String> args,
                           Map<String, String> env, String workdir, Integer port, Transport transport,
                           Health health, Restart restart, Resources resources, java.util.Set<String> secretEnv) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    public InstanceSpec {
        if (!isValidId(instanceId)) {
            throw new IllegalArgumentException("instanceId must be 1-128 letters, digits, '.', '_' or '-' starting with"
                    + " a letter or digit; got " + (instanceId == null ? "nothing" : "\"" + instanceId + "\""));
        }
        if (service == null || service.isBlank()) {
            throw new IllegalArgumentException("instance " + instanceId + ": service is required");
        }
        if (image != null && image.isBlank()) {
            image = null;
        }
        if (image == null && (command == null || command.isBlank())) {
            throw new IllegalArgumentException("instance " + instanceId + ": command is required (the program to run)");
        }
        if (command != null && command.isBlank()) {
            command = null;
        }
        if (port != null && (port < 1 || port > 65535)) {
            throw new IllegalArgumentException("instance " + instanceId + ": port must be 1-65535, got " + port);
        }
        args = args == null ? List.of() : List.copyOf(args);
        env = env == null ? Map.of() : Map.copyOf(env);
        transport = transport == null ? Transport.NONE : transport;
        health = health == null ? Health.defaultFor(transport, port) : health;
        restart = restart == null ? Restart.DEFAULT : restart;
        resources = resources == null ? Resources.NONE : resources;
        secretEnv = secretEnv == null ? java.util.Set.of() : java.util.Set.copyOf(secretEnv);
        if (health.type() == Health.Type.MCP_PING && transport != Transport.STDIO) {
            throw new IllegalArgumentException("instance " + instanceId + ": health mcp-ping needs transport stdio; use"
                    + " http or tcp for a server that listens on a port");
        }
        if ((health.type() == Health.Type.HTTP || health.type() == Health.Type.TCP) && port == null) {
            throw new IllegalArgumentException("instance " + instanceId + ": health " + health.type().wireName()
                    + " needs a port to check; give the instance a port or use health none");
        }
    }

    /**
     * The working directory in {@code instanceDir}, created if needed: {@code work} by default, a relative
     * {@code workdir} below the instance directory (never outside it), an absolute one as given.
     */
    public Path workdirIn(Path instanceDir) throws IOException {
        Path dir;
        if (workdir == null || workdir.isBlank()) {
            dir = instanceDir.resolve("work");
        } else {
            Path given = Path.of(workdir);
            dir = given.isAbsolute() ? given : instanceDir.resolve(given).normalize();
            if (!given.isAbsolute() && !dir.startsWith(instanceDir.normalize())) {
                throw new IOException("workdir " + workdir + " leaves the instance directory; use a path"
                        + " below it or an absolute one");
            }
        }
        return Files.createDirectories(dir);
    }

    /** Whether {@code id} can name an instance (and so a directory and a URL segment). */
    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    public static Builder builder(String instanceId, String service, String command) {
        return new Builder(instanceId, service, command);
    }

    /** How the program talks MCP, if at all; {@code none} is an ordinary service (or an MCP server we only run). */
    public enum Transport {
        STDIO("stdio"), STREAMABLE_HTTP("streamable-http"), SSE("sse"), NONE("none");

        private final String wireName;

        Transport(String wireName) {
            this.wireName = wireName;
        }

        @JsonValue
        public String wireName() {
            return wireName;
        }

        @JsonCreator
        public static Transport parse(String text) {
            return WireNames.parse(values(), Transport::wireName, text, "transport");
        }
    }

    /**
     * How the supervisor judges an instance. Failures inside {@code startPeriod} do not count (a slow start is not
     * a sick one), but a success there already makes the instance healthy.
     */
    public record Health(Type type, String path, Duration interval, Duration timeout, int failureThreshold,
                         Duration startPeriod) {

        public Health {
            type = type == null ? Type.NONE : type;
            path = path == null || path.isBlank() ? "/" : path.startsWith("/") ? path : "/" + path;
            interval = positive(interval, Duration.ofSeconds(10), "health interval");
            timeout = positive(timeout, Duration.ofSeconds(5), "health timeout");
            if (failureThreshold < 1) {
                throw new IllegalArgumentException("health failureThreshold must be at least 1, got " + failureThreshold);
            }
            startPeriod = startPeriod == null ? Duration.ofSeconds(30) : startPeriod;
            if (startPeriod.isNegative()) {
                throw new IllegalArgumentException("health startPeriod must not be negative, got " + startPeriod);
            }
        }

        public static Health of(Type type) {
            return new Health(type, null, null, null, 3, null);
        }

        /** stdio MCP servers are pinged; anything with a port gets a TCP check; the rest is trusted while it runs. */
        public static Health defaultFor(Transport transport, Integer port) {
            if (transport == Transport.STDIO) {
                return of(Type.MCP_PING);
            }
            return of(port != null ? Type.TCP : Type.NONE);
        }

        public enum Type {
            MCP_PING("mcp-ping"), HTTP("http"), TCP("tcp"), NONE("none");

            private final String wireName;

            Type(String wireName) {
                this.wireName = wireName;
            }

            @JsonValue
            public String wireName() {
                return wireName;
            }

            @JsonCreator
            public static Type parse(String text) {
                return WireNames.parse(values(), Type::wireName, text, "health type");
            }
        }
    }

    /**
     * The stack's {@code resources}: CPUs (fractions allowed) and memory in MiB, each null when not declared. A
     * container gets the memory as its hard limit and the CPUs as its share of CPU time under contention (what a
     * Kubernetes request does), not as a cap: a capped MCP server stalls its callers while cores sit idle.
     */
    public record Resources(Double cpus, Long memoryMb) {

        public static final Resources NONE = new Resources(null, null);

        public Resources {
            if (cpus != null && !(cpus > 0)) {
                throw new IllegalArgumentException("resources cpu must be positive, got " + cpus);
            }
            if (memoryMb != null && memoryMb < 1) {
                throw new IllegalArgumentException("resources memoryMb must be positive, got " + memoryMb);
            }
        }
    }

    /**
     * When a process that ended is started again, and how long to wait first: the delay doubles from
     * {@code initialBackoff} up to {@code maxBackoff}, and falls back to {@code initialBackoff} once the instance has
     * stayed healthy for {@link #stableAfter()}.
     */
    public record Restart(Policy policy, Duration initialBackoff, Duration maxBackoff) {

        private static final Duration DEFAULT_INITIAL = Duration.ofSeconds(1);
        private static final Duration DEFAULT_MAX = Duration.ofMinutes(1);
        private static final Duration MIN_STABLE = Duration.ofSeconds(10);
        public static final Restart DEFAULT = new Restart(Policy.ALWAYS, DEFAULT_INITIAL, DEFAULT_MAX);

        public Restart {
            policy = policy == null ? Policy.ALWAYS : policy;
            initialBackoff = positive(initialBackoff, DEFAULT_INITIAL, "restart initialBackoff");
            maxBackoff = positive(maxBackoff, DEFAULT_MAX, "restart maxBackoff");
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("restart maxBackoff (" + maxBackoff
                        + ") must not be shorter than initialBackoff (" + initialBackoff + ")");
            }
        }

        /** A crash loop whose runs last shorter than the longest backoff must keep backing off. */
        public Duration stableAfter() {
            return maxBackoff.compareTo(MIN_STABLE) > 0 ? maxBackoff : MIN_STABLE;
        }

        public enum Policy {
            ALWAYS("always"), ON_FAILURE("on-failure"), NEVER("never");

            private final String wireName;

            Policy(String wireName) {
                this.wireName = wireName;
            }

            @JsonValue
            public String wireName() {
                return wireName;
            }

            @JsonCreator
            public static Policy parse(String text) {
                return WireNames.parse(values(), Policy::wireName, text, "restart policy");
            }

            /** Whether a process that ended with this exit code is started again. */
            public boolean restartsAfter(int exitCode) {
                return this == ALWAYS || (this == ON_FAILURE && exitCode != 0);
            }
        }
    }

    public static final class Builder {
        private final String instanceId;
        private final String service;
        private final String command;
        private String image;
        private List<String> args = List.of();
        private final Map<String, String> env = new LinkedHashMap<>();
        private String workdir;
        private Integer port;
        private Transport transport;
        private Health health;
        private Restart restart;
        private Resources resources;
        private java.util.Set<String> secretEnv = java.util.Set.of();

        private Builder(String instanceId, String service, String command) {
            this.instanceId = instanceId;
            this.service = service;
            this.command = command;
        }

        /** Runs this image (Docker, Kubernetes); the command, when given, overrides its entry point. */
        public Builder image(String image) {
            this.image = image;
            return this;
        }

        public Builder args(String... args) {
            this.args = List.of(args);
            return this;
        }

        public Builder args(List<String> args) {
            this.args = List.copyOf(args);
            return this;
        }

        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        public Builder env(Map<String, String> values) {
            env.putAll(values);
            return this;
        }

        public Builder workdir(String workdir) {
            this.workdir = workdir;
            return this;
        }

        public Builder port(Integer port) {
            this.port = port;
            return this;
        }

        public Builder transport(Transport transport) {
            this.transport = transport;
            return this;
        }

        public Builder health(Health health) {
            this.health = health;
            return this;
        }

        public Builder restart(Restart restart) {
            this.restart = restart;
            return this;
        }

        public Builder resources(Resources resources) {
            this.resources = resources;
            return this;
        }

        /** A secret environment variable (see {@link InstanceSpec#secretEnv}). */
        public Builder secretEnv(String name, String value) {
            env.put(name, value);
            java.util.Set<String> names = new java.util.HashSet<>(secretEnv);
            names.add(name);
            secretEnv = names;
            return this;
        }

        public InstanceSpec build() {
            return new InstanceSpec(instanceId, service, image, command, args, env, workdir, port, transport, health, restart,
                    resources, secretEnv);
        }
    }

    private static Duration positive(Duration value, Duration fallback, String what) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + value);
        }
        return value;
    }

    /** The spec's enums are written in kebab-case in stack files; an unknown word names the ones that exist. */
    private static final class WireNames {
        static <E extends Enum<E>> E parse(E[] values, Function<E, String> name, String text, String what) {
            for (E e : values) {
                if (name.apply(e).equalsIgnoreCase(text) || e.name().equalsIgnoreCase(text)) {
                    return e;
                }
            }
            throw new IllegalArgumentException("unknown " + what + " \"" + text + "\"; use one of "
                    + Arrays.stream(values).map(name).collect(Collectors.joining(", ")));
        }
    }
}
