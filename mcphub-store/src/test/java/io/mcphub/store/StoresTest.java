package io.mcphub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcphub.store.embedded.SqliteStore;
import io.mcphub.store.etcd.EtcdServer;
import io.mcphub.store.etcd.EtcdStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class StoresTest {

    @RegisterExtension
    static final EtcdServer etcd = new EtcdServer();

    @TempDir
    Path dir;

    @Test
    void embeddedOpensStoreDbInTheDataDirectoryCreatingIt() {
        Path dataDir = dir.resolve("not/yet/there");
        try (Store store = Stores.open("embedded", dataDir)) {
            assertThat(store).isInstanceOf(SqliteStore.class);
            assertThat(store.describe()).isEqualTo("embedded:" + dataDir.resolve("store.db").toAbsolutePath());
        }
        assertThat(Files.exists(dataDir.resolve("store.db"))).isTrue();
    }

    @Test
    void etcdSpecConnectsToItsEndpoints() {
        try (Store store = Stores.open("etcd://" + etcd.endpoint(), dir)) {
            assertThat(store).isInstanceOf(EtcdStore.class);
            assertThat(store.describe()).isEqualTo("etcd://" + etcd.endpoint());
            assertThat(store.currentRevision()).isPositive();
        }
    }

    @Test
    void anUnknownSpecListsTheAcceptedForms() {
        for (String spec : new String[] {"", "sqlite", "etcd://", "etcd://no-port", "http://127.0.0.1:2379"}) {
            assertThatThrownBy(() -> Stores.open(spec, dir))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'embedded'")
                    .hasMessageContaining("'etcd://HOST:PORT[,HOST:PORT...]'");
        }
    }
}
