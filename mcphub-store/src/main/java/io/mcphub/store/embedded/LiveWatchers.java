package io.mcphub.store.embedded;

import io.mcphub.store.WatchEvent;
import io.mcphub.store.support.WatchDelivery;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The watches that have caught up with the log. Each committed revision is fanned out to them in memory, so a write
 * costs no query per watcher. Called under the store's write lock, which keeps revisions in order.
 */
final class LiveWatchers {

    /** A watch that receives every event under {@code prefix} from {@code fromRevision} on. */
    record Watcher(String prefix, long fromRevision, WatchDelivery delivery) {}

    private final List<Watcher> watchers = new CopyOnWriteArrayList<>();

    Watcher add(String prefix, long fromRevision, WatchDelivery delivery) {
        Watcher watcher = new Watcher(prefix, fromRevision, delivery);
        watchers.add(watcher);
        return watcher;
    }

    void remove(Watcher watcher) {
        watchers.remove(watcher);
    }

    /** Hands the events of one committed revision to every watcher whose prefix they fall under. */
    void publish(long revision, List<WatchEvent> events) {
        List<WatchEvent> all = List.copyOf(events);
        for (Watcher watcher : watchers) {
            if (revision >= watcher.fromRevision()) {
                List<WatchEvent> matching = matching(all, watcher.prefix());
                if (!matching.isEmpty()) {
                    watcher.delivery().offer(matching);
                }
            }
        }
    }

    void closeAll() {
        watchers.forEach(watcher -> watcher.delivery().close());
        watchers.clear();
    }

    private static List<WatchEvent> matching(List<WatchEvent> events, String prefix) {
        if (prefix.isEmpty()) {
            return events;
        }
        int matches = 0;
        for (WatchEvent event : events) {
            if (event.key().startsWith(prefix)) {
                matches++;
            }
        }
        if (matches == events.size() || matches == 0) {
            return matches == 0 ? List.of() : events;
        }
        List<WatchEvent> some = new ArrayList<>(matches);
        for (WatchEvent event : events) {
            if (event.key().startsWith(prefix)) {
                some.add(event);
            }
        }
        return some;
    }
}
