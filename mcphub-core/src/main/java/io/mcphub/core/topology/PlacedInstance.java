package io.mcphub.core.topology;

import java.util.Objects;

/**
 * One running (or wanted) instance of a service, as the deployment engine reports it.
 *
 * @param node   the node it is placed on; null while it waits for a place
 * @param status as the engine words it ({@code running}, {@code starting}, {@code failed}, …)
 * @param port   the port it listens on; null if it does not listen
 */
public record PlacedInstance(String id, String service, String node, String status, Integer port) {

    public PlacedInstance {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(service, "service");
        status = status == null ? "unknown" : status;
    }
}
