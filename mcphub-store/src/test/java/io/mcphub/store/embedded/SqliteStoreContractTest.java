package io.mcphub.store.embedded;

import io.mcphub.store.Store;
import io.mcphub.store.StoreContractTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreContractTest extends StoreContractTest {

    @TempDir
    Path dataDir;

    @Override
    protected Store openStore() {
        return new SqliteStore(dataDir.resolve("store.db"));
    }
}
