package io.mcphub.store.etcd;

import io.mcphub.store.Store;
import io.mcphub.store.StoreContractTest;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

class EtcdStoreContractTest extends StoreContractTest {

    @RegisterExtension
    static final EtcdServer etcd = new EtcdServer();

    @Override
    protected Store openStore() {
        return new EtcdStore(List.of(etcd.endpoint()));
    }
}
