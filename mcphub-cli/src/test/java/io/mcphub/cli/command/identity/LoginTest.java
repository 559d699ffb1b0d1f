package io.mcphub.cli.command.identity;

import static io.mcphub.cli.LiveHub.config;
import static io.mcphub.cli.LiveHub.errorsOnly;
import static io.mcphub.cli.LiveHub.forged;
import static io.mcphub.cli.LiveHub.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.cli.CliRun;
import io.mcphub.cli.LiveHub;
import io.mcphub.cli.common.ExitCodes;
import io.mcphub.cli.hub.ClientConfigFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Login, logout, and the automatic renewal of the login's access token, against a real hub. Expired, refused and
 * spent tokens are made for real: by editing the saved login the way time or another command would change it.
 */
class LoginTest {
    /** Blanks inside on purpose: the password must reach the hub exactly as typed. */
    private static final String PASSWORD = "s3cret pass phrase";
    private static final String REFRESH = "POST /api/v1/auth/refresh";
    private static final String WHOAMI = "GET /api/v1/auth/whoami";

    @TempDir
    static Path dir;
    static LiveHub hub;

    @BeforeAll
    static void start() {
        hub = LiveHub.start(dir);
        for (String user : new String[] {"lena", "file-user", "next-user", "refused-user", "expired-user", "spent-user",
                "stale-user", "meanwhile-user", "again-user", "env-user", "logout-user"}) {
            hub.createUser(user, PASSWORD, "ops");
        }
        hub.applyPolicies("""
                policies:
                  - name: ops-read
                    permissions: [read:config]
                    groups: [ops]
                """);
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static Map<String, String> debug(Map<String, String> env) {
        Map<String, String> more = new HashMap<>(env);
        more.put("MCP_DEBUG", "1");
        return more;
    }

    private static void edit(Map<String, String> env, Map<String, String> changes) {
        ClientConfigFile.update(config(env), current -> changes);
    }

    private static Map<String, String> saved(Map<String, String> env) {
        return ClientConfigFile.read(config(env));
    }

    @Test
    void loginKeepsTheTokensAndPrintsNone() throws IOException {
        Map<String, String> env = hub.newHome();
        Files.createDirectories(config(env).getParent());
        Files.writeString(config(env), "# mine\ntoken: old-dev-token\neditor: vim\n");

        CliRun run = CliRun.runWithStdin(env, PASSWORD + "\n", "login", "--hub", hub.url(), "--user", "lena", "--password-stdin");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("logged in to " + hub.url() + " as lena (token valid 15 minutes, refreshed automatically)\n");
        Map<String, String> saved = saved(env);
        assertThat(saved)
                .containsEntry("url", hub.url()).containsEntry("user", "lena")
                .containsEntry("token", "old-dev-token").containsEntry("editor", "vim")
                .containsKeys("access_token", "refresh_token", "access_expires_at");
        assertThat(run.out() + run.err()).doesNotContain(saved.get("access_token")).doesNotContain(saved.get("refresh_token"))
                .doesNotContain(PASSWORD);
        assertThat(Instant.parse(saved.get("access_expires_at")))
                .isBetween(Instant.now().plus(Duration.ofMinutes(14)), Instant.now().plus(Duration.ofMinutes(15)));
        assertThat(Files.readString(config(env))).startsWith("# mine\n");
        // the login, not the old plain token, is what the next command shows the hub
        assertThat(ok(CliRun.run(env, "whoami", "-o", "json")).out()).contains("\"name\": \"lena\"").contains("\"via\": \"jwt\"");
    }

    @Test
    void loginWithAPasswordFileAndJsonOutput() throws IOException {
        Map<String, String> env = hub.newHome();
        Path password = Files.writeString(LiveHub.home(env).resolve("pw"), PASSWORD + "\nignored second line\n");

        CliRun run = CliRun.run(env, "login", "--hub", hub.url(), "--user", "file-user", "--password-file", password.toString(), "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"user\": \"file-user\"").contains("\"url\": \"" + hub.url() + "\"")
                .contains("\"expiresAt\": \"").doesNotContain(saved(env).get("access_token")).doesNotContain(PASSWORD);
    }

    @Test
    void wrongCredentialsShowTheHubsSentence() {
        Map<String, String> env = hub.newHome();

        CliRun run = CliRun.runWithStdin(env, "not the password\n", "login", "--hub", hub.url(), "--user", "lena", "--password-stdin");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).isEqualTo("error: wrong user name or password; check both and try again, or ask an administrator to reset the password with 'mcphub user passwd'\n");
        assertThat(config(env)).doesNotExist();
    }

