package io.mcphub.hub;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The watch API on a real etcd: its watch, compaction and revisions are etcd's own. */
class EtcdWatchApiTest extends WatchApiContract {

    @RegisterExtension
    static final EtcdPerClass ETCD = new EtcdPerClass();

    @Override
    void beforeHubStart() {
        ETCD.clear(dataDir);
    }

    @Override
    String storeSpec() {
        return ETCD.storeSpec();
    }
}
