package io.mcphub.deploy.scheduler;

import java.util.Optional;
import java.util.Set;

/**
 * Which runtime a service gets on a node. {@code runtime: auto} prefers a plain process when the node has the
 * program (no image to pull, fastest start), then Docker when the service names an image and the engine answers,
 * then Kubernetes; an explicit runtime must be available as asked.
 */
final class RuntimeChoice {

    /** Programs the node probe looks for; any other program is assumed present. */
    private static final Set<String> PROBED = Set.of("node", "npx", "npm", "python3", "python", "uvx", "uv", "java", "docker");

    private RuntimeChoice() {}

    record Choice(String runtime, String why) {}

    static Optional<Choice> choose(Demand d, NodeView n) {
        return switch (d.runtime()) {
            case "process" -> hasCommand(d, n) ? Optional.of(new Choice("process", "runtime process asked for; " + commandNote(d)))
                    : Optional.empty();
            case "docker" -> n.runtimes().contains("docker")
                    ? Optional.of(new Choice("docker", "runtime docker asked for and available"))
                    : Optional.empty();
            case "kubernetes" -> n.runtimes().contains("kubernetes") && !d.stdio()
                    ? Optional.of(new Choice("kubernetes", "runtime kubernetes asked for and available"))
                    : Optional.empty();
            default -> auto(d, n);
        };
    }

    private static Optional<Choice> auto(Demand d, NodeView n) {
        if (d.command() != null && hasCommand(d, n)) {
            return Optional.of(new Choice("process", "auto: " + commandNote(d) + ", so a plain process (no image needed)"));
        }
        if (d.image() != null && n.runtimes().contains("docker")) {
            return Optional.of(new Choice("docker", "auto: the node has no " + d.command() + " but a Docker engine for image " + d.image()));
        }
        if (d.image() != null && n.runtimes().contains("kubernetes") && !d.stdio()) {
            return Optional.of(new Choice("kubernetes", "auto: the node is in a Kubernetes cluster that can run image " + d.image()));
        }
        return Optional.empty();
    }

    static String whyNot(Demand d, NodeView n) {
        return switch (d.runtime()) {
            case "process" -> "runtime process needs " + d.command() + ", which the node does not have";
            case "kubernetes" -> d.stdio() && n.runtimes().contains("kubernetes")
                    ? "runtime kubernetes cannot run a stdio MCP server (the agent cannot hold a pod's stdin and stdout);"
                    + " give it transport streamable-http or use runtime docker"
                    : "runtime kubernetes is not available on the node";
            case "docker" -> "runtime docker is not available on the node";
            default -> d.image() == null ? "auto: the node has no " + (d.command() == null ? "command to run" : d.command())
                    : "auto: the node has neither " + (d.command() == null ? "a command to run" : d.command())
                    + " nor a container runtime for image " + d.image();
        };
    }

    /**
     * Whether the node can run the process's program. Programs the probe reports (node, npx, python3, uvx, java,
     * docker) must be among its commands; others (absolute paths, shell tools) are assumed present, as they are
     * not probed.
     */
    private static boolean hasCommand(Demand d, NodeView n) {
        if (d.command() == null) {
            return false;
        }
        String program = programOf(d);
        return !PROBED.contains(program) || n.commands().contains(program);
    }

    private static String commandNote(Demand d) {
        return PROBED.contains(programOf(d)) ? "the node has " + programOf(d) : programOf(d) + " is not probed, assumed present";
    }

    private static String programOf(Demand d) {
        return d.command().substring(d.command().lastIndexOf('/') + 1);
    }
}
