package io.mcphub.security.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import io.mcphub.store.KeyValue;
import io.mcphub.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Searches the stored trail, newest first. It walks back from the head one block of keys at a time and stops as soon
 * as it has {@code limit} matches or has passed {@code since}, so the usual question — what happened lately — reads
 * only the newest keys however long the trail is.
 */
public final class AuditQuery {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    /** How far apart the clocks of two hub replicas may be before a search by time can miss an event. */
    static final long CLOCK_SKEW_SECONDS = 60;

    private final Store store;

    public AuditQuery(Store store) {
        this.store = store;
    }

    /**
     * Events matching every given filter (null matches anything), newest first, each as stored (an ECS object).
     *
     * @param action  exact, or a prefix ending in {@code .} such as {@code config.}
     * @param resource exact, {@code NAME/*} for NAME and everything below, or {@code *} for any
     * @param outcome {@code success} or {@code failure}
     * @param since   inclusive
     * @param until   inclusive
     * @param limit   1..{@value #MAX_LIMIT}; 0 or less means {@value #DEFAULT_LIMIT}
     * @throws ProblemException (400) for a bad outcome, since after until, or a limit over the maximum
     */
    public List<ObjectNode> search(String actor, String action, String resource, String outcome, Instant since,
                                   Instant until, int limit) {
        if (limit > MAX_LIMIT) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "limit " + limit + " is over the maximum of "
                    + MAX_LIMIT + "; narrow the search with since/until instead");
        }
        AuditFilter filter = new AuditFilter(blankToNull(actor), blankToNull(action), blankToNull(resource),
                blankToNull(outcome), since, until);
        int wanted = limit <= 0 ? DEFAULT_LIMIT : limit;
        List<ObjectNode> found = new ArrayList<>();
        Iterator<KeyValue> newestFirst =
                StoredChain.descending(store, 1, StoredChain.head(store).sequence());
        while (found.size() < wanted && newestFirst.hasNext()) {
            ObjectNode doc = AuditChain.parse(newestFirst.next().valueAsString());
            if (doc == null) {
                continue;
            }
            if (filter.olderThanWindow(doc, CLOCK_SKEW_SECONDS)) {
                break;
            }
            if (filter.matches(doc)) {
                found.add(doc);
            }
        }
        return found;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
