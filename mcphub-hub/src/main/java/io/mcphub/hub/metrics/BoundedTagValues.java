package io.mcphub.hub.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The values one label may take, up to a limit; later new values share {@link #OVERFLOW}. Every distinct value is
 * a time series kept until the hub restarts (a histogram's are dozens), so a label fed by names that users create —
 * configuration keys, services — must not grow without bound.
 */
final class BoundedTagValues {

    /** Not a valid key or service name (those start with a letter or digit), so it cannot be mistaken for one. */
    static final String OVERFLOW = "_other";
    private static final Logger LOG = LoggerFactory.getLogger(BoundedTagValues.class);

    private final String label;
    private final int limit;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean warned = new AtomicBoolean();

    BoundedTagValues(String label, int limit) {
        this.label = label;
        this.limit = limit;
    }

    String of(String value) {
        if (seen.contains(value)) {
            return value;
        }
        synchronized (this) {
            if (seen.size() < limit) {
                seen.add(value);
                return value;
            }
        }
        if (warned.compareAndSet(false, true)) {
            LOG.warn("metrics: more than {} distinct values of label {}; further ones (first: {}) are counted as {}",
                    limit, label, value, OVERFLOW);
        }
        return OVERFLOW;
    }
}
