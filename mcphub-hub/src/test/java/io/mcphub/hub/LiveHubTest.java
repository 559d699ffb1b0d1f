package io.mcphub.hub;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A real hub per test on loopback, on the store a subclass picks, with a raw HTTP client holding its admin token. */
abstract class LiveHubTest {

    @TempDir
    Path dataDir;
    Hub hub;
    HubClientForTests api;

    abstract String storeSpec();

    /** Runs before each test's hub starts: a store shared by several tests is emptied here. */
    void beforeHubStart() throws Exception {}

    @BeforeEach
    void startHub() throws Exception {
        beforeHubStart();
        hub = Hub.start(new HubSettings(storeSpec(), dataDir, "127.0.0.1", 0));
        api = new HubClientForTests(hub.url(), hub.adminToken());
    }

    @AfterEach
    void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }
}
