package io.mcphub.hub;

class EmbeddedWatchApiTest extends WatchApiContract {

    @Override
    String storeSpec() {
        return "embedded";
    }
}
