package io.mcphub.hub;

import io.mcphub.store.Store;
import io.mcphub.store.Stores;
import io.mcphub.store.etcd.EtcdServer;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** One real etcd for a test class: {@code @RegisterExtension static final EtcdPerClass ETCD = new EtcdPerClass();}. */
final class EtcdPerClass implements BeforeAllCallback, AfterAllCallback {

    private EtcdServer etcd;

    @Override
    public void beforeAll(ExtensionContext context) {
        etcd = new EtcdServer().start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        etcd.close();
    }

    String endpoint() {
        return etcd.endpoint();
    }

    String storeSpec() {
        return "etcd://" + etcd.endpoint();
    }

    /** Empties the hub's keys: each test's hub has a master key of its own and could not open the previous one's. */
    void clear(Path scratchDir) {
        try (Store store = Stores.open(storeSpec(), scratchDir)) {
            store.range("/mcphub/").kvs().forEach(kv -> store.delete(kv.key()));
        }
    }
}
