package io.mcphub.deploy.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a probe may learn the machine through, so that a test can hand it a fixture tree instead.
 *
 * @param root     where absolute machine paths ({@code /proc/meminfo}, {@code /etc/os-release}, the Docker socket,
 *                 the service-account directory, the kubeconfig) are looked up; {@code /} on a real node
 * @param env      the environment: {@code PATH} for commands, {@code HOME}, {@code KUBECONFIG}, {@code DOCKER_HOST}…
 * @param dataDir  the agent's data directory, whose filesystem the disk probe measures
 */
public record ProbeContext(Path root, Map<String, String> env, Path dataDir, Clock clock, CommandRunner commands,
                           UnixHttp unixHttp) {

    private static final Logger log = LoggerFactory.getLogger(ProbeContext.class);

    /**
     * Long enough for a cold {@code npx} or a pyenv shim on a busy machine (npm alone can take seconds to load when the
     * cores are shared); a program slower than this is as good as missing, and the node would be scheduled without it.
     */
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

    /** A local engine answers {@code /_ping} in milliseconds; one that takes longer is not usable anyway. */
    public static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(1);

    public ProbeContext {
        Objects.requireNonNull(root, "root");
        env = Map.copyOf(env);
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(commands, "commands");
        Objects.requireNonNull(unixHttp, "unixHttp");
    }

    /** The real machine, as the agent sees it. */
    public static ProbeContext system(Path dataDir) {
        return new ProbeContext(Path.of("/"), System.getenv(), dataDir, Clock.systemUTC(),
                CommandRunner.processes(COMMAND_TIMEOUT), UnixHttp.client(SOCKET_TIMEOUT));
    }

    public ProbeContext withRoot(Path root) {
        return new ProbeContext(root, env, dataDir, clock, commands, unixHttp);
    }

    public ProbeContext withEnv(Map<String, String> env) {
        return new ProbeContext(root, env, dataDir, clock, commands, unixHttp);
    }

    public ProbeContext withClock(Clock clock) {
        return new ProbeContext(root, env, dataDir, clock, commands, unixHttp);
    }

    public ProbeContext withCommands(CommandRunner commands) {
        return new ProbeContext(root, env, dataDir, clock, commands, unixHttp);
    }

    /** Where the machine path {@code absolute} is under {@link #root()}. */
    public Path path(String absolute) {
        return root.resolve(absolute.replaceFirst("^/+", ""));
    }

    /** The file's text, or empty when it is missing or unreadable: to a probe both mean "cannot tell". */
    public Optional<String> read(String absolute) {
        Path file = path(absolute);
        try {
            return Optional.of(Files.readString(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            log.debug("cannot read {}: {}", file, e.toString());
            return Optional.empty();
        }
    }

    /** An environment variable, treating a blank value as unset (as shells and kubectl do). */
    public Optional<String> variable(String name) {
        return Optional.ofNullable(env.get(name)).filter(value -> !value.isBlank());
    }

    /** The user's home directory, for {@code ~/.kube/config}. */
    public String home() {
        return variable("HOME").orElse(System.getProperty("user.home"));
    }

    /** Runs a program found on this context's {@code PATH}; empty means it is not available. */
    public Optional<CommandRunner.Result> run(String... command) {
        return commands.run(List.of(command), env);
    }

    /** GETs {@code requestPath} from the HTTP server on the Unix socket at machine path {@code socket}. */
    public Optional<UnixHttp.Reply> get(String socket, String requestPath) {
        return unixHttp.get(path(socket), requestPath);
    }
}
