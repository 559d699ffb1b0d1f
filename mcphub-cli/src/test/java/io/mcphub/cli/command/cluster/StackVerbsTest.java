package io.mcphub.cli.command.cluster;

import static io.mcphub.cli.LiveHub.json;
import static io.mcphub.cli.LiveHub.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.cli.CliRun;
import io.mcphub.cli.Launchers;
import io.mcphub.cli.LiveHub;
import io.mcphub.cli.common.ExitCodes;
import io.mcphub.cli.common.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stacks stored by a real hub that no node has joined: stacks whose services run nothing (replicas 0, a server at a
 * url) are placeable anyway, so the whole life of a stack — plan, apply, list, describe, scale, topology, delete —
 * runs here. Each test has its own stack; instances on real nodes are the end-to-end suite's.
 */
class StackVerbsTest {
    @TempDir
    static Path dir;
    static LiveHub hub;

    @BeforeAll
    static void start() {
        hub = LiveHub.start(dir);
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static CliRun cli(String... args) {
        return CliRun.run(hub.adminEnv(), args);
    }

    private static Path stack(String name) {
        return hub.file(name + ".yaml", StackFiles.runsNothing(name));
    }

    @Test
    void aDryRunPrintsThePlanAndStoresNothing() {
        CliRun run = cli("apply", "-f", stack("preview").toString(), "--dry-run");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("""
                + create preview/preview-db (0 instances)
                + create preview/preview-api (0 instances)
                + create preview/preview-weather (0 instances)
                dry run: nothing was changed
                """);
        assertThat(run.err()).isEmpty();
        assertThat(StackFiles.stored(hub)).doesNotContain("preview");
    }

    @Test
    void applyAsJsonIsTheHubsAnswer() {
        JsonNode answer = json(cli("apply", "-f", stack("answer").toString(), "-o", "json"));

        assertThat(answer.path("stack").asText()).isEqualTo("answer");
        assertThat(answer.path("dryRun").asBoolean()).isFalse();
        assertThat(answer.path("applied").asBoolean()).isTrue();
        assertThat(answer.path("changes").asBoolean()).isTrue();
        assertThat(answer.path("services").findValuesAsText("service"))
                .containsExactly("answer/answer-db", "answer/answer-api", "answer/answer-weather");
        assertThat(StackFiles.stored(hub)).contains("answer");
    }

    @Test
    void appliedServicesAreListedAndDescribed() {
        assertThat(ok(cli("apply", "-f", stack("shop").toString())).out()).endsWith("\napplied\n");

        List<String> rows = ok(cli("service", "list")).out().lines().toList();
        JsonNode api = json(cli("service", "list", "-o", "json"));
        CliRun describe = ok(cli("service", "describe", "shop-api"));
        JsonNode described = json(cli("service", "describe", "shop/shop-api", "-o", "json"));

        assertThat(rows.getFirst()).matches("SERVICE +STACK +TYPE +REPLICAS +HEALTHY +INSTANCES");
        assertThat(rows).anyMatch(r -> r.matches("shop-db +shop +mcp +0 +- +-"));
        assertThat(rows).anyMatch(r -> r.matches("shop-weather +shop +mcp +0 +- +-"));
        JsonNode db = find(api, "shop-db");
        assertThat(db.path("stack").asText()).isEqualTo("shop");
        assertThat(db.path("instances").isArray()).isTrue();
        assertThat(describe.out()).isEqualTo("""
                Service:     shop/shop-api
                Type:        mcp
                Runtime:     auto
                Transport:   stdio
                Replicas:    0
                Depends on:  shop-db
                Instances:   -
                """);
        assertThat(described.path("spec").path("command").asText()).isEqualTo("npx");
        assertThat(described.path("dependsOn")).isEqualTo(Json.JSON.createArrayNode().add("shop-db"));
    }

    @Test
    void deployRestrictsEveryServiceItRunsToTheNodesGiven() {
        CliRun run = cli("deploy", stack("edge").toString(), "--env=prod", "--nodes=node1,node2");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("+ create edge/edge-db (0 instances)\n").endsWith("\napplied\n");
        JsonNode db = json(cli("service", "describe", "edge/edge-db", "-o", "json"));
        JsonNode weather = json(cli("service", "describe", "edge/edge-weather", "-o", "json"));
        assertThat(db.path("spec").path("placement").path("nodes")).isEqualTo(Json.JSON.createArrayNode().add("node1").add("node2"));
        // a server at a url runs nowhere the hub places it, and the hub refuses placement there
        assertThat(weather.path("spec").path("placement").path("nodes").isEmpty()).isTrue();
    }

    @Test
    void deployWithoutOptionsSendsTheFileAsWritten() {
        CliRun run = cli("deploy", stack("plain").toString(), "--dry-run");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).endsWith("\ndry run: nothing was changed\n");
    }

    @Test
    void restartSaysWhenThereIsNothingToRestart() {
        ok(cli("apply", "-f", stack("restarted").toString()));
        assertThat(ok(cli("service", "restart", "restarted-api")).out())
                .isEqualTo("no instances to restart (the service has 0 replicas)\n");
        assertThat(cli("service", "restart", "no-such-api").err()).startsWith("error: no service \"no-such-api\"");
    }

