package io.mcphub.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.cli.CliRun;
import io.mcphub.core.Json;
import io.mcphub.hub.Hub;
import io.mcphub.hub.HubSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The security issue's "done means", as a team lives it through the CLI against a real hub. */
class IdentityEndToEndTest {

    @TempDir
    Path dir;
    Hub hub;
    Map<String, String> adminEnv;

    @BeforeEach
    void start() {
        hub = Hub.start(new HubSettings("embedded", dir.resolve("hub"), "127.0.0.1", 0));
        adminEnv = Map.of("HOME", dir.resolve("admin-home").toString(), "MCPHUB_URL", hub.url(), "MCPHUB_TOKEN", hub.adminToken());
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private static CliRun ok(CliRun run) {
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run;
    }

    private Path file(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void loginStoresAPrivateSessionThatLaterCommandsUse() throws Exception {
        Map<String, String> env = Map.of("HOME", dir.resolve("home").toString());
        String password = Files.readString(dir.resolve("hub/admin.password")).trim();
        CliRun login = ok(CliRun.runWithStdin(env, password + "\n", "login", "--hub", hub.url(), "--user", "admin", "--password-stdin"));
        assertThat(login.out()).contains("logged in to " + hub.url() + " as admin").doesNotContain(password);
        Path config = dir.resolve("home/.mcphub/config");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-------");
        assertThat(ok(CliRun.run(env, "whoami", "-o", "json")).out()).contains("\"name\": \"admin\"");
        ok(CliRun.run(env, "config", "set", "t", "-f", file("t.json", "{\"a\": 1}").toString()));
        assertThat(ok(CliRun.run(env, "config", "get", "t", "-o", "json")).out()).contains("\"a\": 1");
    }

    @Test
    void devTeamMayReadButNotWriteAndEverythingIsAudited() throws Exception {
        ok(CliRun.runWithStdin(adminEnv, "Tr1cky-Pass-Phrase\n", "user", "create", "user1", "--password-stdin"));
        ok(CliRun.run(adminEnv, "policy", "apply", "-f", file("policy.yaml",
                "policies:\n  - name: dev-team\n    permissions: [read:config, write:service]\n    users: [user1, user2]\n").toString()));
        ok(CliRun.run(adminEnv, "config", "set", "payment", "-f", file("p.json", "{\"limit\": 10}").toString()));

        Map<String, String> user1 = Map.of("HOME", dir.resolve("user1-home").toString());
        ok(CliRun.runWithStdin(user1, "Tr1cky-Pass-Phrase\n", "login", "--hub", hub.url(), "--user", "user1", "--password-stdin"));
        assertThat(ok(CliRun.run(user1, "config", "get", "payment", "-o", "json")).out()).contains("\"limit\": 10");
        CliRun denied = CliRun.run(user1, "config", "set", "payment", "-f", file("p2.json", "{\"limit\": 99}").toString());
        assertThat(denied.exitCode()).isEqualTo(5);
        assertThat(denied.err()).contains("user1 lacks permission write:config on payment");

        CliRun explain = ok(CliRun.run(adminEnv, "policy", "explain", "--user", "user1", "--permission", "write:config", "--resource", "payment"));
        assertThat(explain.out()).contains("no").contains("dev-team");

        JsonNode events = Json.tree(ok(CliRun.run(adminEnv, "audit", "search", "--resource", "payment", "-o", "json")).out().getBytes(StandardCharsets.UTF_8));
        List<String> outcomes = events.findValuesAsText("outcome");
        assertThat(events.findValuesAsText("action")).contains("config.publish");
        assertThat(outcomes).contains("success", "failure");

        Path audit = dir.resolve("hub/audit/audit.ndjson");
        assertThat(ok(CliRun.run(adminEnv, "audit", "verify", "--file", audit.toString())).out()).contains("audit chain OK");
        List<String> lines = Files.readAllLines(audit);
        lines.set(2, lines.get(2).replace("\"success\"", "\"failure\""));
        Files.write(audit, lines);
        CliRun broken = CliRun.run(adminEnv, "audit", "verify", "--file", audit.toString());
        assertThat(broken.exitCode()).isEqualTo(1);
        assertThat(broken.out() + broken.err()).contains("line 3");
    }

    @Test
    void apiTokensAreShownOnceListedAndRevoked() {
        CliRun created = ok(CliRun.run(adminEnv, "token", "create", "--name", "ci", "--expires", "30d", "--permissions", "read:config", "-o", "json"));
        JsonNode token = Json.tree(created.out().getBytes(StandardCharsets.UTF_8));
        String secret = token.get("token").asText();
        assertThat(ok(CliRun.run(adminEnv, "token", "list")).out()).contains("ci").doesNotContain(secret);
        Map<String, String> ci = Map.of("HOME", dir.toString(), "MCPHUB_URL", hub.url(), "MCPHUB_TOKEN", secret);
        ok(CliRun.run(ci, "config", "list"));
        ok(CliRun.run(adminEnv, "token", "revoke", token.get("id").asText()));
        assertThat(CliRun.run(ci, "config", "list").exitCode()).isEqualTo(1);
    }

    @Test
    void hubInitSetsTheAdminPasswordAndRefusesAWeakOne(@TempDir Path other) throws Exception {
        Map<String, String> env = Map.of("HOME", other.toString());
        CliRun weak = CliRun.run(env, "hub", "init", "--data-dir", other.resolve("d").toString(),
                "--admin-password-file", file("weak.txt", "admin\n").toString());
        assertThat(weak.exitCode()).isEqualTo(1);
        assertThat(weak.err()).doesNotContain("admin\n").contains("password");

        ok(CliRun.run(env, "hub", "init", "--data-dir", other.resolve("d").toString(),
                "--admin-password-file", file("strong.txt", "Long-Enough-Passw0rd\n").toString()));
        try (Hub initialised = Hub.start(new HubSettings("embedded", other.resolve("d"), "127.0.0.1", 0))) {
            assertThat(initialised.initialAdminPassword()).isEmpty();
            assertThat(Files.exists(other.resolve("d/admin.password"))).isFalse();
            Map<String, String> home = Map.of("HOME", other.resolve("h").toString());
            ok(CliRun.runWithStdin(home, "Long-Enough-Passw0rd\n", "login", "--hub", initialised.url(), "--user", "admin", "--password-stdin"));
        }
    }
}
