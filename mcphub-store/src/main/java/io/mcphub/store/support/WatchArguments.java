package io.mcphub.store.support;

import io.mcphub.store.WatchListener;
import java.util.Objects;

/** The arguments of {@code Store.watch}, checked the same way by both stores. */
public final class WatchArguments {

    private WatchArguments() {}

    public static void check(String prefix, long fromRevision, WatchListener listener) {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(listener, "listener");
        if (fromRevision < 0) {
            throw new IllegalArgumentException("fromRevision must be 0 (from now on) or a revision, not " + fromRevision);
        }
    }
}
