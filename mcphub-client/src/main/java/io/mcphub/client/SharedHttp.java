package io.mcphub.client;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The JDK {@link HttpClient}s of the {@link ConfigClient}s in one JVM, one per distinct setting (connect timeout and
 * trusted CA), shared and closed with the last client using it. Each HttpClient runs a selector thread of its own and
 * wakes it, and a pool thread, for every chunk it reads: a process with many ConfigClients (several modules, or the
 * propagation bench's thousand) would otherwise spend more on waking threads than on reading configuration.
 */
final class SharedHttp {

    /** What makes two ConfigClients' HttpClients interchangeable; {@code caSha256} null: the JDK's default trust. */
    record Settings(Duration connectTimeout, String caSha256) {}

    private record Entry(HttpClient http, int users) {}

    private static final Map<Settings, Entry> CLIENTS = new HashMap<>();

    private SharedHttp() {}

    /** The HttpClient for {@code settings}, built by {@code build} if no client holds one; {@link #release} it after. */
    static synchronized HttpClient acquire(Settings settings, Supplier<HttpClient> build) {
        Entry e = CLIENTS.get(settings);
        e = e == null ? new Entry(build.get(), 1) : new Entry(e.http(), e.users() + 1);
        CLIENTS.put(settings, e);
        return e.http();
    }

    /** One user less; the last one closes the HttpClient, and a later acquire builds a new one. */
    static void release(Settings settings) {
        HttpClient last = null;
        synchronized (SharedHttp.class) {
            Entry e = CLIENTS.get(settings);
            if (e == null) {
                return;
            }
            if (e.users() > 1) {
                CLIENTS.put(settings, new Entry(e.http(), e.users() - 1));
            } else {
                CLIENTS.remove(settings);
                last = e.http();
            }
        }
        if (last != null) {
            last.close(); // outside the lock: it waits for requests still under way
        }
    }

    /** How many HttpClients are open, for tests. */
    static synchronized int open() {
        return CLIENTS.size();
    }
}