    @Test
    void scaleConvergesTheStack() {
        ok(cli("apply", "-f", stack("scaled").toString()));

        CliRun up = cli("service", "scale", "scaled-api", "--replicas", "3");
        CliRun zero = cli("service", "scale", "scaled/scaled-api", "--replicas", "0");

        assertThat(up.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(up.err()).startsWith("error: no node has joined the hub yet;");
        assertThat(json(cli("service", "describe", "scaled/scaled-api", "-o", "json")).path("replicas").asInt())
                .as("a refused scale changes nothing").isZero();
        assertThat(zero.exitCode()).as(zero.err()).isZero();
        // scaled-api runs nothing yet (no node), so going to 0 replicas changes nothing that runs
        assertThat(zero.out()).endsWith("\nno changes\n");
    }

    @Test
    void topologyIsTheHubsTextAsIs() {
        ok(cli("apply", "-f", stack("drawn").toString()));

        String dot = ok(cli("topology", "--format=graphviz", "--stack", "drawn")).out();
        String mermaid = ok(cli("topology", "--format", "mermaid", "--stack", "drawn")).out();
        JsonNode json = json(cli("topology", "--stack", "drawn")).get(0);

        assertThat(dot).startsWith("digraph \"stack drawn\" {\n").endsWith("}\n")
                .contains("\"service:drawn-api\" -> \"service:drawn-db\"");
        assertThat(mermaid).startsWith("flowchart LR\n");
        assertThat(json.path("name").asText()).isEqualTo("drawn");
        assertThat(json.path("services").findValuesAsText("name")).containsExactly("drawn-db", "drawn-api", "drawn-weather");
        assertThat(cli("topology", "--stack", "undrawn").err()).startsWith("error: no stack \"undrawn\"");
    }

    /** The seed's spelling, through the real launcher: {@code 1p-cli mcp topology --format=graphviz}. */
    @Test
    void onePCliMcpTopology() throws Exception {
        ok(cli("apply", "-f", stack("seed").toString()));
        Path tokenFile = Files.writeString(dir.resolve("admin.token"), hub.adminEnv().get("MCPHUB_TOKEN"));
        Path out = dir.resolve("topology.dot");
        Path err = dir.resolve("topology.err");

        Process process = Launchers.command(dir, Launchers.BIN.resolve("1p-cli").toString(), "mcp", "topology",
                        "--format=graphviz", "--stack", "seed", "--hub", hub.url(), "--token-file", tokenFile.toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("launcher finished").isTrue();
        assertThat(process.exitValue()).as(Files.readString(err)).isZero();
        assertThat(Files.readString(out, StandardCharsets.UTF_8))
                .isEqualTo(ok(cli("topology", "--format=graphviz", "--stack", "seed")).out())
                .startsWith("digraph \"stack seed\" {");
    }

    @Test
    void deletingAServiceOthersDependOnIsRefusedAndChangesNothing() {
        ok(cli("apply", "-f", stack("needed").toString()));

        CliRun run = cli("service", "delete", "needed-db");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(run.err()).isEqualTo("error: service needed-db is needed by needed-api (dependsOn); delete it first,"
                + " or the whole stack with 'mcphub delete stack needed'\n");
        assertThat(json(cli("service", "list", "-o", "json")).findValuesAsText("name")).contains("needed-db", "needed-api");
    }

    @Test
    void deletingServicesOneByOneRemovesTheStackWithTheLast() {
        ok(cli("apply", "-f", stack("shrink").toString()));

        assertThat(ok(cli("service", "delete", "shrink-api")).out()).contains("deleted service shrink-api");
        assertThat(json(cli("service", "list", "-o", "json")).findValuesAsText("name"))
                .contains("shrink-db", "shrink-weather").doesNotContain("shrink-api");
        ok(cli("service", "delete", "shrink-db"));
        ok(cli("service", "delete", "shrink/shrink-weather"));
        assertThat(StackFiles.stored(hub)).doesNotContain("shrink");

        ok(cli("apply", "-f", stack("shrink").toString())); // the file is still the truth: applying it brings all back
        assertThat(json(cli("service", "list", "-o", "json")).findValuesAsText("name"))
                .contains("shrink-db", "shrink-api", "shrink-weather");
    }

    @Test
    void deleteRemovesTheStack() {
        ok(cli("apply", "-f", stack("gone").toString()));

        CliRun run = cli("delete", "stack", "gone");
        CliRun again = cli("delete", "stack", "gone");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("deleted stack gone\n");
        assertThat(StackFiles.stored(hub)).doesNotContain("gone");
        assertThat(cli("service", "describe", "gone/gone-db").exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(again.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(again.err()).startsWith("error: no stack \"gone\"");
    }

    private static JsonNode find(JsonNode services, String name) {
        for (JsonNode s : services) {
            if (s.path("name").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no service " + name + " in " + services);
    }
}
