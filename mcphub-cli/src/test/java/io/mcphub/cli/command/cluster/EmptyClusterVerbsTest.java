package io.mcphub.cli.command.cluster;

import static io.mcphub.cli.LiveHub.errorsOnly;
import static io.mcphub.cli.LiveHub.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.cli.CliRun;
import io.mcphub.cli.LiveHub;
import io.mcphub.cli.common.ExitCodes;
import io.mcphub.cli.common.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster verbs against a real hub that no node has joined and that has no stack, and that none of these tests
 * ever gets to store one: every write here is refused, and the empty answers read as such.
 */
class EmptyClusterVerbsTest {
    private static final String NO_NODE = "error: no node has joined the hub yet; start an agent with 'mcphub agent";

    @TempDir
    static Path dir;
    static LiveHub hub;

    @BeforeAll
    static void start() {
        hub = LiveHub.start(dir);
    }

    @AfterAll
    static void stop() {
        assertThat(StackFiles.stored(hub)).as("no test of this class stores a stack").isEmpty();
        hub.close();
    }

    private static CliRun cli(String... args) {
        return CliRun.run(hub.adminEnv(), args);
    }

    @Test
    void applyWithoutANodeIsRefusedAndWritesNothing() {
        Path stack = hub.file("no-node.yaml", StackFiles.needsANode("no-node"));

        CliRun dryRun = cli("apply", "-f", stack.toString(), "--dry-run");
        CliRun apply = cli("apply", "-f", stack.toString(), "-o", "json");

        for (CliRun run : List.of(dryRun, apply)) {
            assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).startsWith(NO_NODE).endsWith(" — nothing was applied\n").hasLineCount(1);
        }
        assertThat(StackFiles.stored(hub)).isEmpty();
    }

    @Test
    void applyLocatesAnUnknownDependencyInTheFile() {
        Path stack = hub.file("typo.yaml", """
                apiVersion: mcphub/v1
                kind: Stack
                metadata: {name: typo}
                services:
                  everything:
                    command: npx
                    args: ["-y", "@modelcontextprotocol/server-everything"]
                  memory:
                    command: npx
                    dependsOn: [everythng]
                """);

        CliRun run = cli("apply", "-f", stack.toString(), "--dry-run");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines().toList()).containsExactly(
                "error: " + stack + ":10:17: services.memory.dependsOn[0]: unknown service \"everythng\" (did you mean \"everything\"?)",
                stack + ":10:17: unknown service \"everythng\" (did you mean \"everything\"?)");
    }

    @Test
    void aCycleIsNamed() {
        Path stack = hub.file("cycle.json", """
                {"apiVersion": "mcphub/v1", "kind": "Stack", "metadata": {"name": "cycle"},
                 "services": {
                   "a": {"command": "npx", "dependsOn": ["b"]},
                   "b": {"command": "npx", "dependsOn": ["c"]},
                   "c": {"command": "npx", "dependsOn": ["a"]}}}
                """);

        CliRun run = cli("apply", "-f", stack.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err().lines().toList()).containsExactly(
                "error: " + stack + ":5:42: services.c.dependsOn[0]: services form a cycle: a → b → c → a; remove one of these dependencies",
                stack + ":5:42: services form a cycle: a → b → c → a; remove one of these dependencies");
    }

    /** The list of bad stacks: each refused through apply with its located message, and nothing stored. */
    @Test
    void badStacksAreRefusedWithTheirMessageAndNothingIsApplied() {
        Map<String, String> cases = Map.of(
                "runtime: podman", "services.s.runtime: unknown runtime \"podman\"; use process, docker, kubernetes or auto",
                "image: mcp/time:1", "services.s.image: a process service runs a command, not an image; remove image or set runtime: docker",
                "args: [x]", "services.s.command: missing; a process service needs a command to run, e.g. command: npx");
        cases.forEach((line, expected) -> {
            String body = line.startsWith("args") ? "    runtime: process\n    " + line + "\n" : "    command: npx\n    " + line + "\n";
            if (line.startsWith("image")) {
                body = "    runtime: process\n    command: npx\n    " + line + "\n";
            }
            Path stack = hub.file("bad-" + Math.abs(line.hashCode()) + ".yaml",
                    "apiVersion: mcphub/v1\nkind: Stack\nmetadata: {name: bad}\nservices:\n  s:\n" + body);
            CliRun run = cli("apply", "-f", stack.toString());
            assertThat(run.exitCode()).as(line).isEqualTo(ExitCodes.FAILED);
            assertThat(run.err()).as(line).startsWith("error: " + stack + ":").contains(expected);
        });
        assertThat(json(cli("service", "list", "-o", "json"))).as("nothing applied").isEmpty();
    }

    @Test
    void aStackFromStdinIsNamedSo() {
        CliRun run = CliRun.runWithStdin(hub.adminEnv(), "apiVersion: mcphub/v1\nkind: Stak\n", "apply", "-f", "-");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err().lines().skip(1).toList()).isNotEmpty().allMatch(l -> l.startsWith("<stdin>:"));
        assertThat(run.err()).contains("<stdin>:2:7: \"Stak\" is not a kind this file can have; write kind: Stack");
    }

    @Test
    void deployOfAMissingFileAsksNothingOfTheHub() {
        CliRun run = CliRun.run(hub.adminEnv("MCP_DEBUG", "1"), "deploy", "no-such-stack.yaml", "--env=prod", "--nodes=node1,node2");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(errorsOnly(run)).isEqualTo("error: no stack file or template named no-such-stack.yaml; templates arrive"
                + " with the template marketplace — pass a stack file\n");
        assertThat(hub.exchanges(run)).isEmpty();
    }

    @Test
    void deployLocatesProblemsInTheFileAsWritten() {
        // The hub is sent the file as edited for --nodes and --env (JSON), so its positions would be into that text.
        Path stack = hub.file("deploy-typo.yaml", """
                apiVersion: mcphub/v1
                kind: Stack
                metadata:
                  name: deploy-typo
                services:
                  everything:
                    command: npx

                  memory:
                    command: npx
                    dependsOn: [everything, postgres]
                """);

        CliRun run = cli("deploy", stack.toString(), "--env=prod", "--nodes=node1,node2");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err().lines().toList()).containsExactly(
                "error: " + stack + ":11:29: services.memory.dependsOn[1]: unknown service \"postgres\"; the stack declares everything, memory",
                stack + ":11:29: unknown service \"postgres\"; the stack declares everything, memory");
    }

    @Test
    void deployWithoutANodeIsRefusedLikeApply() {
        Path stack = hub.file("deploy-no-node.yaml", StackFiles.needsANode("deploy-no-node"));

        CliRun run = cli("deploy", stack.toString(), "--env=prod", "--nodes=node1");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).startsWith(NO_NODE).hasLineCount(1);
    }

    @Test
    void deployRefusesAKeyWrittenTwice() {
        // Edited as a tree, the first "command" would silently be lost; apply would have the hub refuse it.
        Path stack = hub.file("twice.yaml", """
                apiVersion: mcphub/v1
                kind: Stack
                metadata: {name: twice}
                services:
                  everything:
                    command: npx
                    command: uvx
                """);

        CliRun run = cli("deploy", stack.toString(), "--nodes=node1");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err().lines().toList()).containsExactly(
                "error: " + stack + " is not valid YAML; fix it and try again",
                stack + ":7:12: Duplicate field 'command'");
    }

    @Test
    void usageErrors() {
        Path stack = hub.file("usage.yaml", StackFiles.needsANode("usage"));
        List<List<String>> lines = List.of(
                List.of("apply"),
                List.of("apply", "-f"),
                List.of("deploy"),
                List.of("deploy", stack.toString(), "--nodes=node1,,node2"),
                List.of("deploy", stack.toString(), "--nodes=node1,node1"),
                List.of("deploy", stack.toString(), "--env="),
                List.of("delete", "stack"),
                List.of("delete", "stak", "demo"),
                List.of("service", "scale", "demo"),
                List.of("service", "scale", "demo", "--replicas", "two"),
                List.of("service", "lst"),
                List.of("node", "describe"),
                List.of("node", "token", "create", "--labels", "zone"),
                List.of("topology", "--format", "svg"),
                List.of("topology", "-o", "json"));
        for (List<String> args : lines) {
            CliRun run = cli(args.toArray(String[]::new));

            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(ExitCodes.USAGE);
            assertThat(run.out()).as(String.join(" ", args)).isEmpty();
            assertThat(run.err()).as(String.join(" ", args)).startsWith("error: ");
        }
        assertThat(cli("deploy", stack.toString(), "--nodes=node1,node1").err())
                .isEqualTo("error: node node1 is named twice in --nodes; name each node once\n");
        assertThat(cli("topology", "--format", "svg").err())
                .startsWith("error: Invalid value for option '--format': 'svg' is not a topology format;"
                        + " use graphviz, mermaid or json;");
    }

    @Test
    void aGroupAloneShowsItsVerbs() {
        for (String group : List.of("delete", "service", "node")) {
            CliRun run = cli(group);

            assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err()).startsWith("Usage: mcphub " + group);
        }
    }

    @Test
    void unknownNamesGetTheHubsSentence() {
        assertThat(cli("service", "describe", "nothing").err())
                .isEqualTo("error: no service \"nothing\"; list them with 'mcphub service list'\n");
        assertThat(cli("service", "scale", "nothing", "--replicas", "1").exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(cli("delete", "stack", "nothing").err())
                .isEqualTo("error: no stack \"nothing\"; list them with 'mcphub service list'\n");
        assertThat(cli("node", "describe", "nothing").exitCode()).isEqualTo(ExitCodes.FAILED);
    }

    @Test
    void joinTokenAsJson() {
        JsonNode answer = json(cli("node", "token", "create", "--ttl", "90m", "--labels", "zone=eu,gpu=false", "-o", "json"));

        assertThat(answer.path("token").asText()).startsWith("mcphub_join_");
        assertThat(answer.path("expiresAt").asText()).isNotBlank();
        assertThat(answer.path("labels")).isEqualTo(Json.object().put("zone", "eu").put("gpu", "false"));
    }

    @Test
    void joinTokenForPeopleAndScripts() {
        CliRun run = cli("node", "token", "create");
        CliRun shorter = cli("node", "token", "create", "--ttl=20m");

        assertThat(run.exitCode()).isZero();
        // the token alone on stdout: T=$(mcphub node token create) works
        assertThat(run.out()).matches("mcphub_join_\\S+\n");
        String token = run.out().strip();
        assertThat(run.err()).matches("use it once within 1h \\(until \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\): "
                + "mcphub agent --hub \\Q" + hub.url() + "\\E --join-token \\Q" + token + "\\E\n");
        assertThat(shorter.err()).startsWith("use it once within 20m (until ");
    }

    @Test
    void aBadLifetimeIsTheHubsToRefuse() {
        CliRun run = cli("node", "token", "create", "--ttl", "1x");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("error: '1x' is not a duration; ");
    }

    @Test
    void noNodesYet() {
        CliRun table = cli("node", "list");

        assertThat(table.exitCode()).isZero();
        assertThat(table.out()).isEmpty();
        assertThat(table.err()).isEqualTo("no node has joined the hub yet; make a join token with 'mcphub node token create'"
                + " and run 'mcphub agent --hub URL --join-token TOKEN' on the machine\n");
        assertThat(json(cli("node", "list", "-o", "json")).isArray()).isTrue();
        assertThat(cli("node", "list", "-o", "json").out()).isEqualTo("[]\n");
        assertThat(cli("node", "list", "-o", "yaml").out()).isEqualTo("[]\n");
    }

    @Test
    void noServicesYet() {
        CliRun table = cli("service", "list");

        assertThat(table.exitCode()).isZero();
        assertThat(table.out()).isEmpty();
        assertThat(table.err()).isEqualTo("no services yet; deploy a stack with 'mcphub apply -f FILE'\n");
        assertThat(cli("service", "list", "-o", "json").out()).isEqualTo("[]\n");
    }

    @Test
    void noTopologyYet() {
        for (String format : List.of("json", "graphviz", "mermaid", "dot")) {
            CliRun run = cli("topology", "--format=" + format);

            assertThat(run.exitCode()).as(format).isZero();
            assertThat(run.out()).as(format).isEmpty();
            assertThat(run.err()).as(format).isEqualTo("no stacks deployed yet; deploy one with 'mcphub apply -f FILE'\n");
        }
    }
}
