package io.mcphub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The same contract on a real etcd, plus: the data is plain to see with etcdctl. */
class EtcdHubApiTest extends HubApiContract {

    @RegisterExtension
    static final EtcdPerClass ETCD = new EtcdPerClass();

    @Override
    void beforeHubStart() {
        ETCD.clear(dataDir);
    }

    static String etcdctl(String... args) throws IOException, InterruptedException {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("etcdctl", "--endpoints=" + ETCD.endpoint()));
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
        return ETCD.storeSpec();
    }

    @Test
    void dataIsVisibleWithEtcdctl() throws IOException, InterruptedException {
        api.put("/api/v1/config/docs/visible", "{\"interval\": 60}", "application/json");
        String out = etcdctl("get", "--prefix", "/mcphub/config/heads/visible");
        assertThat(out).contains("/mcphub/config/heads/visible").contains("\"version\":1");
    }
}
