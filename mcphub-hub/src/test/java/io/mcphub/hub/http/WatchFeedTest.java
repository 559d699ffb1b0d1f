package io.mcphub.hub.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.store.Store;
import io.mcphub.store.StoreException;
import io.mcphub.store.Stores;
import io.mcphub.store.Watch;
import io.mcphub.store.WatchEvent;
import io.mcphub.store.WatchListener;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared watch behind the watch streams, on a real embedded store: gap-free, and honest about what it cannot serve. */
class WatchFeedTest {

    @TempDir
    Path dir;
    Store store;

    @BeforeEach
    void open() {
        store = Stores.open("embedded", dir);
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** The keys and revisions a subscriber receives. */
    static final class Seen implements WatchListener {
        final LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();

        @Override
        public void onEvents(List<WatchEvent> batch) {
            batch.forEach(e -> events.add(e.key() + "@" + e.revision()));
        }

        @Override
        public void onError(StoreException error) {
            events.add("error");
        }

        List<String> take(int n) throws InterruptedException {
            List<String> got = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String e = events.poll(5, TimeUnit.SECONDS);
                assertThat(e).as("event " + (i + 1) + " of " + n + " within 5 s, after " + got).isNotNull();
                got.add(e);
            }
            return got;
        }
    }

    long put(String key) {
        return store.put(key, "v".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everySubscriberGetsItsPrefixInOrderFromOneStoreWatch() throws Exception {
        WatchFeed feed = new WatchFeed(store, "/h/");
        Seen all = new Seen();
        Seen pay = new Seen();
        long from = store.currentRevision() + 1;
        try (Watch a = feed.subscribe("/h/", from, all); Watch b = feed.subscribe("/h/pay", from, pay)) {
            assertThat(a).isNotNull();
            assertThat(b).isNotNull();
            long r1 = put("/h/pay");
            long r2 = put("/h/orders");
            put("/other"); // outside the feed
            long r3 = put("/h/payroll");
            assertThat(all.take(3)).containsExactly("/h/pay@" + r1, "/h/orders@" + r2, "/h/payroll@" + r3);
            assertThat(pay.take(2)).containsExactly("/h/pay@" + r1, "/h/payroll@" + r3);
            assertThat(feed.subscribers()).isEqualTo(2);
        }
        assertThat(feed.subscribers()).isZero();
    }

    @Test
    void aSubscriberStartingInThePastGetsTheRetainedEventsThenLiveOnesWithoutGapOrRepeat() throws Exception {
        WatchFeed feed = new WatchFeed(store, "/h/");
        Seen first = new Seen();
        try (Watch ignored = feed.subscribe("/h/", store.currentRevision() + 1, first)) {
            long r1 = put("/h/a");
            long r2 = put("/h/b");
            first.take(2);
            Seen resumed = new Seen();
            try (Watch w = feed.subscribe("/h/", r2, resumed)) { // as Last-Event-ID r1 would ask
                assertThat(w).isNotNull();
                long r3 = put("/h/c");
                assertThat(resumed.take(2)).containsExactly("/h/b@" + r2, "/h/c@" + r3);
                assertThat(resumed.events.poll(300, TimeUnit.MILLISECONDS)).isNull();
            }
            assertThat(r1).isLessThan(r2);
        }
    }

    @Test
    void whatTheFeedNoLongerHoldsOrNeverSawIsLeftToTheStore() throws Exception {
        long before = put("/h/old");
        WatchFeed feed = new WatchFeed(store, "/h/", 2);
        Seen live = new Seen();
        try (Watch ignored = feed.subscribe("/h/", store.currentRevision() + 1, live)) {
            assertThat(feed.subscribe("/h/", before, new Seen())).as("from before the feed started").isNull();
            long r1 = put("/h/a");
            put("/h/b");
            long r3 = put("/h/c"); // only two are retained: /h/a is let go
            live.take(3);
            assertThat(feed.subscribe("/h/", r1, new Seen())).as("from an event let go").isNull();
            Seen recent = new Seen();
            assertThat(feed.subscribe("/h/", r3, recent)).isNotNull();
            assertThat(recent.take(1)).containsExactly("/h/c@" + r3);
        }
    }
}
