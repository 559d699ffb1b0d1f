package io.mcphub.store.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.Lease;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.mcphub.store.Compare;
import io.mcphub.store.KeyValue;
import io.mcphub.store.Op;
import io.mcphub.store.RangeResult;
import io.mcphub.store.Store;
import io.mcphub.store.StoreException;
import io.mcphub.store.TxnResult;
import io.mcphub.store.Watch;
import io.mcphub.store.WatchListener;
import io.mcphub.store.support.Keys;
import io.mcphub.store.support.TxnChecks;
import io.mcphub.store.support.WatchArguments;
import io.mcphub.store.support.WatchDelivery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Store} on etcd v3. Every call is the etcd primitive of the same name, bounded by a timeout; watches
 * resume on their own after a broken stream or an etcd restart (see {@link EtcdWatch}).
 *
 * <p>Differences from etcd that the SPI imposes: {@link #compact} drops the given revision too (etcd keeps it), and
 * revoking an unknown lease is not an error. etcd's own floor applies to lease TTLs: it grants at least about 1.5
 * election timeouts (2 s with default settings).
 */
public final class EtcdStore implements Store {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(EtcdStore.class);
    private static final Pattern HOST_PORT = Pattern.compile("[^\\s:/,]+:\\d{1,5}|\\[[0-9a-fA-F:.]+]:\\d{1,5}");
    /** etcd refuses an empty key; "\0" is the smallest key it accepts. */
    private static final ByteSequence SMALLEST_KEY = ByteSequence.from(new byte[] {0});
    private static final int RANGE_PAGE = 1000;

    private final List<String> endpoints;
    private final EtcdCalls calls;
    private final Client client;
    private final KV kv;
    private final Lease leases;
    private final ScheduledExecutorService watchScheduler;
    private final Set<EtcdWatch> watches = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Connects over plain HTTP to {@code endpoints}, each {@code host:port}. */
    public EtcdStore(List<String> endpoints) {
        this(endpoints, DEFAULT_TIMEOUT, builder -> {});
    }

    /**
     * @param endpoints  etcd client endpoints, each {@code host:port}
     * @param timeout    bound on every call; past it the call fails with a StoreUnavailableException
     * @param customizer has the last word on the jetcd client before it is built: TLS ({@code sslContext}), auth
     */
    public EtcdStore(List<String> endpoints, Duration timeout, Consumer<ClientBuilder> customizer) {
        if (endpoints.isEmpty() || !endpoints.stream().allMatch(e -> HOST_PORT.matcher(e).matches())) {
            throw new IllegalArgumentException("etcd endpoints must be host:port, got " + endpoints);
        }
        this.endpoints = List.copyOf(endpoints);
        this.calls = new EtcdCalls(this.endpoints, timeout);
        ClientBuilder builder = Client.builder()
                .endpoints(this.endpoints.stream().map(e -> "http://" + e).toArray(String[]::new))
                .connectTimeout(timeout)
                .interceptor(new CallDeadlines(timeout));
        customizer.accept(builder);
        this.client = builder.build();
        this.kv = client.getKVClient();
        this.leases = client.getLeaseClient();
        this.watchScheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("mcphub-etcd-watch-resume").factory());
        try {
            long revision = currentRevision();
            log.info("etcd store {} connected at revision {}", describe(), revision);
        } catch (StoreException e) {
            close();
            throw e;
        }
    }

    @Override
    public long currentRevision() {
        ensureOpen();
        GetOption countOnly = GetOption.builder().withCountOnly(true).build();
        return calls.await(kv.get(SMALLEST_KEY, countOnly), "reading the revision").getHeader().getRevision();
    }

    @Override
    public Optional<KeyValue> get(String key) {
        ensureOpen();
        GetResponse response = calls.await(kv.get(bytes(key)), "get " + key);
        return response.getKvs().stream().findFirst().map(EtcdStore::keyValue);
    }

    /** Pages through large prefixes, all pages at the first page's revision so that the result is one snapshot. */
    @Override
    public RangeResult range(String prefix) {
        ensureOpen();
        ByteSequence end = rangeEnd(prefix);
        ByteSequence start = rangeStart(prefix);
        List<KeyValue> kvs = new ArrayList<>();
        long revision = 0;
        while (true) {
            GetOption.Builder option = GetOption.builder().withRange(end).withLimit(RANGE_PAGE);
            if (revision != 0) {
                option.withRevision(revision);
            }
            GetResponse page = calls.await(kv.get(start, option.build()), "range " + prefix);
            if (revision == 0) {
                revision = page.getHeader().getRevision();
            }
            page.getKvs().forEach(found -> kvs.add(keyValue(found)));
            if (!page.isMore() || page.getKvs().isEmpty()) {
                return new RangeResult(List.copyOf(kvs), revision);
            }
            start = page.getKvs().getLast().getKey().concat(SMALLEST_KEY);
        }
    }

    @Override
    public long put(String key, byte[] value, long lease) {
        ensureOpen();
        return calls.await(kv.put(bytes(key), ByteSequence.from(value), putOption(lease)), "put " + key)
                .getHeader().getRevision();
    }

    @Override
    public boolean delete(String key) {
        ensureOpen();
        return calls.await(kv.delete(bytes(key)), "delete " + key).getDeleted() > 0;
    }

    @Override
    public TxnResult txn(List<Compare> compares, List<Op> ops) {
        ensureOpen();
        TxnChecks.rejectDuplicateKeys(ops);
        Cmp[] cmps = compares.stream()
                .map(c -> new Cmp(bytes(c.key()), Cmp.Op.EQUAL, CmpTarget.modRevision(c.modRevision())))
                .toArray(Cmp[]::new);
        io.etcd.jetcd.op.Op[] writes = ops.stream().map(EtcdStore::etcdOp).toArray(io.etcd.jetcd.op.Op[]::new);
        TxnResponse response = calls.await(kv.txn().If(cmps).Then(writes).commit(), "txn");
        return new TxnResult(response.isSucceeded(), response.getHeader().getRevision());
    }

    @Override
    public Watch watch(String prefix, long fromRevision, WatchListener listener) {
        WatchArguments.check(prefix, fromRevision, listener);
        // A concrete start, so that a resumed watch knows where "now" was and a write right after this call is seen.
        long from = fromRevision == 0 ? currentRevision() + 1 : fromRevision;
        ensureOpen();
        EtcdWatch watch = new EtcdWatch(client.getWatchClient(), watchScheduler, prefix, from,
                new WatchDelivery(prefix, listener), watches::remove);
        watches.add(watch);
        watch.open();
        return watch;
    }

    @Override
    public long grantLease(Duration ttl) {
        ensureOpen();
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a lease needs a positive TTL, not " + ttl);
        }
        long seconds = Math.max(1, (ttl.toMillis() + 999) / 1000);
        return calls.await(leases.grant(seconds), "grant lease").getID();
    }

    @Override
    public void keepAlive(long lease) {
        ensureOpen();
        try {
            calls.await(leases.keepAliveOnce(lease), "keep lease " + lease + " alive");
        } catch (StoreException e) {
            if (isNotFound(e)) {
                throw new StoreException("lease " + lease
                        + " has expired or was revoked: grant a new lease and put its keys again", e);
            }
            throw e;
        }
    }

    /** Revokes a lease, deleting its keys at one revision; revoking an unknown or expired lease does nothing. */
    @Override
    public void revokeLease(long lease) {
        ensureOpen();
        try {
            calls.await(leases.revoke(lease), "revoke lease " + lease);
        } catch (StoreException e) {
            if (!isNotFound(e)) {
                throw e;
            }
        }
    }

    /**
     * etcd keeps the revision it compacts at (a watch may start there, though its deletes are gone), while the SPI
     * drops it; so this compacts at the next revision. etcd cannot compact beyond its head, so compacting the current
     * revision leaves that one revision watchable. Compacting an already compacted revision does nothing.
     */
    @Override
    public void compact(long revision) {
        long current = currentRevision();
        if (revision > current) {
            throw new StoreException("cannot compact revision " + revision + ": the current revision is " + current);
        }
        long etcdRevision = revision < current ? revision + 1 : revision;
        try {
            calls.await(kv.compact(etcdRevision), "compact " + revision);
        } catch (StoreException e) {
            if (!EtcdCalls.isCompacted(e.getCause())) {
                throw e;
            }
        }
    }

    @Override
    public String describe() {
        return "etcd://" + String.join(",", endpoints);
    }

    /** Ends the watches without calling their listeners, and disconnects. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List.copyOf(watches).forEach(EtcdWatch::close);
        watchScheduler.shutdownNow();
        client.close();
    }

    static ByteSequence rangeStart(String prefix) {
        return prefix.isEmpty() ? SMALLEST_KEY : bytes(prefix);
    }

    /** For the empty prefix, "\0": etcd's "no upper bound", which also takes keys that are not UTF-8. */
    static ByteSequence rangeEnd(String prefix) {
        return prefix.isEmpty() ? SMALLEST_KEY : ByteSequence.from(Keys.prefixEnd(Keys.bytes(prefix)));
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreException("the etcd store " + describe() + " is closed");
        }
    }

    private static boolean isNotFound(StoreException e) {
        return e.getCause() != null && "NOT_FOUND".equals(EtcdCalls.code(e.getCause()));
    }

    private static io.etcd.jetcd.op.Op etcdOp(Op op) {
        return switch (op) {
            case Op.Put put -> io.etcd.jetcd.op.Op.put(bytes(put.key()), ByteSequence.from(put.value()),
                    putOption(put.lease()));
            case Op.Delete delete -> io.etcd.jetcd.op.Op.delete(bytes(delete.key()), DeleteOption.DEFAULT);
        };
    }

    private static PutOption putOption(long lease) {
        return lease == 0 ? PutOption.DEFAULT : PutOption.builder().withLeaseId(lease).build();
    }

    private static ByteSequence bytes(String key) {
        return ByteSequence.from(Keys.bytes(key));
    }

    private static KeyValue keyValue(io.etcd.jetcd.KeyValue kv) {
        return new KeyValue(Keys.string(kv.getKey().getBytes()), kv.getValue().getBytes(), kv.getCreateRevision(),
                kv.getModRevision(), kv.getVersion(), kv.getLease());
    }
}
