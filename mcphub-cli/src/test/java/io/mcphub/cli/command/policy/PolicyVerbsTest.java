package io.mcphub.cli.command.policy;

import static io.mcphub.cli.LiveHub.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.cli.CliRun;
import io.mcphub.cli.LiveHub;
import io.mcphub.cli.common.ExitCodes;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The policy verbs against a real hub; each test applies policies of its own names. */
class PolicyVerbsTest {
    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    static Path dir;
    static LiveHub hub;

    @BeforeAll
    static void start() {
        hub = LiveHub.start(dir);
        hub.createUser("user1", PASSWORD);
        hub.createUser("bob", PASSWORD);
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static CliRun cli(String... args) {
        return CliRun.run(hub.adminEnv(), args);
    }

    private static JsonNode policy(String name) {
        return StreamSupport.stream(json(cli("policy", "list", "-o", "json")).spliterator(), false)
                .filter(p -> p.path("name").asText().equals(name)).findFirst().orElse(null);
    }

    @Test
    void applySendsTheFileAsWritten() {
        Path yaml = hub.file("rbac.yaml", """
                # the seed's form
                policies:
                  - name: dev-team
                    permissions: [read:config, write:service]
                    users: [user1, user2]
                  - name: ops
                    permissions: ["write:config:payment/*"]
                    groups: [ops]
                """);

        CliRun run = cli("policy", "apply", "-f", yaml.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("applied 2 policies: dev-team, ops\n");
        assertThat(policy("dev-team").toString()).isEqualTo(
                "{\"name\":\"dev-team\",\"permissions\":[\"read:config\",\"write:service\"],\"users\":[\"user1\",\"user2\"],\"groups\":[]}");
        assertThat(policy("ops").toString()).isEqualTo(
                "{\"name\":\"ops\",\"permissions\":[\"write:config:payment/*\"],\"users\":[],\"groups\":[\"ops\"]}");
    }

    @Test
    void aJsonFileIsSentAsJson() {
        Path json = hub.file("rbac.json", "{\"policies\": [{\"name\": \"from-json\", \"permissions\": [\"read:audit\"], \"users\": [\"bob\"]}]}");
        // YAML in a file named .json: were it sent without its type, the hub would read it as YAML and accept it
        Path yamlInJson = hub.file("yaml.json", "policies:\n  - name: not-json\n    permissions: [read:config]\n    users: [bob]\n");

        CliRun run = cli("policy", "apply", "-f", json.toString());
        CliRun refused = cli("policy", "apply", "-f", yamlInJson.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("applied policy from-json\n");
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(refused.err()).contains(yamlInJson + ":1:9: Unrecognized token 'policies'");
        assertThat(policy("not-json")).isNull();
    }

    @Test
    void applyErrorsPointIntoTheFile() {
        Path yaml = hub.file("bad.yaml", """
                policies:
                  - name: broken
                    permisions: [read:config]
                    users: [user1]
                  - name: typo
                    permissions: [read, write:service]
                    users: [user1]
                """);

        CliRun run = cli("policy", "apply", "-f", yaml.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        List<String> lines = run.err().lines().toList();
        assertThat(lines.getFirst()).startsWith("error: ");
        assertThat(lines.subList(1, lines.size())).containsExactly(
                yaml + ":2:5: missing; list what the policy grants, e.g. permissions: [read:config]",
                yaml + ":3:17: unknown field (did you mean \"permissions\"?); a policy has only name, permissions, users and groups",
                yaml + ":6:19: \"read\" is not a permission; write VERB:TYPE or VERB:TYPE:SCOPE, e.g. read:config or write:config:payment/*");
        assertThat(policy("broken")).as("nothing of a refused file is applied").isNull();
        assertThat(policy("typo")).isNull();
    }

    @Test
    void listTable() {
        hub.applyPolicies("""
                policies:
                  - name: list-dev
                    permissions: [read:config, write:service]
                    users: [user1, user2]
                  - name: list-payments
                    permissions: ["write:config:payment/*"]
                    groups: [payments]
                """);

        CliRun run = cli("policy", "list");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.getFirst()).matches("NAME +PERMISSIONS +USERS +GROUPS");
        assertThat(lines).anyMatch(l -> l.matches("admins +\\* +- +admins"));
        assertThat(lines).anyMatch(l -> l.matches("list-dev +read:config,write:service +user1,user2 +-"));
        assertThat(lines).anyMatch(l -> l.matches("list-payments +write:config:payment/\\* +- +payments"));
    }

    @Test
    void explainIsAQueryThatSucceedsEitherWay() {
        CliRun run = cli("policy", "explain", "--user", "bob", "--permission", "write:config", "--resource", "payment");
        JsonNode answer = json(cli("policy", "explain", "--user", "bob", "--permission", "write:config", "--resource", "payment", "-o", "json"));

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("""
                ALLOWED   POLICY   GRANT   REASON
                no        -        -       %s
                """.formatted(answer.path("reason").asText()));
        assertThat(answer.path("reason").asText()).contains("bob");
        // the query arrived whole: the hub answers about exactly what was asked
        assertThat(answer.path("user").asText()).isEqualTo("bob");
        assertThat(answer.path("permission").asText()).isEqualTo("write:config");
        assertThat(answer.path("resource").asText()).isEqualTo("payment");
    }

    @Test
    void explainAllowedAsJson() {
        hub.applyPolicies("""
                policies:
                  - name: explained
                    permissions: [read:secret]
                    users: [user1]
                """);

        CliRun run = cli("policy", "explain", "--user", "user1", "--permission", "read:secret", "-o", "json");

        assertThat(run.exitCode()).isZero();
        JsonNode answer = json(run);
        assertThat(answer.path("allowed").asBoolean()).isTrue();
        assertThat(answer.path("policy").asText()).isEqualTo("explained");
        assertThat(answer.path("grant").asText()).isEqualTo("read:secret");
        assertThat(answer.path("resource").isNull()).as("no --resource, none sent").isTrue();
    }

    @Test
    void explainAboutAnUnknownUser() {
        CliRun run = cli("policy", "explain", "--user", "nobody", "--permission", "read:config");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).isEqualTo("error: no user \"nobody\"; list users with 'mcphub user list'\n");
    }

    @Test
    void deleteSaysWhatItDid() {
        hub.applyPolicies("""
                policies:
                  - name: short-lived
                    permissions: [read:config]
                    users: [bob]
                """);

        CliRun run = cli("policy", "delete", "short-lived");
        CliRun again = cli("policy", "delete", "short-lived");

        assertThat(run.out()).isEqualTo("deleted policy short-lived\n");
        assertThat(policy("short-lived")).isNull();
        assertThat(again.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(again.err()).startsWith("error: no policy named \"short-lived\"; ");
    }
}
