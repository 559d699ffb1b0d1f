package io.mcphub.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.cli.CliRun;
import io.mcphub.cli.Launchers;
import io.mcphub.store.etcd.EtcdServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** `mcphub hub --store etcd://…` as an operator runs it: same cli.env, same verbs, data visible to etcdctl. */
class EtcdHubProcessTest {

    @RegisterExtension
    static final EtcdServer ETCD = new EtcdServer();

    @TempDir
    Path dir;

    @Test
    void hubOnEtcdServesTheCliAndKeepsItsDataInEtcd() throws Exception {
        Path data = dir.resolve("data");
        Process hub = Launchers.command(dir, Launchers.BIN.resolve("mcphub").toString(), "hub",
                "--store", "etcd://" + ETCD.endpoint(), "--data-dir", data.toString(), "--listen", "127.0.0.1:0")
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(hub.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder seen = new StringBuilder();
            for (String line; (line = out.readLine()) != null && !line.startsWith("MCP Hub is ready at "); ) {
                seen.append(line).append('\n');
            }
            assertThat(hub.isAlive()).as(seen.toString()).isTrue();
            Thread.ofVirtual().start(() -> out.lines().forEach(l -> { }));

            Map<String, String> env = new HashMap<>(Map.of("HOME", dir.toString()));
            for (String line : Files.readAllLines(data.resolve("cli.env"))) {
                if (!line.startsWith("#") && line.contains("=")) {
                    env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
                }
            }
            Path doc = Files.writeString(dir.resolve("weather.yaml"), "units: metric\n");
            CliRun set = CliRun.run(env, "config", "set", "weather", "-f", doc.toString());
            assertThat(set.exitCode()).as(set.err()).isZero();

            Process etcdctl = new ProcessBuilder("etcdctl", "--endpoints=" + ETCD.endpoint(), "get", "--prefix", "/mcphub/config/")
                    .redirectErrorStream(true).start();
            String stored = new String(etcdctl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(etcdctl.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(stored).contains("/mcphub/config/heads/weather").contains("/mcphub/config/versions/weather@0000000001")
                    .contains("units: metric");
        } finally {
            hub.destroy();
            assertThat(hub.waitFor(20, TimeUnit.SECONDS)).as("hub stops on SIGTERM").isTrue();
        }
    }
}
