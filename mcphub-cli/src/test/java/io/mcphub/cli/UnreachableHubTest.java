package io.mcphub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.cli.common.ExitCodes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnreachableHubTest {
    private static final String TOKEN = "t0ken-that-must-never-be-printed";

    @TempDir
    Path home;

    @Test
    void namesTheUrlItTriedAndExitsWith3() throws IOException {
        String url = "http://127.0.0.1:" + closedPort();

        CliRun run = CliRun.run(Map.of("HOME", home.toString(), "MCPHUB_URL", url, "MCPHUB_TOKEN", TOKEN),
                "config", "list");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run.err()).isEqualTo("error: cannot reach the hub at " + url
                + " (connection refused); start it with 'mcphub dev' or set MCPHUB_URL\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void hubFlagAfterTheVerbWinsOverTheEnvironment() throws IOException {
        String url = "http://127.0.0.1:" + closedPort();

        CliRun run = CliRun.run(Map.of("HOME", home.toString(), "MCPHUB_URL", "http://127.0.0.1:9", "MCPHUB_TOKEN", TOKEN),
                "status", "--hub", url);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run.err()).contains("cannot reach the hub at " + url + " (");
    }

    @Test
    void debugTracesTheRequestAndTheStackButNeverTheToken() throws IOException {
        String url = "http://127.0.0.1:" + closedPort();

        CliRun run = CliRun.run(Map.of("HOME", home.toString(), "MCPHUB_URL", url, "MCPHUB_TOKEN", TOKEN,
                "MCP_DEBUG", "1"), "config", "history", "payment");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run.err())
                .contains("debug: GET " + url + "/api/v1/config/history/payment → failed: connection refused")
                .contains("java.net.ConnectException")
                .doesNotContain(TOKEN);
    }

    @Test
    void withoutDebugThereIsNoStackTrace() throws IOException {
        CliRun run = CliRun.run(Map.of("HOME", home.toString(), "MCPHUB_URL", "http://127.0.0.1:" + closedPort(),
                "MCPHUB_TOKEN", TOKEN), "status");

        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).doesNotContain("Exception");
    }

    /** A loopback port nobody listens on: bound by us, then released. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
