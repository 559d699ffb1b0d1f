package io.mcphub.hub.settings;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.config.ConfigCenter;
import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import io.mcphub.hub.cluster.ChangeFeed;
import io.mcphub.store.Store;
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
    private final long loadedAfter;
    private volatile Thread watcher;

    /** Reads the document now; {@code absent} stands for it while it is not published. */
    public LiveDocument(Store store, ConfigCenter config, String key, Function<JsonNode, T> parse, T absent) {
        this.config = config;
        this.key = key;
        this.parse = parse;
        this.current = absent;
        this.feed = new ChangeFeed(store, List.of(ConfigCenter.headKey(key)));
        this.loadedAfter = feed.revision(); // taken before the read: a publish meanwhile is read again, never missed
        this.current = load();
    }

    public T current() {
        return current;
    }

    /** From now on, {@code listener} gets the settings after each publish that parses. */
    public LiveDocument<T> onChange(Consumer<T> listener) {
        watcher = feed.follow("live-" + key, loadedAfter, () -> {
            T before = current;
            current = load();
            if (current != before) {
                listener.accept(current);
            }
        });
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

    @Override
    public void close() {
        Thread t = watcher;
        if (t != null) {
            t.interrupt();
        }
        feed.close();
    }
}
