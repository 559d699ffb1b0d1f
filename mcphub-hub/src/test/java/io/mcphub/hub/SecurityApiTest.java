package io.mcphub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.core.Json;
import io.mcphub.hub.HubClientForTests.Answer;
import io.mcphub.security.audit.AuditVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Identity, RBAC and audit through the HTTP API of a real hub, as an attacker and as a team would use them. */
class SecurityApiTest {

    @TempDir
    Path dir;
    Hub hub;
    HubClientForTests admin;
    ListAppender<ILoggingEvent> logs;
    final List<String> bodies = new ArrayList<>();

    @BeforeEach
    void start() {
        logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        hub = Hub.start(new HubSettings("embedded", dir.resolve("data"), "127.0.0.1", 0));
        admin = new HubClientForTests(hub.url(), hub.adminToken());
    }

    @AfterEach
    void stop() {
        hub.close();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    }

    private Answer login(String user, String password) {
        Answer a = new HubClientForTests(hub.url(), null).send("POST", "/api/v1/auth/login",
                Json.write(java.util.Map.of("username", user, "password", password)), "application/json");
        bodies.add(a.body());
        return a;
    }

    private String adminPassword() throws Exception {
        return Files.readString(dir.resolve("data/admin.password")).trim();
    }

    private Answer as(String bearer, String method, String path, String body, String type) {
        Answer a = new HubClientForTests(hub.url(), bearer).send(method, path, body, type);
        bodies.add(a.body());
        return a;
    }

    @Test
    void firstStartCreatesAdminWithARandomPasswordThatLogsIn() throws Exception {
        assertThat(hub.initialAdminPassword()).isPresent();
        Path file = dir.resolve("data/admin.password");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(adminPassword()).isEqualTo(hub.initialAdminPassword().get()).hasSizeGreaterThanOrEqualTo(20);
        Answer ok = login("admin", adminPassword());
        assertThat(ok.status()).isEqualTo(200);
        String jwt = ok.json().get("access_token").asText();
        assertThat(jwt.split("\\.")).hasSize(3);
        assertThat(as(jwt, "GET", "/api/v1/config", null, null).status()).isEqualTo(200);
        assertThat(as(jwt, "GET", "/api/v1/auth/whoami", null, null).json().get("name").asText()).isEqualTo("admin");
    }

    @Test
    void wellKnownDefaultCredentialsAreRejected() {
        for (String[] cred : new String[][] {{"admin", "admin"}, {"nacos", "nacos"}, {"admin", ""}, {"admin", "password"}, {"root", "root"}}) {
            Answer a = login(cred[0], cred[1]);
            assertThat(a.status()).as(cred[0] + "/" + cred[1]).isEqualTo(401);
            assertThat(a.json().get("detail").asText()).contains("wrong user name or password");
        }
    }

    @Test
    void forgedTamperedAndForeignTokensAre401() throws Exception {
        String jwt = login("admin", adminPassword()).json().get("access_token").asText();
        String[] parts = jwt.split("\\.");
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String none = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + ".";
        String hs256 = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + "." + parts[2];
        String escalated = parts[0] + "." + b64.encodeToString(payload.replace("\"admin\"", "\"root\"").getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        char c = jwt.charAt(jwt.length() / 2);
        String oneCharChanged = jwt.substring(0, jwt.length() / 2) + (c == 'A' ? 'B' : 'A') + jwt.substring(jwt.length() / 2 + 1);

        String foreign;
        try (Hub other = Hub.start(new HubSettings("embedded", dir.resolve("other"), "127.0.0.1", 0))) {
            String otherPassword = Files.readString(dir.resolve("other/admin.password")).trim();
            foreign = new HubClientForTests(other.url(), null).send("POST", "/api/v1/auth/login",
                    Json.write(java.util.Map.of("username", "admin", "password", otherPassword)), "application/json").json().get("access_token").asText();
        }
        for (String bad : List.of(none, hs256, escalated, oneCharChanged, foreign, "", "garbage", jwt + "x")) {
            Answer a = as(bad, "GET", "/api/v1/config", null, null);
            assertThat(a.status()).as(bad).isEqualTo(401);
            assertThat(a.contentType()).startsWith("application/problem+json");
        }
        assertThat(as(jwt, "GET", "/api/v1/config", null, null).status()).isEqualTo(200);
    }

    @Test
    void jwksServesOnlyPublicKeys() {
        Answer jwks = new HubClientForTests(hub.url(), null).get("/.well-known/jwks.json");
        assertThat(jwks.status()).isEqualTo(200);
        JsonNode key = jwks.json().get("keys").get(0);
        assertThat(key.get("kty").asText()).isEqualTo("EC");
        assertThat(key.get("kid").asText()).isNotBlank();
        assertThat(key.has("d")).isFalse();
    }

    @Test
    void aReadOnlyTeamMemberCanReadButNotWriteAndExplainSaysWhy() throws Exception {
        assertThat(admin.send("POST", "/api/v1/users", "{\"name\":\"user1\",\"password\":\"Tr1cky-Pass-Phrase\",\"groups\":[\"dev\"]}",
                "application/json").status()).isEqualTo(201);
        String policy = "policies:\n  - name: dev-team\n    permissions: [read:config]\n    users: [user1, user2]\n";
        assertThat(admin.put("/api/v1/policies", policy, "application/yaml").status()).isEqualTo(200);
        admin.put("/api/v1/config/docs/payment", "{\"limit\": 10}", "application/json");

        String jwt = login("user1", "Tr1cky-Pass-Phrase").json().get("access_token").asText();
        assertThat(as(jwt, "GET", "/api/v1/config/docs/payment", null, null).status()).isEqualTo(200);
        Answer reveal = as(jwt, "GET", "/api/v1/config/docs/payment?reveal=true", null, null);
        assertThat(reveal.status()).isEqualTo(403);
        assertThat(reveal.json().get("detail").asText()).startsWith("user1 lacks permission read:secret on payment");
        Answer denied = as(jwt, "PUT", "/api/v1/config/docs/payment", "{\"limit\": 99}", "application/json");
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.json().get("detail").asText()).startsWith("user1 lacks permission write:config on payment");
        assertThat(admin.get("/api/v1/config/docs/payment").json().get("limit").asInt()).isEqualTo(10);

        JsonNode why = admin.get("/api/v1/policies/explain?user=user1&permission=write:config&resource=payment").json();
        assertThat(why.get("allowed").asBoolean()).isFalse();
        assertThat(why.get("reason").asText()).contains("dev-team").contains("read:config");
        JsonNode ok = admin.get("/api/v1/policies/explain?user=user1&permission=read:config&resource=payment").json();
        assertThat(ok.get("allowed").asBoolean()).isTrue();
        assertThat(ok.get("policy").asText()).isEqualTo("dev-team");

        JsonNode events = admin.get("/api/v1/audit?resource=payment").json();
        assertThat(events.findValuesAsText("action")).contains("config.publish");
        assertThat(events.toString()).contains("\"outcome\":\"failure\"").contains("user1");
    }

