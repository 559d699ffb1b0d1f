package io.mcphub.deploy.probe;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

/**
 * The programs process services run with (node/npx, python3/uvx, java) and a Docker engine the CLI can reach, each
 * with its version. Plain processes are the agent's own runtime and always available.
 */
final class RuntimesProbe implements NodeProbe {

    static final String NAME = "runtimes";
    static final String PROCESS = "process";

    /** How to ask one program its version, and where the version is in the answer. */
    record Check(String runtime, List<String> command, Pattern version) {

        Optional<String> ask(ProbeContext ctx) {
            return ctx.run(command.toArray(String[]::new))
                    .filter(CommandRunner.Result::succeeded)
                    .flatMap(answer -> Text.first(version, answer.output()));
        }
    }

    /** "Picked up JAVA_TOOL_OPTIONS: -Xmx512m" may come first, so java's version is the quoted one. */
    private static final Pattern JAVA_VERSION = Pattern.compile("version \"([^\"]+)\"");

    /**
     * The server version, not the client's: {@code docker version} succeeds only when an engine answers (through
     * {@code DOCKER_HOST} or the CLI's context too, which the socket probe does not know about).
     */
    static final List<Check> CHECKS = List.of(
            new Check("docker", List.of("docker", "version", "--format", "{{.Server.Version}}"), Text.VERSION),
            new Check("node", List.of("node", "--version"), Text.VERSION),
            new Check("npx", List.of("npx", "--version"), Text.VERSION),
            new Check("python3", List.of("python3", "--version"), Text.VERSION),
            new Check("uvx", List.of("uvx", "--version"), Text.VERSION),
            new Check("java", List.of("java", "-version"), JAVA_VERSION));

    private final List<Check> checks;

    RuntimesProbe() {
        this(CHECKS);
    }

    RuntimesProbe(List<Check> checks) {
        this.checks = List.copyOf(checks);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Someone may install node or start dockerd on a running node. */
    @Override
    public Duration refreshEvery() {
        return Duration.ofMinutes(5);
    }

    @Override
    public void probe(ProbeContext ctx, NodeFacts.Builder facts) throws Exception {
        facts.runtime(PROCESS, "builtin");
        // Each answer is a process start (npx and java take 100 ms or more); asking all at once costs the slowest.
        Map<String, Future<Optional<String>>> answers = new LinkedHashMap<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            checks.forEach(check -> answers.put(check.runtime(), threads.submit(() -> check.ask(ctx))));
        }
        for (Map.Entry<String, Future<Optional<String>>> answer : answers.entrySet()) {
            answer.getValue().get().ifPresent(version -> facts.runtime(answer.getKey(), version));
        }
    }
}
