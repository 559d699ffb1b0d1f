package io.mcphub.store;

import java.util.List;

/**
 * Receives a watch's events. Calls come from one thread per watch, in revision order; a slow listener delays only
 * its own watch. After {@link #onError} no further call is made.
 */
public interface WatchListener {

    /** Events of one or more consecutive revisions, in order, never repeated, never skipping one. */
    void onEvents(List<WatchEvent> events);

    /** The watch ended; {@link CompactedException} when it asked for history the store no longer has. */
    default void onError(StoreException error) {}
}
