package io.mcphub.hub.settings;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.config.ConfigCenter;
import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import io.mcphub.hub.cluster.ChangeFeed;
import io.mcphub.store.Store;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A configuration-center document the hub itself runs on ({@code reload: live} for hub components): read at start
 * and again on every publish, without a restart. A version that does not parse is refused with its JSON path in the
 * hub's log and the previous settings stay — a bad publish cannot break the hub.
 */
public final class LiveDocument<T> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveDocument.class);

    private final ConfigCenter config;
    private final String key;
    private final Function<JsonNode, T> parse;
    private final ChangeFeed feed;
    private volatile T current;
    private volatile Thread watcher;
    private volatile boolean closed;

    /** Reads the document now; {@code absent} stands for it while it is not published. */
    public LiveDocument(Store store, ConfigCenter config, String key, Function<JsonNode, T> parse, T absent) {
        this.config = config;
        this.key = key;
        this.parse = parse;
        this.current = absent;
        this.current = load();
        this.feed = new ChangeFeed(store, List.of(ConfigCenter.headKey(key)));
    }

    public T current() {
        return current;
    }

    /** From now on, {@code listener} gets the settings after each publish that parses. */
    public LiveDocument<T> onChange(Consumer<T> listener) {
        watcher = Thread.ofVirtual().name("live-" + key).start(() -> watch(listener));
        return this;
    }

    private T load() {
        try {
            return parse.apply(config.get(key, null, false).json());
        } catch (ProblemException e) {
            if (e.type() != ProblemType.NOT_FOUND) {
                LOG.error("ignoring version of config {}: {}; the previous settings stay — fix it with 'mcphub config set {} -f FILE'",
                        key, e.detail(), key);
            }
            return current;
        } catch (IllegalArgumentException e) {
            LOG.error("ignoring version of config {}: {}; the previous settings stay — fix it with 'mcphub config set {} -f FILE'",
                    key, e.getMessage(), key);
            return current;
        }
    }

    private void watch(Consumer<T> listener) {
        long seen = feed.revision();
        while (!closed) {
            try {
                long now = feed.awaitAfter(seen, Duration.ofSeconds(30));
                if (now != seen) {
                    seen = now;
                    T before = current;
                    current = load();
                    if (current != before) {
                        listener.accept(current);
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("applying config {} failed: {}", key, e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        Thread t = watcher;
        if (t != null) {
            t.interrupt();
        }
        feed.close();
    }
}
