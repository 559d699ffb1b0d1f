package io.mcphub.cli.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcphub.cli.common.CliContext;
import io.mcphub.cli.common.CliException;
import io.mcphub.cli.common.ExitCodes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the URL and token come from: flags, then environment, then ~/.mcphub/config, then the dev default. */
class HubSettingsTest {
    @TempDir
    Path home;

    private CliContext context(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.put("HOME", home.toString());
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
        return CliContext.of(sink, sink, new ByteArrayInputStream(new byte[0]), all);
    }

    private void writeConfig(String text) throws IOException {
        Files.createDirectories(home.resolve(".mcphub"));
        Files.writeString(home.resolve(".mcphub/config"), text);
    }

    @Test
    void configFileReadsYaml() throws IOException {
        writeConfig("""
                # written by mcphub login
                url: "https://hub.example:7420"   # the team hub
                token: 'abc.def.ghi'
                """);

        HubTarget target = HubSettings.resolve(context(Map.of()), null, null);

        assertThat(target.url()).isEqualTo(URI.create("https://hub.example:7420"));
        assertThat(target.token()).isEqualTo("abc.def.ghi");
    }

    @Test
    void configFileReadsPropertiesAndEnvFileSpelling() {
        assertThat(ClientConfigFile.parse("url=http://h:1\ntoken = t:o=k#en\n"))
                .containsEntry("url", "http://h:1").containsEntry("token", "t:o=k#en");
        assertThat(ClientConfigFile.parse("export MCPHUB_URL=http://h:2\nMCPHUB_TOKEN=xyz\n"))
                .containsEntry("url", "http://h:2").containsEntry("token", "xyz");
    }

    @Test
    void environmentBeatsTheConfigFile() throws IOException {
        writeConfig("url: http://from-file:1\ntoken: file-token\n");

        HubTarget target = HubSettings.resolve(context(Map.of("MCPHUB_URL", "http://from-env:2", "MCPHUB_TOKEN", "env-token")), null, null);

        assertThat(target.url()).hasToString("http://from-env:2");
        assertThat(target.token()).isEqualTo("env-token");
    }

    @Test
    void flagsBeatTheEnvironment() throws IOException {
        Path tokenFile = Files.writeString(home.resolve("token"), "\n  file-token  \n");

        HubTarget target = HubSettings.resolve(context(Map.of("MCPHUB_URL", "http://from-env:2", "MCPHUB_TOKEN", "env-token")),
                "localhost:7421", tokenFile);

        assertThat(target.url()).hasToString("http://localhost:7421");
        assertThat(target.token()).isEqualTo("file-token");
    }

    @Test
    void defaultsToTheDevHubAndTreatsBlankVariablesAsUnset() {
        HubTarget target = HubSettings.resolve(context(Map.of("MCPHUB_URL", " ", "MCPHUB_TOKEN", "t")), null, null);

        assertThat(target.url()).hasToString(HubSettings.DEFAULT_URL);
    }

    @Test
    void missingTokenIsAClearFailure() {
        assertThatThrownBy(() -> HubSettings.resolve(context(Map.of()), null, null))
                .isInstanceOfSatisfying(CliException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCodes.FAILED);
                    assertThat(e.getMessage()).contains("set -a; . ~/.mcphub/dev/cli.env").contains("MCPHUB_TOKEN");
                });
    }

    @Test
    void unreadableTokenFileNamesTheFile() {
        Path missing = home.resolve("no-such-token");

        assertThatThrownBy(() -> HubSettings.resolve(context(Map.of()), null, missing))
                .hasMessage("cannot read the token file " + missing + " (no such file); check --token-file");
    }

    @Test
    void aLoginInTheConfigFileIsUsedForItsHubAndBeatsThePlainToken() throws IOException {
        writeConfig("url: http://localhost:7420\ntoken: old-dev-token\nuser: alice\naccess_token: A1\nrefresh_token: R1\n");

        HubTarget target = HubSettings.resolve(context(Map.of()), "http://LOCALHOST:7420/", null);

        assertThat(target.credentials()).isInstanceOf(LoginSession.class);
        assertThat(target.token()).isEqualTo("A1");
    }

    @Test
    void theEnvironmentTokenBeatsTheLoginAndIsNeverRenewed() throws IOException {
        writeConfig("url: http://h:1\naccess_token: A1\nrefresh_token: R1\n");

        HubTarget target = HubSettings.resolve(context(Map.of("MCPHUB_TOKEN", "env-token")), null, null);

        assertThat(target.credentials()).isInstanceOf(Credentials.Fixed.class);
        assertThat(target.credentials().refused(target.url())).contains("MCPHUB_TOKEN").contains("mcphub login");
    }

    @Test
    void aLoginIsNotShownToAnotherHub() throws IOException {
        writeConfig("url: http://hub-a:7420\naccess_token: A1\nrefresh_token: R1\n");

        assertThatThrownBy(() -> HubSettings.resolve(context(Map.of()), "http://hub-b:7420", null))
                .hasMessage("you are logged in to http://hub-a:7420, not to http://hub-b:7420;"
                        + " run 'mcphub login --hub http://hub-b:7420' or set MCPHUB_TOKEN");
    }

    @Test
    void sameHubIgnoresCaseDefaultPortAndTrailingSlash() {
        assertThat(HubSettings.sameHub(URI.create("http://Hub:80/"), "hub")).isTrue();
        assertThat(HubSettings.sameHub(URI.create("https://hub/"), "https://hub:443")).isTrue();
        assertThat(HubSettings.sameHub(URI.create("http://hub:7420"), "http://hub:7421")).isFalse();
        assertThat(HubSettings.sameHub(URI.create("http://hub:7420"), "ftp://x")).isFalse();
    }

    @Test
    void tokenNeverAppearsInToString() {
        assertThat(new HubTarget(URI.create("http://h:1"), "s3cret")).asString().doesNotContain("s3cret");
    }

    @Test
    void urlsAreCheckedAndKeepTheirBasePath() {
        assertThat(HubSettings.parseUrl("http://proxy/mcphub/").toString()).isEqualTo("http://proxy/mcphub/");
        assertThat(new HubTarget(URI.create("http://proxy/mcphub/"), "t").resolve("/api/v1/status"))
                .hasToString("http://proxy/mcphub/api/v1/status");
        assertThatThrownBy(() -> HubSettings.parseUrl("ftp://x"))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE));
    }
}
