package io.mcphub.security.audit;

import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import io.mcphub.security.audit.ChainWalker.Entry;
import io.mcphub.store.KeyValue;
import io.mcphub.store.Store;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Checks the audit chain offline on an ndjson file, or in the store. A file may start after event 1 (the lines before
 * were rotated into another file): its first line is then trusted as the anchor, and verifying the rotated files
 * concatenated in order checks across the seam. Removing the newest lines at the end of a file cannot be seen
 * offline; {@link #verifyStore} compares the chain with the head key, and a file's last sequence can be compared with
 * the hub's.
 */
public final class AuditVerifier {

    /**
     * The outcome. {@code events} counts the events verified (before the failure, if any); {@code firstBadSequence}
     * is the event that is altered or missing, {@code firstBadLine} its line in a file (0 in the store, or unknown);
     * {@code reason} says what is wrong in one sentence; {@code firstSequence} is the event the run starts at (0 when
     * empty).
     */
    public record Verification(boolean ok, long events, Long firstBadSequence, int firstBadLine, String reason,
                               long firstSequence) {

        static Verification passed(long events, long firstSequence) {
            return new Verification(true, events, null, 0, null, firstSequence);
        }

        static Verification failed(long events, long sequence, int line, String reason, long firstSequence) {
            return new Verification(false, events, sequence > 0 ? sequence : null, line, reason, firstSequence);
        }
    }

    private AuditVerifier() {}

    public static Verification verifyFile(Path file) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
            return new ChainWalker(false).walk(new Lines(in, endsWithoutNewline(file)));
        } catch (NoSuchFileException e) {
            throw new ProblemException(ProblemType.NOT_FOUND, "there is no audit file at " + file
                    + "; pass the path of DATA_DIR/audit/audit.ndjson or of a rotated copy");
        } catch (IOException | UncheckedIOException e) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "cannot read the audit file " + file + ": "
                    + e.getMessage() + "; check the path and that you may read it", List.of(), e);
        }
    }

    /** Verifies every stored event from 1 up to the head, and that the head names the last of them. */
    public static Verification verifyStore(Store store) {
        StoredChain.Head head = StoredChain.head(store);
        ChainWalker walker = new ChainWalker(true);
        Iterator<KeyValue> kvs = StoredChain.ascending(store, 1, head.sequence());
        Verification walked = walker.walk(new Iterator<>() {
            @Override
            public boolean hasNext() {
                return kvs.hasNext();
            }

            @Override
            public Entry next() {
                return Entry.stored(kvs.next());
            }
        });
        if (!walked.ok()) {
            return walked;
        }
        if (head.modRevision() == 0 && store.get(StoredChain.eventKey(1)).isPresent()) {
            return walker.fail(1, 0, "the head key " + StoredChain.HEAD + " is missing although events are stored "
                    + "— it was deleted");
        }
        if (walker.lastSequence() < head.sequence()) {
            long missing = walker.lastSequence() + 1;
            return walker.fail(missing, 0, "event " + missing + " is missing — the head says the chain reaches event "
                    + head.sequence());
        }
        if (head.sequence() > 0 && !head.hash().equals(walker.lastHash())) {
            return walker.fail(head.sequence(), 0, "event " + head.sequence() + ": the head records another hash — "
                    + "the event was altered and re-hashed, or replaced");
        }
        return walked;
    }

    private static boolean endsWithoutNewline(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() == 0) {
                return false;
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            ch.read(last, ch.size() - 1);
            return last.get(0) != '\n';
        }
    }

    /** File lines as entries, looking one line ahead to know which is the last. */
    private static final class Lines implements Iterator<Entry> {

        private final BufferedReader in;
        private final boolean lastCutShort;
        private String next;
        private int number;

        Lines(BufferedReader in, boolean lastCutShort) {
            this.in = in;
            this.lastCutShort = lastCutShort;
            this.next = read();
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public Entry next() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            String text = next;
            next = read();
            return Entry.line(++number, text, lastCutShort && next == null);
        }

        private String read() {
            try {
                return in.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
