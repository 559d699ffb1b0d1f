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
