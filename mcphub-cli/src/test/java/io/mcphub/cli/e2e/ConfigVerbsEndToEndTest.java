package io.mcphub.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.cli.CliRun;
import io.mcphub.cli.common.ExitCodes;
import io.mcphub.core.Json;
import io.mcphub.hub.Hub;
import io.mcphub.hub.HubSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config verbs as a user runs them, against a real hub on the embedded store, through cli.env. */
class ConfigVerbsEndToEndTest {

    @TempDir
    Path dir;
    Hub hub;
    Map<String, String> env;

    @BeforeEach
    void start() throws Exception {
        hub = Hub.start(new HubSettings("embedded", dir.resolve("hub"), "127.0.0.1", 0));
        env = new HashMap<>(Map.of("HOME", dir.toString()));
        // exactly what `set -a; . DATA_DIR/cli.env` does
        for (String line : Files.readAllLines(hub.cliEnv())) {
            if (!line.startsWith("#") && line.contains("=")) {
                env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private CliRun cli(String... args) {
        return CliRun.run(env, args);
    }

    private Path file(String name, String content) throws Exception {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    private JsonNode json(CliRun run) {
        assertThat(run.exitCode()).as(run.err()).isZero();
        return Json.tree(run.out().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aGrayReleaseByPercentAndItsRefusals() throws Exception {
        Path v1 = file("g1.json", "{\"limit\": 1}");
        Path v2 = file("g2.json", "{\"limit\": 2}");
        assertThat(cli("config", "set", "limits", "-f", v1.toString()).exitCode()).isZero();
        String before = cli("config", "history", "limits", "-o", "json").out();

        CliRun both = cli("config", "set", "limits", "-f", v2.toString(), "--gray-percent", "10", "--gray-labels", "zone=a");
        assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(both.err()).contains("give exactly one of --gray-labels k=v and --gray-percent P");
        CliRun hundred = cli("config", "set", "limits", "-f", v2.toString(), "--gray-percent", "100");
        assertThat(hundred.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(hundred.err()).contains("--gray-percent must be between 1 and 99, not 100");
        CliRun same = cli("config", "set", "limits", "-f", v1.toString(), "--gray-percent", "10");
        assertThat(same.exitCode()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(same.err()).contains("limits version 1 already has this content, so there is nothing to release");
        CliRun noRelease = cli("config", "gray", "promote", "limits");
        assertThat(noRelease.exitCode()).isNotZero();
        assertThat(noRelease.err()).contains("limits has no gray release in progress");
        assertThat(cli("config", "history", "limits", "-o", "json").out()).isEqualTo(before); // nothing was written

        JsonNode gray = json(cli("config", "set", "limits", "-f", v2.toString(), "--gray-percent", "10", "-o", "json"));
        assertThat(gray.get("candidate").asLong()).isEqualTo(2);
        assertThat(gray.get("selector").asText()).isEqualTo("10%");
        CliRun blocked = cli("config", "set", "limits", "-f", file("g3.json", "{\"limit\": 3}").toString());
        assertThat(blocked.exitCode()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(blocked.err()).contains("limits has a gray release of version 2 to 10% in progress, so nothing was written");
        assertThat(json(cli("config", "get", "limits", "-o", "json")).get("limit").asInt()).isEqualTo(1);
        assertThat(cli("config", "gray", "status", "limits").out()).contains("limits: version 1; gray release of version 2 to 10%");

        assertThat(cli("config", "gray", "promote", "limits").out()).contains("promoted limits version 2");
        assertThat(json(cli("config", "get", "limits", "-o", "json")).get("limit").asInt()).isEqualTo(2);
    }

    @Test
    void publishDiffHistoryRollbackAndGet() throws Exception {
        Path f = file("t.json", "{\"interval\":60,\"name\":\"t\"}");
        JsonNode published = json(cli("config", "set", "time-mcp", "-f", f.toString(), "-m", "first", "-o", "json"));
        assertThat(published.get("key").asText()).isEqualTo("time-mcp");
        assertThat(published.get("version").asInt()).isEqualTo(1);
        Files.writeString(f, "{\"interval\":30,\"name\":\"t\"}");
        assertThat(cli("config", "set", "time-mcp", "-f", f.toString()).out()).contains("version 2");

        assertThat(json(cli("config", "diff", "time-mcp", "--from", "1", "--to", "2", "-o", "json")).toString())
                .isEqualTo("[{\"op\":\"replace\",\"path\":\"/interval\",\"value\":30}]");
        JsonNode history = json(cli("config", "history", "time-mcp", "-o", "json"));
        assertThat(history).hasSize(2);
        assertThat(history.get(1).get("message").asText()).isEqualTo("first");
        for (String field : new String[] {"version", "author", "message", "time"}) {
            assertThat(history.get(0).has(field)).as(field).isTrue();
        }
        assertThat(cli("config", "rollback", "time-mcp", "--to", "1").exitCode()).isZero();
        assertThat(json(cli("config", "get", "time-mcp", "-o", "json")).toString()).isEqualTo("{\"interval\":60,\"name\":\"t\"}");
        assertThat(json(cli("config", "get", "time-mcp", "--version", "2", "-o", "json")).get("interval").asInt()).isEqualTo(30);
        assertThat(cli("config", "get", "time-mcp", "-o", "yaml").out()).contains("interval: 60");
    }

    @Test
    void pushDryRunPrintsTheChangeSetAndLeavesHistoryUnchanged() throws Exception {
        cli("config", "set", "time-mcp", "-f", file("seed.json", "{\"interval\": 60}").toString());
        Path a = file("services/time-mcp.json", "{\"interval\": 30}");
        Path b = file("services/slack-mcp.json", "{\"channel\": \"ops\"}");
        CliRun run = cli("config", "push", "-f", a.toString(), b.toString(), "--dry-run");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("time-mcp").contains("update v1 → v2").contains("/interval: 60 → 30")
                .contains("slack-mcp").contains("create").contains("dry run: nothing was written");
        assertThat(json(cli("config", "history", "time-mcp", "-o", "json"))).hasSize(1);
        assertThat(cli("config", "get", "slack-mcp").exitCode()).isNotZero();

        assertThat(cli("config", "push", "-f", a.toString(), b.toString()).exitCode()).isZero();
        assertThat(json(cli("config", "history", "time-mcp", "-o", "json"))).hasSize(2);
    }

    @Test
    void malformedFileNamesItsLineAndColumnAndWritesNothing() throws Exception {
        Path bad = file("bad.yaml", "interval: 60\nname: [t\n");
        CliRun run = cli("config", "set", "t", "-f", bad.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).containsPattern("bad\\.yaml:\\d+:\\d+: ");
        assertThat(json(cli("config", "list", "-o", "json"))).isEmpty();
    }

    @Test
    void schemaViolationNamesThePathAndTheRule() throws Exception {
        Path schema = file("s.json", "{\"type\":\"object\",\"properties\":{\"interval\":{\"type\":\"integer\"}}}");
        Path good = file("good.json", "{\"interval\": 60}");
        assertThat(cli("config", "set", "t", "-f", good.toString(), "--schema", schema.toString()).exitCode()).isZero();
        CliRun run = cli("config", "set", "t", "-f", file("bad.json", "{\"interval\": \"soon\"}").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("$.interval").contains("integer expected").contains("rule: type");
        assertThat(json(cli("config", "history", "t", "-o", "json"))).hasSize(1);
    }

    @Test
    void staleExpectVersionExitsNonZeroAndWritesNothing() throws Exception {
        Path f = file("a.json", "{\"v\": 1}");
        cli("config", "set", "a", "-f", f.toString());
        Files.writeString(f, "{\"v\": 2}");
        cli("config", "set", "a", "-f", f.toString());
        Files.writeString(f, "{\"v\": 3}");
        CliRun run = cli("config", "set", "a", "-f", f.toString(), "--expect-version", "1");
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains("a is at version 2, not version 1 as expected; nothing was written");
        assertThat(json(cli("config", "history", "a", "-o", "json"))).hasSize(2);
    }

    @Test
    void unknownKeyIsAClearErrorWithASuggestion() throws Exception {
        cli("config", "set", "payment", "-f", file("p.json", "{}").toString());
        CliRun run = cli("config", "get", "paymnt");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no configuration document \"paymnt\"; did you mean \"payment\"?");
    }

    @Test
    void oversizedDocumentIsRefusedAndNothingWritten() throws Exception {
        Path big = file("big.json", "{\"blob\": \"" + "x".repeat(1_100_000) + "\"}");
        CliRun run = cli("config", "set", "big", "-f", big.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("over the 1 MiB limit");
        assertThat(json(cli("config", "list", "-o", "json"))).isEmpty();
    }

    @Test
    void secretsAreMaskedUnlessRevealedAndNeverInDebugOutput() throws Exception {
        Path f = file("amap.yaml", "apiKey: secret://sk-9f8e7d\nregion: eu\n");
        env.put("MCP_DEBUG", "1");
        CliRun set = cli("config", "set", "amap", "-f", f.toString());
        assertThat(set.exitCode()).isZero();
        assertThat(set.err()).contains("debug: ").doesNotContain(env.get("MCPHUB_TOKEN")).doesNotContain("sk-9f8e7d");
        CliRun get = cli("config", "get", "amap");
        assertThat(get.out()).contains("apiKey: \"******\"").doesNotContain("sk-9f8e7d");
        assertThat(get.err()).doesNotContain(env.get("MCPHUB_TOKEN"));
        assertThat(cli("config", "get", "amap", "--reveal", "-o", "json").out()).contains("secret://sk-9f8e7d");
    }
}