    /** Its own hub: the lockout covers the whole address, and every test here logs in from 127.0.0.1. */
    @Test
    void throttledLoginSaysWhenToRetry(@TempDir Path other) {
        try (LiveHub own = LiveHub.start(other)) {
            Map<String, String> env = own.newHome();
            for (int i = 0; i < 5; i++) {
                CliRun wrong = CliRun.runWithStdin(env, "guess number " + i + "\n", "login", "--hub", own.url(), "--user", "admin", "--password-stdin");
                assertThat(wrong.err()).isEqualTo("error: wrong user name or password; check both and try again, or ask an administrator to reset the password with 'mcphub user passwd'\n");
            }

            CliRun run = CliRun.runWithStdin(env, own.adminPassword() + "\n", "login", "--hub", own.url(), "--user", "admin", "--password-stdin");

            assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
            assertThat(run.err()).matches("error: too many failed logins; wait (29|30) seconds before trying again\n");
            assertThat(run.err()).doesNotContain(own.adminPassword());
            assertThat(config(env)).doesNotExist();
        }
    }

    @Test
    void withoutATerminalOrPasswordFlagLoginRefusesToPrompt() {
        Map<String, String> env = debug(hub.newHome());

        CliRun run = CliRun.run(env, "login", "--hub", hub.url(), "--user", "lena");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(errorsOnly(run)).isEqualTo("error: no terminal to type the password in; pass --password-file FILE or --password-stdin\n");
        assertThat(hub.exchanges(run)).isEmpty();
    }

    @Test
    void theNextCommandUsesTheLogin() {
        Map<String, String> env = hub.login("next-user", PASSWORD);

        CliRun run = CliRun.run(debug(env), "whoami");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("""
                USER        GROUPS   GRANTS                  VIA   LIMITED TO
                next-user   ops      read:config,read:self   jwt   -
                """);
        assertThat(hub.exchanges(run)).containsExactly(WHOAMI + " 200");
        assertThat(run.err()).doesNotContain(saved(env).get("access_token"));
    }

    @Test
    void aRefusedAccessTokenIsRenewedSavedAndTheRequestSentOnceMore() {
        Map<String, String> env = hub.login("refused-user", PASSWORD);
        Map<String, String> before = saved(env);
        String refused = forged(before.get("access_token"));
        edit(env, Map.of("access_token", refused));

        CliRun run = CliRun.run(debug(env), "whoami", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"name\": \"refused-user\"");
        assertThat(hub.exchanges(run)).containsExactly(WHOAMI + " 401", REFRESH + " 200", WHOAMI + " 200");
        Map<String, String> after = saved(env);
        assertThat(after.get("access_token")).isNotIn(refused, before.get("access_token"));
        assertThat(after.get("refresh_token")).isNotEqualTo(before.get("refresh_token"));
        assertThat(after).containsEntry("url", hub.url()).containsEntry("user", "refused-user");
        assertThat(run.err()).doesNotContain(after.get("access_token")).doesNotContain(after.get("refresh_token"))
                .doesNotContain(before.get("refresh_token"));
        // refresh tokens rotate: the one spent here no longer renews anything
        edit(env, Map.of("refresh_token", before.get("refresh_token"), "access_token", refused));
        assertThat(CliRun.run(env, "whoami").err()).contains("has expired; run 'mcphub login' again");
    }

