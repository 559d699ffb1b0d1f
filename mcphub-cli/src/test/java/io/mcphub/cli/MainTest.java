package io.mcphub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.cli.common.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Exit codes and messages of everything the CLI decides before talking to a hub. */
class MainTest {
    @TempDir
    Path home;

    private Map<String, String> env() {
        return Map.of("HOME", home.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "config", "config schema", "user", "token", "policy", "audit", "keys"})
    void helpEverywhere(String command) {
        String[] args = (command + " --help").strip().split(" ");

        CliRun run = CliRun.run(env(), args);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: mcphub" + (command.isEmpty() ? "" : " " + command));
    }

    @ParameterizedTest
    @ValueSource(strings = {"status", "config set", "config get", "config list", "config history", "config diff",
            "config rollback", "config push", "config schema set", "config schema get", "config schema delete",
            "login", "logout", "whoami", "user create", "user list", "user delete", "user passwd", "token create",
            "token list", "token revoke", "policy apply", "policy list", "policy delete", "policy explain", "audit search",
            "audit verify", "keys rotate"})
    void everyVerbHasHelpAndOutputOption(String command) {
        CliRun run = CliRun.run(env(), (command + " --help").split(" "));

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: mcphub " + command).contains("-o, --output=FORMAT");
    }

    @Test
    void theRootHelpListsTheIdentityVerbsAndExitCode5() {
        CliRun run = CliRun.run(env(), "--help");

        assertThat(run.out()).contains("login").contains("whoami").contains("policy").contains("audit")
                .contains("5 forbidden");
    }

    @ParameterizedTest
    @ValueSource(strings = {"token create", "policy apply", "policy explain --user bob", "user create", "user delete",
            "token revoke"})
    void missingRequiredArgumentsAreUsageErrors(String command) {
        CliRun run = CliRun.run(env(), command.split(" "));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).startsWith("error: Missing required");
    }

    @Test
    void versionNamesTheProduct() {
        CliRun run = CliRun.run(env(), "--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("mcphub ");
    }

    @Test
    void aGroupWithoutVerbShowsItsVerbsAsUsageError() {
        CliRun run = CliRun.run(env(), "config");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("push").contains("rollback");
    }

    @Test
    void unknownVerbIsAUsageErrorWithASuggestion() {
        CliRun run = CliRun.run(env(), "config", "lst");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).startsWith("error: ").contains("see 'mcphub config --help'").contains("config list");
    }

    @Test
    void badOutputFormatIsAUsageError() {
        CliRun run = CliRun.run(env(), "config", "list", "-o", "xml");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("'xml' is not an output format; use table, json or yaml");
    }

    @Test
    void missingRequiredOptionIsAUsageError() {
        CliRun run = CliRun.run(env(), "config", "diff", "payment", "--from", "1");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err().lines()).first().asString().contains("--to").endsWith("see 'mcphub config diff --help'");
    }

    @Test
    void missingTokenSaysWhereToGetOne() {
        CliRun run = CliRun.run(env(), "config", "list");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).contains("no hub token").contains("set -a; . ~/.mcphub/dev/cli.env").contains("mcphub login");
    }

    @Test
    void unreadableFileFailsBeforeAnyRequest() {
        CliRun run = CliRun.run(env(), "config", "set", "payment", "-f", home.resolve("nope.json").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).isEqualTo("error: cannot read " + home.resolve("nope.json") + " (no such file); check the path\n");
    }

    @Test
    void pushReadsEveryFileBeforeSendingAny() throws IOException {
        Path good = Files.writeString(home.resolve("a.json"), "{}");

        CliRun run = CliRun.run(env(), "config", "push", "-f", good.toString(), home.resolve("missing.json").toString(), "--dry-run");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).contains("cannot read " + home.resolve("missing.json"));
    }

    @Test
    void malformedSchemaFileIsLocatedByLineAndColumn() throws IOException {
        Path doc = Files.writeString(home.resolve("payment.yaml"), "interval: 60\n");
        Path schema = Files.writeString(home.resolve("schema.json"), "{\n  \"type\": \"object\",\n  \"required\": [\"interval\"\n}\n");

        CliRun run = CliRun.run(env(), "config", "set", "payment", "-f", doc.toString(), "--schema", schema.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err().lines()).hasSize(2);
        assertThat(run.err().lines()).first().isEqualTo("error: " + schema + " is not valid JSON; fix it and try again");
        assertThat(run.err().lines().toList().get(1)).startsWith(schema + ":4:1: ");
    }

    @Test
    void badHubUrlIsAUsageError() {
        CliRun run = CliRun.run(Map.of("HOME", home.toString(), "MCPHUB_TOKEN", "t"), "status", "--hub", "ftp://x");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("'ftp://x' is not a hub URL");
    }
}
