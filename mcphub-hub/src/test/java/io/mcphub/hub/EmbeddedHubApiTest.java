package io.mcphub.hub;

class EmbeddedHubApiTest extends HubApiContract {

    @Override
    String storeSpec() {
        return "embedded";
    }
}
