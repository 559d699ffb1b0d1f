package io.mcphub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.store.etcd.EtcdServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The same contract on a real etcd, plus: the data is plain to see with etcdctl. */
class EtcdHubApiTest extends HubApiContract {

    static EtcdServer etcd;

    @BeforeAll
    static void startEtcd() {
        etcd = new EtcdServer().start();
    }

    @AfterAll
    static void stopEtcd() {
        etcd.close();
    }

    /**
     * One etcd serves the whole class; each test starts from an empty store, since its hub has a master key of its
     * own and could not open keys sealed by the previous test's hub.
     */
    @Override
    void beforeHubStart() throws IOException, InterruptedException {
        etcdctl("del", "--prefix", "/mcphub/");
    }

    static String etcdctl(String... args) throws IOException, InterruptedException {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("etcdctl", "--endpoints=" + etcd.endpoint()));
        cmd.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Override
    String storeSpec() {
        return "etcd://" + etcd.endpoint();
    }

    @Test
    void dataIsVisibleWithEtcdctl() throws IOException, InterruptedException {
        api.put("/api/v1/config/docs/visible", "{\"interval\": 60}", "application/json");
        String out = etcdctl("get", "--prefix", "/mcphub/config/heads/visible");
        assertThat(out).contains("/mcphub/config/heads/visible").contains("\"version\":1");
    }
}
