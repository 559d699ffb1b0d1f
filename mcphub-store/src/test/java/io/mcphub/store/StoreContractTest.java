package io.mcphub.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * What every {@link Store} must do, following etcd v3. A subclass supplies the backend; every test writes under a
 * prefix of its own and only counts revisions relative to ones it saw, so a backend may be shared by the tests of a
 * class (a test must leave no lease behind that could expire during a later one).
 */
@SuppressWarnings("try") // watches opened in try-with-resources only to be closed
public abstract class StoreContractTest {

    protected static final Duration WAIT = Duration.ofSeconds(15);
    private static final AtomicInteger TESTS = new AtomicInteger();

    private final List<Store> opened = new ArrayList<>();
    protected Store store;
    /** This test's own key prefix. */
    protected String p;

    /** A new client of the backend under test: each call sees the same data as the previous ones. */
    protected abstract Store openStore();

    @BeforeEach
    void openFirstStore(TestInfo test) {
        p = "contract/" + test.getTestMethod().orElseThrow().getName() + "-" + TESTS.incrementAndGet() + "/";
        store = open();
    }

    @AfterEach
    void closeStores() {
        opened.forEach(Store::close);
    }

    protected Store open() {
        Store opening = openStore();
        opened.add(opening);
        return opening;
    }

    protected static byte[] v(String value) {
        return value.getBytes(UTF_8);
    }

    // ---- revisions, get, put, delete

    @Test
    void everyWriteAdvancesTheRevisionByOne() {
        long start = store.currentRevision();
        assertThat(start).isPositive();
        long first = store.put(p + "a", v("1"));
        long second = store.put(p + "b", v("2"));
        assertThat(first).isEqualTo(start + 1);
        assertThat(second).isEqualTo(first + 1);
        assertThat(store.delete(p + "a")).isTrue();
        assertThat(store.currentRevision()).isEqualTo(second + 1);

        assertThat(store.delete(p + "absent")).isFalse();
        assertThat(store.currentRevision()).as("deleting nothing is no write").isEqualTo(second + 1);
    }

    @Test
    void getsWhatWasPutAndNothingOnceDeleted() {
        assertThat(store.get(p + "k")).isEmpty();
        store.put(p + "k", v("one"));
        assertThat(store.get(p + "k")).get().extracting(KeyValue::valueAsString).isEqualTo("one");
        store.put(p + "k", v("two"));
        assertThat(store.get(p + "k")).get().extracting(KeyValue::valueAsString).isEqualTo("two");
        store.put(p + "empty", new byte[0]);
        assertThat(store.get(p + "empty")).get().extracting(KeyValue::value).isEqualTo(new byte[0]);

        assertThat(store.delete(p + "k")).isTrue();
        assertThat(store.get(p + "k")).isEmpty();
        assertThat(store.delete(p + "k")).isFalse();
    }

    @Test
    void keepsCreateRevisionModRevisionAndVersionLikeEtcd() {
        long created = store.put(p + "k", v("1"));
        KeyValue kv = store.get(p + "k").orElseThrow();
        assertThat(kv.key()).isEqualTo(p + "k");
        assertThat(List.of(kv.createRevision(), kv.modRevision(), kv.version(), kv.lease()))
                .containsExactly(created, created, 1L, 0L);
        long updated = store.put(p + "k", v("2"));
        kv = store.get(p + "k").orElseThrow();
        assertThat(List.of(kv.createRevision(), kv.modRevision(), kv.version())).containsExactly(created, updated, 2L);

        store.delete(p + "k");
        long recreated = store.put(p + "k", v("3"));
        kv = store.get(p + "k").orElseThrow();
        assertThat(List.of(kv.createRevision(), kv.modRevision(), kv.version()))
                .as("a new incarnation starts over").containsExactly(recreated, recreated, 1L);
    }

    // ---- range

