package io.mcphub.store.etcd;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcphub.store.StoreUnavailableException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What only the etcd store does: talk to a cluster that may be down. */
class EtcdStoreTest {

    @RegisterExtension
    static final EtcdServer etcd = new EtcdServer();

    private static final Duration SHORT = Duration.ofSeconds(1);

    @Test
    void callsFailWithinTheTimeoutNamingTheEndpointWhileEtcdIsDown() {
        try (EtcdStore store = new EtcdStore(List.of(etcd.endpoint()), SHORT, builder -> {})) {
            store.put("down/k", "up".getBytes(UTF_8));
            etcd.stop();
            try {
                long start = System.nanoTime();
                assertThatThrownBy(() -> store.put("down/k", "down".getBytes(UTF_8)))
                        .isInstanceOf(StoreUnavailableException.class)
                        .hasMessageContaining(etcd.endpoint())
                        .hasMessageContaining("etcdctl");
                assertThatThrownBy(() -> store.get("down/k")).isInstanceOf(StoreUnavailableException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            } finally {
                etcd.restart();
            }
            assertThat(store.get("down/k")).get().extracting(kv -> kv.valueAsString()).isEqualTo("up");
        }
    }

    @Test
    void openingWithNoEtcdListeningFailsNamingTheEndpoint() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String endpoint = "127.0.0.1:" + port;
        assertThatThrownBy(() -> new EtcdStore(List.of(endpoint), SHORT, builder -> {}))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining(endpoint);
    }

    @Test
    void endpointsMustBeHostAndPort() {
        assertThatThrownBy(() -> new EtcdStore(List.of("http://127.0.0.1:2379")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EtcdStore(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void describesItselfAsAnEtcdSpec() {
        try (EtcdStore store = new EtcdStore(List.of(etcd.endpoint()))) {
            assertThat(store.describe()).isEqualTo("etcd://" + etcd.endpoint());
        }
    }
}