    @Test
    void anExpiredAccessTokenIsRenewedBeforeSending() {
        Map<String, String> env = hub.login("expired-user", PASSWORD);
        edit(env, Map.of("access_expires_at", Instant.now().minusSeconds(5).toString()));

        CliRun run = CliRun.run(debug(env), "whoami");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(hub.exchanges(run)).containsExactly(REFRESH + " 200", WHOAMI + " 200");
        assertThat(Instant.parse(saved(env).get("access_expires_at"))).isAfter(Instant.now().plus(Duration.ofMinutes(14)));
    }

    @Test
    void aRefusedRefreshMeansLoggingInAgain() {
        Map<String, String> env = hub.login("spent-user", PASSWORD);
        Map<String, String> first = saved(env);
        // another command renews the login: the refresh token saved at login is spent from then on
        edit(env, Map.of("access_expires_at", Instant.now().minusSeconds(5).toString()));
        ok(CliRun.run(env, "whoami"));
        edit(env, Map.of("access_token", forged(first.get("access_token")), "refresh_token", first.get("refresh_token")));

        CliRun run = CliRun.run(env, "whoami");
        CliRun traced = CliRun.run(debug(env), "whoami");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).isEqualTo("error: your login to " + hub.url() + " has expired; run 'mcphub login' again\n");
        assertThat(hub.exchanges(traced)).containsExactly(WHOAMI + " 401", REFRESH + " 401");
    }

    @Test
    void aLoginWithoutARefreshTokenThatIsRefusedMeansLoggingInAgain() {
        Map<String, String> env = hub.login("stale-user", PASSWORD);
        Map<String, String> changes = new HashMap<>();
        changes.put("access_token", forged(saved(env).get("access_token")));
        changes.put("refresh_token", null);
        edit(env, changes);

        CliRun run = CliRun.run(env, "whoami");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).isEqualTo("error: the hub at " + hub.url() + " no longer accepts the login of stale-user kept in "
                + config(env) + "; run 'mcphub login' again\n");
    }

    /**
     * Another command renews the login while this one waits for the config file: this one takes that login rather
     * than spending its own, already rotated, refresh token. The test plays the other command: it holds the file's
     * lock until this command, refused by the hub, waits for it, then saves a second real login of the same user.
     */
    @Test
    void aLoginRenewedByAnotherCommandMeanwhileIsTakenWithoutRefreshing() throws Exception {
        Map<String, String> env = hub.login("meanwhile-user", PASSWORD);
        Map<String, String> ours = saved(env);
        Map<String, String> theirs = saved(hub.login("meanwhile-user", PASSWORD));
        edit(env, Map.of("access_token", forged(ours.get("access_token"))));

        CliRun run = whileAnotherCommandRenews(env, Map.of("access_token", theirs.get("access_token"),
                "refresh_token", theirs.get("refresh_token"), "access_expires_at", theirs.get("access_expires_at")));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(hub.exchanges(run)).containsExactly(WHOAMI + " 401", WHOAMI + " 200");
        assertThat(saved(env).get("access_token")).isEqualTo(theirs.get("access_token"));
        // the refresh token of this command's own login was not spent
        edit(env, Map.of("refresh_token", ours.get("refresh_token"), "access_expires_at", Instant.now().minusSeconds(5).toString()));
        ok(CliRun.run(env, "whoami"));
    }

    /**
     * A login renewed once and then refused is not renewed again. This command finds its access token expired and
     * renews it before sending; the login another command saved meanwhile, which it takes, is one the hub refuses.
     */
    @Test
    void aRenewedTokenThatIsRefusedAgainIsNotRenewedTwice() throws Exception {
        Map<String, String> env = hub.login("again-user", PASSWORD);
        Map<String, String> theirs = saved(hub.login("again-user", PASSWORD));
        edit(env, Map.of("access_expires_at", Instant.now().minusSeconds(5).toString()));

        CliRun run = whileAnotherCommandRenews(env, Map.of("access_token", forged(theirs.get("access_token")),
                "refresh_token", theirs.get("refresh_token"), "access_expires_at", theirs.get("access_expires_at")));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(hub.exchanges(run)).containsExactly(WHOAMI + " 401");
        assertThat(errorsOnly(run)).isEqualTo("error: the hub at " + hub.url() + " no longer accepts the login of again-user kept in "
                + config(env) + "; run 'mcphub login' again\n");
    }

    /** Runs {@code whoami} traced while the test holds the config file, and saves {@code renewed} once it waits. */
    private static CliRun whileAnotherCommandRenews(Map<String, String> env, Map<String, String> renewed) throws Exception {
        AtomicReference<CliRun> result = new AtomicReference<>();
        Thread command = new Thread(() -> result.set(CliRun.run(debug(env), "whoami")), "cli-whoami");
        ClientConfigFile.update(config(env), current -> {
            command.start();
            awaitWaitingForTheConfigFile(command);
            return renewed;
        });
        command.join(Duration.ofSeconds(30));
        assertThat(command.isAlive()).as("the command finished").isFalse();
        return result.get();
    }

    private static void awaitWaitingForTheConfigFile(Thread command) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!(command.getState() == Thread.State.BLOCKED && Arrays.stream(command.getStackTrace())
                .anyMatch(f -> f.getClassName().equals(ClientConfigFile.class.getName()) && f.getMethodName().equals("update")))) {
            assertThat(command.isAlive() && Instant.now().isBefore(deadline))
                    .as("the command should be waiting for the config file, but is %s", command.getState()).isTrue();
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void theEnvironmentTokenWinsAndIsNeverRenewed() {
        Map<String, String> env = new HashMap<>(hub.login("env-user", PASSWORD));
        Map<String, String> before = saved(env);
        env.put("MCPHUB_TOKEN", forged(before.get("access_token")));

        CliRun run = CliRun.run(env, "whoami");
        CliRun traced = CliRun.run(debug(env), "whoami");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).isEqualTo("error: the hub at " + hub.url() + " did not accept the token in MCPHUB_TOKEN;"
                + " load a current one with 'set -a; . ~/.mcphub/dev/cli.env', or unset MCPHUB_TOKEN and run 'mcphub login'\n");
        assertThat(hub.exchanges(traced)).containsExactly(WHOAMI + " 401");
        assertThat(saved(env)).isEqualTo(before);
    }

    @Test
    void logoutRemovesTheTokensAndKeepsTheRest() throws IOException {
        Map<String, String> env = hub.newHome();
        Files.createDirectories(config(env).getParent());
        Files.writeString(config(env), "# mine\ntoken: dev\n");
        ok(CliRun.runWithStdin(env, PASSWORD + "\n", "login", "--hub", hub.url(), "--user", "logout-user", "--password-stdin"));

        CliRun first = CliRun.run(env, "logout");
        CliRun second = CliRun.run(env, "logout");

        assertThat(first.exitCode()).isZero();
        assertThat(first.out()).isEqualTo("logged out: removed the tokens from " + config(env) + "\n");
        assertThat(Files.readString(config(env))).isEqualTo("# mine\nurl: " + hub.url() + "\nuser: logout-user\n");
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).isEqualTo("not logged in: " + config(env) + " holds no tokens\n");
        CliRun after = CliRun.run(env, "whoami");
        assertThat(after.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(after.err()).contains("no hub token");
    }

    @Test
    void durationsReadInTheLargestWholeUnit() {
        assertThat(LoginCommand.duration(900)).isEqualTo("15 minutes");
        assertThat(LoginCommand.duration(3600)).isEqualTo("1 hour");
        assertThat(LoginCommand.duration(60)).isEqualTo("1 minute");
        assertThat(LoginCommand.duration(90)).isEqualTo("90 seconds");
    }
}