    @Test
    void rangeReturnsThePrefixInByteOrderWithItsRevision() {
        for (String key : List.of("a/bc", "a/b/x", "b", "a/b", "a/a", "a")) {
            store.put(p + key, v(key));
        }
        RangeResult underAB = store.range(p + "a/b");
        assertThat(underAB.kvs()).extracting(KeyValue::key)
                .as("a plain byte prefix: a/bc is under a/b, and '/' sorts before 'c'")
                .containsExactly(p + "a/b", p + "a/b/x", p + "a/bc");
        assertThat(underAB.revision()).isEqualTo(store.currentRevision());
        assertThat(store.range(p + "a/b/").kvs()).extracting(KeyValue::key).containsExactly(p + "a/b/x");
        assertThat(store.range(p).kvs()).extracting(KeyValue::key)
                .containsExactly(p + "a", p + "a/a", p + "a/b", p + "a/b/x", p + "a/bc", p + "b");
        assertThat(store.range(p + "nothing/").kvs()).isEmpty();
        assertThat(store.range("").kvs()).extracting(KeyValue::key).filteredOn(k -> k.startsWith(p)).hasSize(6);
    }

    @Test
    void rangeReturnsLargePrefixesWholeAndAtOneRevision() {
        List<String> keys = new ArrayList<>();
        for (int batch = 0; batch < 25; batch++) {
            List<Op> puts = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String key = p + String.format("%05d", batch * 100 + i);
                keys.add(key);
                puts.add(Op.put(key, v("x")));
            }
            store.txn(List.of(), puts);
        }
        RangeResult all = store.range(p);
        assertThat(all.kvs()).extracting(KeyValue::key).containsExactlyElementsOf(keys);
        assertThat(all.revision()).isEqualTo(store.currentRevision());
    }

    @Test
    void anEmptyPrefixCoversEveryKey() {
        long from = store.put(p + "a", v("a"));
        store.put("~" + p, v("sorts after the test prefixes"));
        RecordingListener listener = new RecordingListener();
        try (Watch ignored = store.watch("", from, listener)) {
            await().atMost(WAIT).until(() -> listener.keys().contains("~" + p));
        }
        assertThat(listener.keys()).contains(p + "a", "~" + p);
        assertThat(store.range("").kvs()).extracting(KeyValue::key).contains(p + "a", "~" + p);
        store.delete("~" + p);
    }

    @Test
    void keysSortByTheirUtf8BytesNotByJavaStringOrder() {
        String replacementChar = "\uFFFD"; // EF BF BD in UTF-8, above any surrogate in UTF-16
        String emoji = "\uD83D\uDE00"; // F0 9F 98 80 in UTF-8, surrogates (below U+FFFD) in UTF-16
        store.put(p + emoji, v("emoji"));
        store.put(p + replacementChar, v("replacement"));
        store.put(p + "z", v("z"));
        assertThat(store.range(p).kvs()).extracting(KeyValue::key)
                .containsExactly(p + "z", p + replacementChar, p + emoji);
        assertThat(store.get(p + emoji)).get().extracting(KeyValue::valueAsString).isEqualTo("emoji");
    }

    // ---- transactions

    @Test
    void txnAppliesAllOpsAtOneRevisionWhenTheModRevisionMatches() {
        long rev = store.put(p + "k", v("1"));
        store.put(p + "gone", v("x"));
        long before = store.currentRevision();
        TxnResult result = store.txn(List.of(Compare.modRevision(p + "k", rev)),
                List.of(Op.put(p + "k", v("2")), Op.put(p + "other", v("o")), Op.delete(p + "gone")));
        assertThat(result).isEqualTo(new TxnResult(true, before + 1));
        assertThat(store.get(p + "k").orElseThrow().modRevision()).isEqualTo(before + 1);
        assertThat(store.get(p + "other").orElseThrow().modRevision()).isEqualTo(before + 1);
        assertThat(store.get(p + "gone")).isEmpty();
    }

    @Test
    void txnWithAStaleModRevisionWritesNothing() {
        long stale = store.put(p + "k", v("1"));
        store.put(p + "k", v("2"));
        long before = store.currentRevision();
        TxnResult result = store.txn(List.of(Compare.modRevision(p + "k", stale)),
                List.of(Op.put(p + "k", v("3")), Op.put(p + "other", v("o"))));
        assertThat(result).isEqualTo(new TxnResult(false, before));
        assertThat(store.currentRevision()).isEqualTo(before);
        assertThat(store.get(p + "k")).get().extracting(KeyValue::valueAsString).isEqualTo("2");
        assertThat(store.get(p + "other")).isEmpty();
    }

    @Test
    void compareAbsentCreatesOnlyOnce() {
        TxnResult first = store.txn(List.of(Compare.absent(p + "lock")), List.of(Op.put(p + "lock", v("a"))));
        TxnResult second = store.txn(List.of(Compare.absent(p + "lock")), List.of(Op.put(p + "lock", v("b"))));
        assertThat(first.succeeded()).isTrue();
        assertThat(second.succeeded()).isFalse();
        assertThat(store.get(p + "lock")).get().extracting(KeyValue::valueAsString).isEqualTo("a");
        assertThat(store.txn(List.of(Compare.modRevision(p + "lock", first.revision())),
                List.of(Op.delete(p + "lock"))).succeeded()).isTrue();
        assertThat(store.txn(List.of(Compare.absent(p + "lock")), List.of(Op.put(p + "lock", v("c")))).succeeded())
                .isTrue();
    }

    @Test
    void txnThatWritesAKeyTwiceIsRefusedAsEtcdDoes() {
        long before = store.currentRevision();
        assertThatThrownBy(() -> store.txn(List.of(), List.of(Op.put(p + "k", v("1")), Op.put(p + "k", v("2")))))
                .isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> store.txn(List.of(), List.of(Op.put(p + "k", v("1")), Op.delete(p + "k"))))
                .isInstanceOf(StoreException.class);
        assertThat(store.currentRevision()).isEqualTo(before);
    }

    // ---- watches

    @Test
    void watchFromAPastRevisionReplaysHistoryThenGoesLiveWithoutGapOrDuplicate() {
        String w = p + "w/";
        long first = store.put(w + "1", v("1"));
        store.put(p + "outside", v("x"));
        store.put(p + "w", v("the prefix without its slash is outside"));
        store.txn(List.of(), List.of(Op.put(w + "2", v("2")), Op.put(w + "3", v("3")), Op.put(p + "y", v("y"))));
        store.delete(w + "1");
        List<Long> expected = new ArrayList<>(List.of(first));
        expected.add(first + 3);
        expected.add(first + 3);
        expected.add(first + 4);

        RecordingListener listener = new RecordingListener();
        try (Watch ignored = store.watch(w, first, listener)) {
            for (int i = 4; i < 8; i++) {
                expected.add(store.put(w + i, v("live")));
                store.put(p + "outside", v("live"));
            }
            await().atMost(WAIT).until(() -> listener.events().size() >= expected.size());
            sleepBriefly();
        }
        assertThat(listener.revisions()).containsExactlyElementsOf(expected);
        assertThat(listener.keys()).allMatch(key -> key.startsWith(w));
        assertThat(listener.events().get(3)).satisfies(delete -> {
            assertThat(delete.type()).isEqualTo(WatchEvent.Type.DELETE);
            assertThat(delete.key()).isEqualTo(w + "1");
            assertThat(delete.value()).isEmpty();
        });
        assertThat(listener.events().get(1)).satisfies(put -> {
            assertThat(put.type()).isEqualTo(WatchEvent.Type.PUT);
            assertThat(new String(put.value(), UTF_8)).isEqualTo("2");
            assertThat(put.createRevision()).isEqualTo(first + 3);
            assertThat(put.version()).isEqualTo(1);
        });
        assertThat(listener.calls()).as("a revision is never split across calls")
                .allSatisfy(call -> assertThat(listener.calls().stream()
                        .filter(other -> other != call)
                        .flatMap(List::stream)
                        .map(WatchEvent::revision))
                        .doesNotContainAnyElementsOf(call.stream().map(WatchEvent::revision).toList()));
        assertThat(listener.errors()).isEmpty();
    }

    @Test
    void watchFromZeroSeesOnlyWhatHappensAfterIt() {
        store.put(p + "before", v("b"));
        RecordingListener listener = new RecordingListener();
        try (Watch ignored = store.watch(p, 0, listener)) {
            long after = store.put(p + "after", v("a"));
            await().atMost(WAIT).until(() -> !listener.events().isEmpty());
            sleepBriefly();
            assertThat(listener.revisions()).containsExactly(after);
            assertThat(listener.keys()).containsExactly(p + "after");
        }
    }

    @Test
    void watchFromTheNextRevisionSeesTheNextWrite() {
        RecordingListener listener = new RecordingListener();
        long next = store.currentRevision() + 1;
        try (Watch ignored = store.watch(p, next, listener)) {
            long written = store.put(p + "k", v("1"));
            await().atMost(WAIT).until(() -> listener.revisions().contains(written));
        }
    }

    @Test
    void concurrentWritersAndAWatcherSeeEveryRevisionExactlyOnce() throws Exception {
        int writers = 4;
        int writesEach = 50;
        RecordingListener listener = new RecordingListener();
        List<Long> written = Collections.synchronizedList(new ArrayList<>());
        try (Watch ignored = store.watch(p, 0, listener)) {
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < writesEach; i++) {
                        written.add(store.put(p + writer + "/" + (i % 7), v(writer + ":" + i)));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            await().atMost(WAIT).until(() -> listener.events().size() >= writers * writesEach);
            sleepBriefly();
        }
        assertThat(written).doesNotHaveDuplicates().hasSize(writers * writesEach);
        assertThat(listener.revisions()).containsExactlyElementsOf(written.stream().sorted().toList());
    }

    @Test
    void aNewClientResumesFromTheLastSeenRevisionAndGetsExactlyTheRest() {
        RecordingListener before = new RecordingListener();
        long start = store.currentRevision() + 1;
        Watch watch = store.watch(p, start, before);
        for (int i = 1; i <= 3; i++) {
            store.put(p + i, v("first client"));
        }
        await().atMost(WAIT).until(() -> before.events().size() == 3);
        long lastSeen = before.revisions().getLast();
        watch.close();
        store.close();

        Store reconnected = open();
        List<Long> missed = new ArrayList<>();
        missed.add(reconnected.put(p + 4, v("while nobody watched")));
        missed.add(reconnected.put(p + 5, v("while nobody watched")));
        RecordingListener after = new RecordingListener();
        try (Watch ignored = reconnected.watch(p, lastSeen + 1, after)) {
            missed.add(reconnected.put(p + 6, v("live")));
            await().atMost(WAIT).until(() -> after.events().size() >= 3);
            sleepBriefly();
        }
        assertThat(after.revisions()).containsExactlyElementsOf(missed);
        assertThat(after.keys()).containsExactly(p + 4, p + 5, p + 6);
        assertThat(missed.getFirst()).isEqualTo(lastSeen + 1);
    }

    @Test
    void dataAndRevisionOutliveTheClient() {
        long written = store.put(p + "k", v("kept"));
        store.close();
        Store reopened = open();
        assertThat(reopened.currentRevision()).isGreaterThanOrEqualTo(written);
        assertThat(reopened.get(p + "k")).get().extracting(KeyValue::valueAsString).isEqualTo("kept");
        assertThat(reopened.put(p + "k", v("next"))).isGreaterThan(written);
    }

    @Test
    void aClosedWatchGetsNothingMore() {
        RecordingListener listener = new RecordingListener();
        Watch watch = store.watch(p, 0, listener);
        long first = store.put(p + "1", v("1"));
        await().atMost(WAIT).until(() -> listener.revisions().contains(first));
        watch.close();
        store.put(p + "2", v("2"));
        sleepBriefly();
        assertThat(listener.revisions()).containsExactly(first);
    }

    @Test
    void aSlowListenerDelaysOnlyItsOwnWatch() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        RecordingListener fast = new RecordingListener();
        WatchListener stuck = new WatchListener() {
            @Override
            public void onEvents(List<WatchEvent> events) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try (Watch slowWatch = store.watch(p, 0, stuck); Watch fastWatch = store.watch(p, 0, fast)) {
            for (int i = 0; i < 5; i++) {
                store.put(p + i, v("x"));
            }
            await().atMost(WAIT).until(() -> fast.events().size() == 5);
        } finally {
            release.countDown();
        }
        assertThat(fast.threads()).doesNotContain(Thread.currentThread().getName());
    }

    // ---- leases

    @Test
    void aKeyVanishesWithADeleteEventWhenItsLeaseExpires() {
        long lease = store.grantLease(Duration.ofSeconds(1));
        long put = store.put(p + "session", v("alive"), lease);
        assertThat(store.get(p + "session")).get().extracting(KeyValue::lease).isEqualTo(lease);
        RecordingListener listener = new RecordingListener();
        try (Watch ignored = store.watch(p, put + 1, listener)) {
            await().atMost(WAIT).until(() -> store.get(p + "session").isEmpty());
            await().atMost(WAIT).until(() -> !listener.events().isEmpty());
        }
        WatchEvent expiry = listener.events().getFirst();
        assertThat(expiry.type()).isEqualTo(WatchEvent.Type.DELETE);
        assertThat(expiry.key()).isEqualTo(p + "session");
        assertThatThrownBy(() -> store.keepAlive(lease)).isInstanceOf(StoreException.class);
    }

    @Test
    void keepAliveExtendsALease() {
        long lease = store.grantLease(Duration.ofSeconds(2));
        store.put(p + "session", v("alive"), lease);
        try {
            long until = System.nanoTime() + Duration.ofMillis(3500).toNanos();
            while (System.nanoTime() < until) {
                store.keepAlive(lease);
                sleep(500);
            }
            assertThat(store.get(p + "session")).as("kept past its TTL by keep-alives").isPresent();
        } finally {
            store.revokeLease(lease);
        }
    }

    @Test
    void revokingALeaseDeletesItsKeysAtOnceInOneRevision() {
        long lease = store.grantLease(Duration.ofSeconds(60));
        store.put(p + "a", v("a"), lease);
        long last = store.put(p + "b", v("b"), lease);
        store.put(p + "c", v("not leased"));
        RecordingListener listener = new RecordingListener();
        try (Watch ignored = store.watch(p, 0, listener)) {
            long before = store.currentRevision();
            store.revokeLease(lease);
            assertThat(store.get(p + "a")).isEmpty();
            assertThat(store.get(p + "b")).isEmpty();
            assertThat(store.get(p + "c")).isPresent();
            assertThat(store.currentRevision()).isEqualTo(before + 1);
            await().atMost(WAIT).until(() -> listener.events().size() >= 2);
            assertThat(listener.calls()).hasSize(1);
            assertThat(listener.events()).extracting(WatchEvent::type).containsOnly(WatchEvent.Type.DELETE);
            assertThat(listener.revisions()).containsOnly(before + 1);
        }
        assertThat(last).isLessThan(store.currentRevision());
        assertThatThrownBy(() -> store.keepAlive(lease)).isInstanceOf(StoreException.class)
                .hasMessageContaining("expired or was revoked");
        store.revokeLease(lease);
    }

    @Test
    void aPutOnAnUnknownLeaseFails() {
        long before = store.currentRevision();
        assertThatThrownBy(() -> store.put(p + "k", v("x"), 0x7777_1234_5678L)).isInstanceOf(StoreException.class);
        assertThat(store.currentRevision()).isEqualTo(before);
    }

    @Test
    void aPutWithoutLeaseDetachesTheKeyFromItsLease() {
        long lease = store.grantLease(Duration.ofSeconds(60));
        try {
            store.put(p + "k", v("leased"), lease);
            store.put(p + "k", v("mine now"));
            assertThat(store.get(p + "k").orElseThrow().lease()).isZero();
        } finally {
            store.revokeLease(lease);
        }
        assertThat(store.get(p + "k")).isPresent();
    }

    // ---- compaction

    @Test
    void aWatchFromACompactedRevisionFailsWithTheCompactRevision() {
        List<Long> revisions = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            revisions.add(store.put(p + i, v("x")));
        }
        long compactAt = revisions.get(2);
        store.compact(compactAt);
        store.compact(compactAt);
        assertThatThrownBy(() -> store.compact(store.currentRevision() + 10)).isInstanceOf(StoreException.class);

        for (long from : List.of(revisions.get(1), compactAt)) {
            RecordingListener listener = new RecordingListener();
            try (Watch ignored = store.watch(p, from, listener)) {
                await().atMost(WAIT).until(() -> !listener.errors().isEmpty());
                sleepBriefly();
            }
            assertThat(listener.errors()).singleElement().isInstanceOfSatisfying(CompactedException.class, e -> {
                assertThat(e.compactRevision()).isEqualTo(compactAt);
                assertThat(e.requestedRevision()).isEqualTo(from);
            });
            assertThat(listener.events()).isEmpty();
        }

        RecordingListener kept = new RecordingListener();
        try (Watch ignored = store.watch(p, compactAt + 1, kept)) {
            await().atMost(WAIT).until(() -> kept.events().size() >= 2);
            sleepBriefly();
        }
        assertThat(kept.revisions()).containsExactlyElementsOf(revisions.subList(3, 5));
        assertThat(kept.errors()).isEmpty();
    }

    @Test
    void describesWhereTheDataLives() {
        assertThat(store.describe()).matches("(embedded|etcd):.+");
    }

    /** Long enough for a wrongly delivered extra event to show up. */
    protected static void sleepBriefly() {
        sleep(200);
    }

    protected static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
