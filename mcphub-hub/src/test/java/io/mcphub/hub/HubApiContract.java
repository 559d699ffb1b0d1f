package io.mcphub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.hub.HubClientForTests.Answer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The HTTP behaviour every hub shows, whatever its store; subclasses pick the store. */
abstract class HubApiContract extends LiveHubTest {

    /**
     * The configuration center's keys with their mod revisions: a refused request must leave them as they were.
     * (The global revision does move: the refusal itself is audited.)
     */
    String storeSnapshot() {
        return hub.store().range("/mcphub/config/").kvs().stream().map(kv -> kv.key() + "@" + kv.modRevision()).toList().toString();
    }

    @Test
    void cliEnvHoldsUrlAndAnAdminTokenForTheOwnerOnly() throws Exception {
        Path env = dataDir.resolve("cli.env");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(env))).isEqualTo("rw-------");
        assertThat(Files.readString(env)).contains("MCPHUB_URL=" + hub.url() + "\n").contains("MCPHUB_TOKEN=" + hub.adminToken() + "\n");
        assertThat(hub.adminToken()).startsWith("mcphub_").hasSizeGreaterThan(40);
    }

    @Test
    void everyApiPathNeedsAValidToken() {
        for (String path : List.of("/api/v1/config", "/api/v1/status", "/api/v1/no/such/thing", "/api/v1", "/api/v1/config/docs/a")) {
            Answer anonymous = api.send("GET", path, null, null, null);
            assertThat(anonymous.status()).as(path).isEqualTo(401);
            assertThat(anonymous.contentType()).startsWith("application/problem+json");
        }
        String token = hub.adminToken();
        char last = token.charAt(token.length() - 1);
        String tampered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertThat(api.send("GET", "/api/v1/config", null, null, tampered).status()).isEqualTo(401);
        assertThat(api.send("GET", "/api/v1/config", null, null, "mcphub_0000000000000000_" + "x".repeat(43)).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/config").status()).isEqualTo(200);
        assertThat(api.send("GET", "/healthz", null, null, null).status()).isEqualTo(200);
    }

    @Test
    void unknownPathWithTokenIsAProblem404() {
        Answer a = api.get("/api/v1/nothing-here");
        assertThat(a.status()).isEqualTo(404);
        assertThat(a.json().get("detail").asText()).isEqualTo("no such endpoint: GET /api/v1/nothing-here; the API is listed in docs/api.md");
    }

    @Test
    void publishReadDiffAndRollbackOverHttp() {
        assertThat(api.put("/api/v1/config/docs/time-mcp", "{\"interval\":60,\"name\":\"t\"}", "application/json").json().get("version").asInt()).isEqualTo(1);
        assertThat(api.put("/api/v1/config/docs/time-mcp?message=faster", "{\"interval\":30,\"name\":\"t\"}", "application/json").json().get("version").asInt()).isEqualTo(2);
        assertThat(api.get("/api/v1/config/docs/time-mcp").json().toString()).isEqualTo("{\"interval\":30,\"name\":\"t\"}");
        assertThat(api.get("/api/v1/config/diff/time-mcp?from=1&to=2").json().get("patch").toString())
                .isEqualTo("[{\"op\":\"replace\",\"path\":\"/interval\",\"value\":30}]");
        Answer history = api.get("/api/v1/config/history/time-mcp");
        assertThat(history.json().get(0).get("message").asText()).isEqualTo("faster");
        assertThat(history.json().get(0).get("author").asText()).isEqualTo("admin");
        assertThat(api.send("POST", "/api/v1/config/rollback/time-mcp?to=1", null, null).json().get("version").asInt()).isEqualTo(3);
        assertThat(api.get("/api/v1/config/docs/time-mcp?version=3").json().get("interval").asInt()).isEqualTo(60);
    }

    @Test
    void nestedKeysAndRawViewKeepTheTextAsWritten() {
        String yaml = "# db\nhost: db.local\nport: 5432\n";
        assertThat(api.put("/api/v1/config/docs/payment/db", yaml, "application/yaml").status()).isEqualTo(200);
        Answer raw = api.get("/api/v1/config/docs/payment/db?view=raw");
        assertThat(raw.body()).isEqualTo(yaml);
        assertThat(raw.contentType()).startsWith("application/yaml");
        assertThat(api.get("/api/v1/config/docs/payment").status()).isEqualTo(404);
    }

    @Test
    void malformedDocumentIs422WithLineAndColumnAndWritesNothing() {
        api.put("/api/v1/config/docs/a", "x: 1\n", "application/yaml");
        String before = storeSnapshot();
        Answer a = api.put("/api/v1/config/docs/a", "{\n  \"x\": 1,\n  \"y\": }", "application/json");
        assertThat(a.status()).isEqualTo(422);
        assertThat(a.contentType()).startsWith("application/problem+json");
        assertThat(a.json().get("errors").get(0).get("line").asInt()).isEqualTo(3);
        assertThat(a.json().get("errors").get(0).get("column").asInt()).isEqualTo(8);
        assertThat(storeSnapshot()).isEqualTo(before);
    }

    @Test
    void staleExpectVersionIs409AndWritesNothing() {
        api.put("/api/v1/config/docs/a", "{\"v\":1}", "application/json");
        api.put("/api/v1/config/docs/a", "{\"v\":2}", "application/json");
        String before = storeSnapshot();
        Answer a = api.send("POST", "/api/v1/config/docs/a", "{\"content\": \"{\\\"v\\\":3}\", \"expectVersion\": 1}", "application/json");
        assertThat(a.status()).isEqualTo(409);
        assertThat(a.json().get("detail").asText()).startsWith("a is at version 2, not version 1 as expected");
        assertThat(storeSnapshot()).isEqualTo(before);
    }

    @Test
    void bodyOverOneMebibyteIs413AndWritesNothing() {
        String before = storeSnapshot();
        String big = "{\"blob\": \"" + "x".repeat(1024 * 1024) + "\"}";
        Answer a = api.put("/api/v1/config/docs/big", big, "application/json");
        assertThat(a.status()).isEqualTo(413);
        assertThat(a.json().get("detail").asText()).contains("over the 1 MiB limit");
        assertThat(storeSnapshot()).isEqualTo(before);
    }

    @Test
    void restartOnTheSameDataDirKeepsEveryVersionAndTheToken() {
        api.put("/api/v1/config/docs/a", "{\"v\":1}", "application/json");
        api.put("/api/v1/config/docs/a", "{\"v\":2, \"k\": \"secret://hidden\"}", "application/json");
        String token = hub.adminToken();
        hub.close();
        hub = Hub.start(new HubSettings(storeSpec(), dataDir, "127.0.0.1", 0));
        api = new HubClientForTests(hub.url(), hub.adminToken());
        assertThat(hub.adminToken()).isEqualTo(token);
        assertThat(api.get("/api/v1/config/history/a").json()).hasSize(2);
        assertThat(api.get("/api/v1/config/docs/a?reveal=true").json().get("k").asText()).isEqualTo("secret://hidden");
    }
}