    @Test
    void aScopedTokenCannotExceedItsPermissions() {
        Answer created = admin.send("POST", "/api/v1/tokens", "{\"name\":\"ci\",\"expires\":\"1d\",\"permissions\":[\"read:config\"]}", "application/json");
        assertThat(created.status()).isEqualTo(201);
        String token = created.json().get("token").asText();
        assertThat(as(token, "GET", "/api/v1/config", null, null).status()).isEqualTo(200);
        assertThat(as(token, "GET", "/api/v1/auth/whoami", null, null).json().get("via").asText()).startsWith("api-token:");
        Answer denied = as(token, "PUT", "/api/v1/config/docs/x", "{}", "application/json");
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.json().get("detail").asText()).contains("write:config");
        assertThat(admin.send("DELETE", "/api/v1/tokens/" + created.json().get("id").asText(), null, null).status()).isEqualTo(204);
        assertThat(as(token, "GET", "/api/v1/config", null, null).status()).isEqualTo(401);
    }

    @Test
    void repeatedFailedLoginsAreThrottled() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(login("admin", "wrong-" + i).status()).isEqualTo(401);
        }
        Answer throttled = login("admin", adminPassword());
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.json().get("detail").asText()).isNotBlank();
    }

    @Test
    void auditTrailIsEcsJsonHashChainedAndDetectsTampering() throws Exception {
        admin.put("/api/v1/config/docs/a", "{\"v\": 1}", "application/json");
        as("mcphub_0000000000000000_" + "x".repeat(43), "GET", "/api/v1/config", null, null);
        login("admin", "not-the-password");
        Path file = dir.resolve("data/audit/audit.ndjson");
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSizeGreaterThanOrEqualTo(3);
        for (String line : lines) {
            JsonNode e = Json.tree(line.getBytes(StandardCharsets.UTF_8));
            assertThat(e.has("@timestamp")).isTrue();
            assertThat(e.at("/event/action").asText()).isNotBlank();
            assertThat(e.at("/event/outcome").asText()).isIn("success", "failure");
            assertThat(e.at("/event/hash").asText()).hasSize(64);
        }
        assertThat(AuditVerifier.verifyFile(file).ok()).isTrue();
        assertThat(admin.get("/api/v1/audit/verify").json().get("ok").asBoolean()).isTrue();

        lines.set(1, lines.get(1).replace("\"failure\"", "\"success\""));
        Files.write(file, lines);
        AuditVerifier.Verification broken = AuditVerifier.verifyFile(file);
        assertThat(broken.ok()).isFalse();
        assertThat(broken.firstBadLine()).isEqualTo(2);
    }

    @Test
    void secretsAndPasswordsNeverAppearInLogsAuditOrErrors() throws Exception {
        String secret = "TOPSECRET-7c1e9a";
        String password = "Correct-Horse-Battery-9";
        admin.put("/api/v1/config/docs/amap", "{\"apiKey\": \"secret://" + secret + "\"}", "application/json");
        bodies.add(admin.get("/api/v1/config/docs/amap").body());
        bodies.add(admin.get("/api/v1/config/history/amap").body());
        admin.put("/api/v1/config/docs/amap", "{\"apiKey\": \"secret://" + secret + "-2\", \"broken\": }", "application/json");
        bodies.add(admin.send("POST", "/api/v1/users", "{\"name\":\"bob\",\"password\":\"" + password + "\"}", "application/json").body());
        bodies.add(admin.send("POST", "/api/v1/users", "{\"name\":\"bob\",\"password\":\"" + password + "\"}", "application/json").body());
        login("bob", password);
        login("bob", password + "-wrong");
        login("carol", password);
        bodies.add(admin.send("POST", "/api/v1/users", "{\"name\":\"weak\",\"password\":\"admin\"}", "application/json").body());
        bodies.add(admin.get("/api/v1/audit").body());

        String auditFile = Files.readString(dir.resolve("data/audit/audit.ndjson"));
        String logText = String.join("\n", logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
        for (String haystack : List.of(auditFile, logText, String.join("\n", bodies))) {
            assertThat(haystack).doesNotContain(secret).doesNotContain(password).doesNotContain(hub.adminToken());
        }
        assertThat(auditFile).contains("user.create").contains("auth.login");
    }
}
