package io.mcphub.cli.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.mcphub.cli.common.CliException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing ~/.mcphub/config: private, atomic, and respectful of what the user wrote there. */
class ClientConfigFileTest {
    @TempDir
    Path home;

    private Path config() {
        return ClientConfigFile.defaultPath(home);
    }

    private static Map<String, String> changes(String... keyValues) {
        Map<String, String> changes = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            changes.put(keyValues[i], keyValues[i + 1]);
        }
        return changes;
    }

    @Test
    void aNewFileIsReadableByItsOwnerOnly() throws IOException {
        assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");

        ClientConfigFile.update(config(), current -> changes("url", "http://h:1", "access_token", "a.b.c"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config().getParent()))).isEqualTo("rwx------");
        assertThat(ClientConfigFile.read(config())).containsEntry("url", "http://h:1").containsEntry("access_token", "a.b.c");
    }

    @Test
    void anExistingWorldReadableFileBecomesPrivate() throws IOException {
        assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
        Files.createDirectories(config().getParent());
        Files.writeString(config(), "url: http://h:1\n");
        Files.setPosixFilePermissions(config(), PosixFilePermissions.fromString("rw-r--r--"));

        ClientConfigFile.update(config(), current -> changes("refresh_token", "r"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config()))).isEqualTo("rw-------");
    }

    @Test
    void theFileIsReplacedByRenameAndNoTemporaryFileStays() throws IOException {
        Files.createDirectories(config().getParent());
        Files.writeString(config(), "url: http://h:1\n");
        Object before = Files.readAttributes(config(), BasicFileAttributes.class).fileKey();
        assumeThat(before).isNotNull();

        ClientConfigFile.update(config(), current -> changes("access_token", "a"));

        assertThat(Files.readAttributes(config(), BasicFileAttributes.class).fileKey()).isNotEqualTo(before);
        try (var files = Files.list(config().getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("config", "config.lock");
        }
    }

    @Test
    void aFailedDecisionLeavesTheFileAsItWas() throws IOException {
        Files.createDirectories(config().getParent());
        Files.writeString(config(), "url: http://h:1\naccess_token: old\n");

        assertThatThrownBy(() -> ClientConfigFile.update(config(), current -> {
            throw CliException.failed("refresh refused");
        })).hasMessage("refresh refused");

        assertThat(Files.readString(config())).isEqualTo("url: http://h:1\naccess_token: old\n");
    }

    @Test
    void oldKeysCommentsAndSpellingStay() {
        String before = """
                # my hub
                export MCPHUB_URL=http://old:1
                token: dev-token   # from cli.env
                editor: vim
                """;

        String after = ClientConfigFile.rewrite(before, changes("url", "http://new:2", "access_token", "A", "user", "alice"));

        assertThat(after).isEqualTo("""
                # my hub
                export MCPHUB_URL=http://new:2
                token: dev-token   # from cli.env
                editor: vim
                access_token: A
                user: alice
                """);
        assertThat(ClientConfigFile.parse(after)).containsEntry("token", "dev-token").containsEntry("url", "http://new:2");
    }

    @Test
    void aNullValueRemovesEveryLineOfTheKey() {
        Map<String, String> remove = new HashMap<>();
        remove.put("access_token", null);
        remove.put("refresh_token", null);

        String after = ClientConfigFile.rewrite("url: u\naccess_token: a\nrefresh_token=r\naccess_token: again\n", remove);

        assertThat(after).isEqualTo("url: u\n");
    }

    @Test
    void valuesTheReaderWouldCutAreQuoted() {
        String after = ClientConfigFile.rewrite("", changes("user", "ann #2", "token", "'odd", "url", "http://h:1/#x"));

        assertThat(ClientConfigFile.parse(after))
                .containsEntry("user", "ann #2").containsEntry("token", "'odd").containsEntry("url", "http://h:1/#x");
    }

    @Test
    void aSymlinkedConfigKeepsItsLink() throws IOException {
        Path real = Files.writeString(home.resolve("dotfiles-config"), "url: http://h:1\n");
        Files.createDirectories(config().getParent());
        try {
            Files.createSymbolicLink(config(), real);
        } catch (UnsupportedOperationException | IOException e) {
            assumeThat(false).as("symbolic links: " + e).isTrue();
        }

        ClientConfigFile.update(config(), current -> changes("access_token", "a"));

        assertThat(Files.isSymbolicLink(config())).isTrue();
        assertThat(Files.readString(real)).isEqualTo("url: http://h:1\naccess_token: a\n");
    }
}
