package io.mcphub.core.topology;

import io.mcphub.core.Json;

/** {@code {name, services: [{name, dependsOn, summary, declared}], nodes: [{name, instances: […]}], unplaced: […]}}. */
final class JsonRenderer {

    private JsonRenderer() {}

    static String render(Topology t) {
        return Json.writePretty(t) + "\n";
    }
}
