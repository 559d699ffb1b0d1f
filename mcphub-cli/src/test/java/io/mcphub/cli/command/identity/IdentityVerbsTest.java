package io.mcphub.cli.command.identity;

import static io.mcphub.cli.LiveHub.errorsOnly;
import static io.mcphub.cli.LiveHub.json;
import static io.mcphub.cli.LiveHub.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.cli.CliRun;
import io.mcphub.cli.LiveHub;
import io.mcphub.cli.common.ExitCodes;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** users, API tokens and keys against a real hub: what each verb makes the hub do, and how the answer reads. */
class IdentityVerbsTest {
    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    static Path dir;
    static LiveHub hub;

    @BeforeAll
    static void start() {
        hub = LiveHub.start(dir);
        hub.createUser("token-maker", PASSWORD);
        hub.createUser("reader", PASSWORD);
        hub.applyPolicies("""
                policies:
                  - name: token-makers
                    permissions: [write:token, read:config]
                    users: [token-maker]
                """);
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static CliRun cli(String... args) {
        return cliWithStdin("", args);
    }

    private static CliRun cliWithStdin(String stdin, String... args) {
        return CliRun.runWithStdin(hub.adminEnv(), stdin, args);
    }

    private static JsonNode user(String name) {
        JsonNode users = json(cli("user", "list", "-o", "json"));
        return StreamSupport.stream(users.spliterator(), false).filter(u -> u.path("name").asText().equals(name))
                .findFirst().orElse(null);
    }

    private static JsonNode token(String id) {
        JsonNode tokens = json(cli("token", "list", "-o", "json"));
        return StreamSupport.stream(tokens.spliterator(), false).filter(t -> t.path("id").asText().equals(id))
                .findFirst().orElse(null);
    }

    private static List<String> groups(JsonNode user) {
        List<String> groups = new ArrayList<>();
        user.path("groups").forEach(g -> groups.add(g.asText()));
        return groups;
    }

    private static String second(JsonNode time) {
        return Instant.parse(time.asText()).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static Map<String, String> withToken(String token) {
        Map<String, String> env = new HashMap<>(hub.newHome());
        env.put("MCPHUB_URL", hub.url());
        env.put("MCPHUB_TOKEN", token);
        return env;
    }

    @Test
    void userCreateSendsNamePasswordAndGroups() {
        CliRun run = cliWithStdin("pa ss with blanks\n", "user", "create", "alice", "--groups", "ops,payments", "--password-stdin");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("created user alice in ops, payments\n");
        assertThat(run.out() + run.err()).doesNotContain("pa ss");
        assertThat(groups(user("alice"))).containsExactly("ops", "payments");
        // the password arrived as typed, blanks and all
        hub.login("alice", "pa ss with blanks");
    }

    @Test
    void aWeakPasswordIsRefusedWithTheHubsReason() {
        CliRun run = cliWithStdin("pa ss\n", "user", "create", "weak-one", "--password-stdin");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).isEqualTo("error: the password is shorter than 12 characters; choose a longer one, such as a few random words\n");
        assertThat(user("weak-one")).isNull();
    }

    @Test
    void bothPasswordSourcesIsAUsageError() {
        Path pw = hub.file("both-pw", PASSWORD + "\n");

        CliRun run = cliWithStdin(PASSWORD + "\n", "user", "create", "both-sources", "--password-file", pw.toString(), "--password-stdin");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).isEqualTo("error: give --password-file or --password-stdin, not both\n");
        // a refused create would be in the audit trail too: nothing reached the hub
        assertThat(hub.audit("--action", "user.create", "--resource", "both-sources")).isEmpty();
    }

