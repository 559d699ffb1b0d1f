package io.mcphub.security.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcphub.core.Json;
import io.mcphub.store.Compare;
import io.mcphub.store.KeyValue;
import io.mcphub.store.Op;
import io.mcphub.store.Store;
import io.mcphub.store.StoreException;
import io.mcphub.store.StoreUnavailableException;
import io.mcphub.store.TxnResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends audit events: first to the store, which is the record, then to this hub's ndjson file, which is a copy for
 * shipping. Each event and the head key move together in one transaction guarded by the head's mod revision, so hub
 * replicas sharing one etcd extend one gap-free chain; a replica that loses the race re-reads the head and retries.
 * Appends are serialized within a process, which makes the cached head right almost always: the common case is one
 * transaction and one file write.
 *
 * <p>The file holds the whole chain, not only this replica's events: before writing its own event a replica copies
 * the events other replicas appended since its last write, and {@link #catchUpFile()} does the same on demand. A file
 * that is missing or empty at start — rotated away, say — continues from the store's head; one that ends with an
 * event of the chain is brought up to the head; one that ends with anything else is moved aside as evidence.
 */
public final class AuditLog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    private static final int MAX_ATTEMPTS = 1000;

    private final Store store;
    private final AuditFile file;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private StoredChain.Head head;
    private long fileSequence;
    private boolean fileFailing;

    /** Where an event landed in the chain. */
    public record Appended(long sequence, String hash) {}

    private record Sealed(long sequence, String hash, byte[] line) {}

    private AuditLog(Store store, AuditFile file, Clock clock) {
        this.store = store;
        this.file = file;
        this.clock = clock;
    }

    /** Opens the log on {@code store}, writing the file under {@code dataDir/audit/}. */
    public static AuditLog open(Store store, Path dataDir) {
        return open(store, dataDir, Clock.systemUTC());
    }

    /** As {@link #open(Store, Path)}, stamping events with {@code clock}. */
    public static AuditLog open(Store store, Path dataDir, Clock clock) {
        AuditFile file;
        try {
            file = AuditFile.open(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the audit file under " + dataDir.resolve(AuditFile.DIRECTORY)
                    + ": " + e.getMessage() + "; make the data directory writable by the hub", e);
        }
        AuditLog auditLog = new AuditLog(store, file, clock);
        try {
            auditLog.resumeFile();
        } catch (RuntimeException e) {
            auditLog.close();
            throw e;
        }
        return auditLog;
    }

    /** The ndjson file this hub appends to. */
    public Path file() {
        return file.path();
    }

    /**
     * Records {@code event} durably and returns its place in the chain. A store failure is thrown (the event is not
     * recorded); a file failure is only logged, and the file is repaired from the store on a later append.
     */
    public Appended append(AuditEvent event) {
        lock.lock();
        try {
            Sealed sealed = commit(event);
            copyToFile(sealed.sequence(), sealed.line());
            return new Appended(sealed.sequence(), sealed.hash());
        } finally {
            lock.unlock();
        }
    }

    /** Copies to the file the events other replicas appended since this one last wrote; cheap when there are none. */
    public void catchUpFile() {
        lock.lock();
        try {
            StoredChain.Head stored = StoredChain.head(store);
            if (stored.sequence() > head.sequence()) {
                head = stored;
            }
            copyToFile(stored.sequence(), null);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            file.close();
        } catch (IOException e) {
            log.warn("closing the audit file {} failed: {}", file.path(), e.getMessage());
        } finally {
            lock.unlock();
        }
    }

    private Sealed commit(AuditEvent event) {
        ObjectNode doc = EcsFormat.encode(event, clock.instant());
        for (int attempt = 1; ; attempt++) {
            long sequence = head.sequence() + 1;
            String hash = AuditChain.seal(doc, sequence, head.hash());
            byte[] line = Json.bytes(doc);
            String key = StoredChain.eventKey(sequence);
            StoredChain.Head next = new StoredChain.Head(sequence, hash, 0);
            TxnResult result = store.txn(
                    List.of(Compare.modRevision(StoredChain.HEAD, head.modRevision()), Compare.absent(key)),
                    List.of(Op.put(key, line), Op.put(StoredChain.HEAD, next.value())));
            if (result.succeeded()) {
                // The txn wrote the head, so its mod revision is the txn's revision: no read needed next time.
                head = new StoredChain.Head(sequence, hash, result.revision());
                return new Sealed(sequence, hash, line);
            }
            StoredChain.Head seen = StoredChain.head(store);
            if (seen.modRevision() == head.modRevision()) {
                throw new StoreException("audit event " + sequence + " is already stored although the audit head says "
                        + "the chain ends at " + head.sequence() + ": the head key was altered; run 'mcphub audit verify'");
            }
            head = seen;
            if (attempt == MAX_ATTEMPTS) {
                throw new StoreUnavailableException("could not append an audit event: other hub replicas won "
                        + MAX_ATTEMPTS + " times in a row; retry the request");
            }
            backOff(attempt);
        }
    }

    /** Spreads out replicas that keep colliding; the first retries go at once since a collision is usually single. */
    private static void backOff(int attempt) {
        if (attempt > 2) {
            LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1, Math.min(attempt, 20) * 100_000L));
        }
    }

    /** Writes the stored events after the file's last one up to {@code upTo}, ending with {@code own} if given. */
    private void copyToFile(long upTo, byte[] own) {
        try {
            file.followRotation();
            List<byte[]> lines = new ArrayList<>();
            long lastStored = own == null ? upTo : upTo - 1;
            for (Iterator<KeyValue> it = StoredChain.ascending(store, fileSequence + 1, lastStored); it.hasNext(); ) {
                lines.add(it.next().value());
            }
            if (own != null) {
                lines.add(own);
            }
            if (!lines.isEmpty()) {
                file.append(lines);
            }
            fileSequence = Math.max(fileSequence, upTo);
            if (fileFailing) {
                fileFailing = false;
                log.info("the audit file {} is writable again; it now reaches event {}", file.path(), fileSequence);
            }
        } catch (IOException | UncheckedIOException | StoreException e) {
            if (!fileFailing) {
                fileFailing = true;
                log.error("cannot append to the audit file {}: {}; the events are safe in the store and will be "
                        + "copied once the file is writable again", file.path(), e.getMessage());
            }
        }
    }

    private void resumeFile() {
        head = StoredChain.head(store);
        try {
            long dropped = file.dropCutShortTail();
            if (dropped > 0) {
                log.warn("{} ended with {} bytes of an event cut short, probably by a crash; dropped them, the event "
                        + "is copied again from the store", file.path(), dropped);
            }
            String last = file.lastLine();
            fileSequence = head.sequence();
            if (last == null) {
                return;
            }
            String foreign = notInChain(last);
            if (foreign != null) {
                Path aside = file.moveAside("orphaned-" + clock.millis());
                log.warn("{} {}; moved it to {} and started a new file at event {}", file.path(), foreign, aside,
                        head.sequence() + 1);
                return;
            }
            fileSequence = AuditChain.sequence(AuditChain.parse(last));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit file " + file.path() + ": " + e.getMessage()
                    + "; move it aside and restart the hub", e);
        }
        copyToFile(head.sequence(), null);
    }

    /** Why the file's last line cannot be continued by the store's chain, or null if it can. */
    private String notInChain(String lastLine) {
        ObjectNode doc = AuditChain.parse(lastLine);
        long sequence = doc == null ? -1 : AuditChain.sequence(doc);
        String hash = doc == null ? null : AuditChain.hash(doc);
        if (sequence < 0 || hash == null) {
            return "does not end with an audit event";
        }
        if (sequence > head.sequence()) {
            return "ends at event " + sequence + " but the store's chain ends at " + head.sequence()
                    + " (the store was replaced)";
        }
        Optional<KeyValue> stored = store.get(StoredChain.eventKey(sequence));
        ObjectNode storedDoc = stored.map(kv -> AuditChain.parse(kv.valueAsString())).orElse(null);
        if (storedDoc == null || !hash.equals(AuditChain.hash(storedDoc))) {
            return "ends with an event " + sequence + " that differs from the store's (the store was replaced or "
                    + "the file altered)";
        }
        return null;
    }
}
