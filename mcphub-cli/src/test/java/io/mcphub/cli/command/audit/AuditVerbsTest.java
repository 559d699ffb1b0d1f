package io.mcphub.cli.command.audit;

import static io.mcphub.cli.LiveHub.json;
import static io.mcphub.cli.LiveHub.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcphub.cli.CliRun;
import io.mcphub.cli.LiveHub;
import io.mcphub.cli.common.ExitCodes;
import io.mcphub.core.Json;
import io.mcphub.store.KeyValue;
import io.mcphub.store.Store;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit verbs against a real hub, on events that real requests left in its trail. */
class AuditVerbsTest {
    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    static Path dir;
    static LiveHub hub;

    @BeforeAll
    static void start() {
        hub = LiveHub.start(dir);
        hub.createUser("auditee", PASSWORD);
        hub.applyPolicies("""
                policies:
                  - name: audited-writers
                    permissions: ["write:config:audited"]
                    users: [auditee]
                """);
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static CliRun cli(String... args) {
        return CliRun.run(hub.adminEnv(), args);
    }

    private static String second(JsonNode event) {
        return Instant.parse(event.path("@timestamp").asText()).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    @Test
    void searchTableReadsTheEcsFields() {
        Instant since = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Map<String, String> auditee = hub.login("auditee", PASSWORD);
        ok(CliRun.run(auditee, "config", "set", "audited", "-f", hub.file("audited.json", "{\"limit\": 10}").toString()));
        assertThat(CliRun.run(auditee, "user", "list").exitCode()).isEqualTo(ExitCodes.FORBIDDEN);
        Map<String, String> nobody = new HashMap<>(hub.adminEnv());
        nobody.put("MCPHUB_TOKEN", "not-a-token");
        assertThat(CliRun.run(nobody, "config", "list").exitCode()).isEqualTo(ExitCodes.FAILED);

        CliRun run = cli("audit", "search", "--since", since.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode events = hub.audit("--since", since.toString());
        assertThat(events).hasSize(4);
        assertThat(run.out().lines().toList()).satisfiesExactly(
                header -> assertThat(header).isEqualTo("TIME                   ACTOR     ACTION           RESOURCE   OUTCOME   STATUS   SOURCE"),
                row -> assertThat(row).isEqualTo(second(events.get(0)) + "   -         config.list      -          failure   401      127.0.0.1"),
                row -> assertThat(row).isEqualTo(second(events.get(1)) + "   auditee   user.list        -          failure   403      127.0.0.1"),
                row -> assertThat(row).isEqualTo(second(events.get(2)) + "   auditee   config.publish   audited    success   200      127.0.0.1"),
                row -> assertThat(row).isEqualTo(second(events.get(3)) + "   auditee   auth.login       -          success   200      127.0.0.1"));
    }

    @Test
    void relativeTimesAreSentAsAbsoluteOnes() {
        for (int i = 0; i < 2; i++) {
            assertThat(cli("policy", "delete", "gone-policy").exitCode()).isEqualTo(ExitCodes.FAILED);
        }

        JsonNode recent = json(cli("audit", "search", "--resource", "gone-policy", "--outcome", "FAILURE", "--since", "2h",
                "--until", "2030-01-01T00:00:00Z", "-o", "json"));
        JsonNode limited = json(cli("audit", "search", "--resource", "gone-policy", "--since", "2h", "--limit", "1", "-o", "json"));
        CliRun old = cli("audit", "search", "--resource", "gone-policy", "--until", "2h", "-o", "json");

        assertThat(recent).hasSize(2).allSatisfy(e -> {
            assertThat(e.at("/event/action").asText()).isEqualTo("policy.delete");
            assertThat(e.at("/event/outcome").asText()).isEqualTo("failure");
        });
        assertThat(limited).hasSize(1);
        assertThat(limited.get(0)).isEqualTo(recent.get(0));
        assertThat(old.exitCode()).as(old.err()).isZero();
        assertThat(old.out()).as("nothing happened before two hours ago").isEqualTo("[]\n");
    }

    @Test
    void noMatchesIsANoteOnStderr() {
        CliRun run = cli("audit", "search", "--actor", "nobody-at-all");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("no audit events match\n");
    }

    @Test
    void badFiltersAreUsageErrorsBeforeAnyRequest() {
        List<String[]> bad = List.of(
                new String[] {"audit", "search", "--outcome", "maybe"},
                new String[] {"audit", "search", "--since", "1h", "--until", "2h"},
                new String[] {"audit", "search", "--limit", "0"},
                new String[] {"audit", "search", "--since", "yesterday"});
        List<CliRun> runs = new ArrayList<>();
        for (String[] args : bad) {
            runs.add(cli(args));
            assertThat(hub.exchanges(CliRun.run(hub.adminEnv("MCP_DEBUG", "1"), args))).as(String.join(" ", args)).isEmpty();
        }

        assertThat(runs).allSatisfy(run -> assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE));
        assertThat(runs.get(0).err()).isEqualTo("error: 'maybe' is not an outcome; use success or failure\n");
        assertThat(runs.get(3).err()).contains("'yesterday' is not a time").contains("see 'mcphub audit search --help'");
    }

    @Test
    void verifyOnTheHub() {
        JsonNode verdict = json(cli("audit", "verify", "-o", "json"));

        CliRun run = cli("audit", "verify");

        assertThat(run.exitCode()).isZero();
        assertThat(verdict.path("ok").asBoolean()).isTrue();
        assertThat(verdict.path("events").asLong()).isPositive();
        assertThat(run.out()).matches("audit chain OK: \\d+ events\n");
        assertThat(verdict.path("firstBad").isNull()).isTrue();
    }

    /** Its own hub, whose stored trail is then altered behind its back, as someone with access to the store could. */
    @Test
    void aBrokenChainOnTheHubExitsWith1InEveryFormat(@TempDir Path other) {
        try (LiveHub own = LiveHub.start(other)) {
            for (String user : List.of("first", "second", "third")) {
                own.createUser(user, PASSWORD);
            }
            Store store = own.hub().store();
            String key = "/mcphub/audit/events/%016d".formatted(2);
            KeyValue stored = store.get(key).orElseThrow();
            ObjectNode event = (ObjectNode) Json.tree(stored.value());
            ((ObjectNode) event.get("event")).put("outcome", "failure");
            store.put(key, Json.bytes(event));

            CliRun table = CliRun.run(own.adminEnv(), "audit", "verify");
            CliRun json = CliRun.run(own.adminEnv(), "audit", "verify", "-o", "json");

            assertThat(json.exitCode()).isEqualTo(ExitCodes.FAILED);
            JsonNode verdict = Json.tree(json.out().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(verdict.path("ok").asBoolean()).isFalse();
            assertThat(verdict.at("/firstBad/sequence").asLong()).isEqualTo(2);
            assertThat(verdict.at("/firstBad/reason").asText()).contains("2");
            assertThat(table.exitCode()).isEqualTo(ExitCodes.FAILED);
            assertThat(table.out()).isEqualTo("audit chain BROKEN: " + verdict.at("/firstBad/reason").asText() + "\n");
        }
    }
}