    @Test
    void anEmptyPasswordIsRefusedBeforeAnyRequest() {
        hub.createUser("empty-pw", PASSWORD);

        CliRun run = cliWithStdin("\n", "user", "passwd", "empty-pw", "--password-stdin");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).contains("standard input holds no password");
        assertThat(hub.audit("--action", "user.passwd", "--resource", "empty-pw")).isEmpty();
    }

    @Test
    void userPasswdFromAFile() {
        hub.createUser("passwd-user", PASSWORD);
        Path pw = hub.file("new-pw", "a n3w pass phrase\nignored\n");

        CliRun run = cli("user", "passwd", "passwd-user", "--password-file", pw.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("changed the password of passwd-user\n");
        hub.login("passwd-user", "a n3w pass phrase");
        CliRun old = CliRun.runWithStdin(hub.newHome(), PASSWORD + "\n", "login", "--hub", hub.url(), "--user", "passwd-user", "--password-stdin");
        assertThat(old.err()).isEqualTo("error: wrong user name or password; check both and try again, or ask an administrator to reset the password with 'mcphub user passwd'\n");
    }

    @Test
    void userListTable() {
        hub.createUser("listed", PASSWORD, "ops", "payments");
        hub.createUser("loner", PASSWORD);

        CliRun run = cli("user", "list");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.getFirst()).matches("NAME +GROUPS +CREATED +PASSWORD CHANGED");
        JsonNode listed = user("listed");
        JsonNode loner = user("loner");
        assertThat(lines).anyMatch(l -> l.matches("listed +ops,payments +" + second(listed.path("createdAt"))
                + " +" + second(listed.path("passwordChangedAt"))));
        assertThat(lines).anyMatch(l -> l.matches("loner +- +" + second(loner.path("createdAt")) + " +"
                + second(loner.path("passwordChangedAt"))));
        assertThat(lines).anyMatch(l -> l.matches("admin +admins +\\S+ +\\S+"));
    }

    @Test
    void userDeleteEncodesTheName() {
        CliRun run = cli("user", "delete", "a/b");

        // one path segment: the hub looked up the user "a/b" rather than finding no route
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).isEqualTo("error: no user 'a/b'; list users with 'mcphub user list'\n");
    }

    @Test
    void userDeleteSaysWhatItDid() {
        hub.createUser("leaving", PASSWORD);

        CliRun run = cli("user", "delete", "leaving", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("{\n  \"name\": \"leaving\",\n  \"deleted\": true\n}\n");
        assertThat(user("leaving")).isNull();
    }

    @Test
    void tokenCreatePrintsTheTokenAloneOnStdout() {
        CliRun run = cli("token", "create", "--name", "ci", "--expires", "30d", "--permissions", "read:config");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).matches("mcphub_\\S+\n");
        String secret = run.out().strip();
        Matcher said = Pattern.compile("created token (\\S+) \\(ci, expires (\\S+)\\); copy it now, it will not be shown again\n")
                .matcher(run.err());
        assertThat(said.matches()).as(run.err()).isTrue();
        JsonNode token = token(said.group(1));
        assertThat(token.path("name").asText()).isEqualTo("ci");
        assertThat(token.path("permissions").toString()).isEqualTo("[\"read:config\"]");
        assertThat(said.group(2)).isEqualTo(second(token.path("expiresAt")));
        assertThat(Duration.between(Instant.now(), Instant.parse(said.group(2))).toDays()).isBetween(29L, 30L);
        // limited to what it lists
        ok(CliRun.run(withToken(secret), "config", "list"));
        CliRun beyond = CliRun.run(withToken(secret), "user", "list");
        assertThat(beyond.exitCode()).isEqualTo(ExitCodes.FORBIDDEN);
    }

    @Test
    void tokenCreateWithoutLimitsAndJsonIsTheAnswer() {
        CliRun run = cli("token", "create", "--name", "backup", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        JsonNode answer = json(run);
        assertThat(answer.path("token").asText()).startsWith("mcphub_");
        assertThat(answer.path("name").asText()).isEqualTo("backup");
        assertThat(answer.path("subject").asText()).isEqualTo("admin");
        assertThat(answer.path("permissions").isNull()).as("no limit: as its creator").isTrue();
        assertThat(answer.path("expiresAt").isNull()).as("never expires").isTrue();
        ok(CliRun.run(withToken(answer.path("token").asText()), "user", "list"));
    }

    @Test
    void tokenListTable() {
        Map<String, String> maker = hub.login("token-maker", PASSWORD);
        JsonNode limited = json(CliRun.run(maker, "token", "create", "--name", "deploy", "--expires", "7d",
                "--permissions", "read:config,write:config:payment/*", "-o", "json"));
        JsonNode open = json(CliRun.run(maker, "token", "create", "--name", "nightly", "-o", "json"));
        JsonNode a = token(limited.path("id").asText());
        JsonNode b = token(open.path("id").asText());

        CliRun run = cli("token", "list");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.getFirst()).matches("ID +NAME +SUBJECT +PERMISSIONS +CREATED +EXPIRES");
        assertThat(lines).anyMatch(l -> l.matches(a.path("id").asText() + " +deploy +token-maker +read:config,write:config:payment/\\* +"
                + second(a.path("createdAt")) + " +" + second(a.path("expiresAt"))));
        assertThat(lines).anyMatch(l -> l.matches(b.path("id").asText() + " +nightly +token-maker +\\(as-creator\\) +"
                + second(b.path("createdAt")) + " +never"));
        assertThat(run.out()).doesNotContain(limited.path("token").asText()).doesNotContain(open.path("token").asText());
    }

    @Test
    void tokenRevoke() {
        JsonNode created = json(cli("token", "create", "--name", "short-lived", "-o", "json"));
        String id = created.path("id").asText();
        Map<String, String> env = withToken(created.path("token").asText());
        ok(CliRun.run(env, "whoami"));

        CliRun run = cli("token", "revoke", id);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("revoked token " + id + "\n");
        assertThat(token(id)).isNull();
        assertThat(CliRun.run(env, "whoami").err()).contains("did not accept the token in MCPHUB_TOKEN");
    }

    @Test
    void keysRotateKeepsEarlierLoginsValid() {
        Map<String, String> before = hub.login("reader", PASSWORD);

        CliRun run = cli("keys", "rotate");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).matches("new signing key \\S+ is active; tokens signed with older keys stay valid until they expire\n");
        ok(CliRun.run(before, "whoami"));
        ok(CliRun.run(hub.login("reader", PASSWORD), "whoami"));
    }

    @Test
    void aRestrictedTokenSaysWhatItIsLimitedTo() {
        String secret = json(cli("token", "create", "--name", "narrow", "--permissions", "read:config", "-o", "json"))
                .path("token").asText();

        CliRun run = CliRun.run(withToken(secret), "whoami");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).matches("""
                USER +GROUPS +GRANTS +VIA +LIMITED TO
                admin +admins +\\*,read:self +api-token:\\S+ +read:config,read:self
                """);
    }

    @Test
    void forbiddenExitsWith5WithTheHubsSentence() {
        Map<String, String> reader = hub.login("reader", PASSWORD);

        CliRun run = CliRun.run(reader, "user", "list");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FORBIDDEN);
        assertThat(errorsOnly(run)).isEqualTo("error: reader lacks permission read:user; ask an administrator for a policy"
                + " that grants it (see 'mcphub policy explain --user reader --permission read:user')\n");
    }
}
