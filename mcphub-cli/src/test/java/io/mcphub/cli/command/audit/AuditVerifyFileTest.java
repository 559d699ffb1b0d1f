package io.mcphub.cli.command.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.cli.CliRun;
import io.mcphub.cli.common.ExitCodes;
import io.mcphub.security.audit.AuditEvent;
import io.mcphub.security.audit.AuditLog;
import io.mcphub.store.Store;
import io.mcphub.store.Stores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mcphub audit verify --file}: offline, on a file the real audit log wrote, with no hub and no token. */
class AuditVerifyFileTest {
    @TempDir
    Path dir;
    Path file;

    @BeforeEach
    void writeAChain() {
        try (Store store = Stores.open("embedded", dir.resolve("store"));
             AuditLog log = AuditLog.open(store, dir.resolve("data"))) {
            for (int i = 1; i <= 3; i++) {
                log.append(AuditEvent.builder("config.publish").success().actor("alice", "jwt").resource("payment").build());
            }
            file = log.file();
        }
    }

    private CliRun verify(String... more) {
        List<String> args = new ArrayList<>(List.of("audit", "verify", "--file", file.toString()));
        args.addAll(List.of(more));
        return CliRun.run(Map.of("HOME", dir.toString()), args.toArray(String[]::new));
    }

    @Test
    void anIntactFileIsOk() {
        CliRun run = verify();

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("audit chain OK: 3 events\n");
    }

    @Test
    void anAlteredLineIsNamedAndExitsWith1() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(1, lines.get(1).replace("alice", "mallory"));
        Files.write(file, lines);

        CliRun run = verify();

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).startsWith("audit chain BROKEN: line 2 (event 2): ");
    }

    @Test
    void jsonHasTheHubsShapePlusTheLine() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.remove(1);
        Files.write(file, lines);

        CliRun run = verify("-o", "json");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).contains("\"ok\": false").contains("\"firstBad\": {").contains("\"line\": 2").contains("\"reason\": ");
    }

    @Test
    void aMissingFileSaysWhichFileToPass() {
        file = dir.resolve("nope.ndjson");

        CliRun run = verify();

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).startsWith("error: there is no audit file at " + file);
    }
}
