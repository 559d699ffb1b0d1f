package io.mcphub.hub.http;

import io.mcphub.security.auth.Authenticator;
import io.mcphub.security.auth.Principal;
import io.mcphub.store.Store;
import io.mcphub.store.StoreException;
import io.mcphub.store.Watch;
import io.mcphub.store.WatchEvent;
import io.mcphub.store.WatchListener;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a long-lived watch stream's caller as current as a fresh request's would be. A request is authenticated once,
 * but a stream lives for hours and may carry document content: a token revoked, a user deleted or a policy narrowed
 * must apply to the stream as well. Re-checking the token on every event would cost an authentication per stream per
 * publish (1,000 streams: 1,000 checks), so a stream re-checks only when something under the store's auth prefix
 * changed since its last check (one shared store watch counts those changes), and at least every
 * {@link #RECHECK_EVERY} anyway, which bounds how long an expired access token keeps a stream open.
 */
final class WatchAuth {

    private static final Logger LOG = LoggerFactory.getLogger(WatchAuth.class);

    /** Users, API tokens and policies live under here (see the security module's stores). */
    static final String AUTH_PREFIX = "/mcphub/auth/";
    /** Refresh tokens change on every login and refresh and never change what an access or API token may do. */
    private static final String REFRESH_PREFIX = AUTH_PREFIX + "refresh/";
    static final Duration RECHECK_EVERY = Duration.ofSeconds(30);

    private final Store store;
    private final Authenticator authenticator;
    private final AtomicLong changes = new AtomicLong();
    private final Object lock = new Object();
    /** Null until the first stream, and after the watch broke; written under lock. */
    private volatile Watch watch;

    WatchAuth(Store store, Authenticator authenticator) {
        this.store = store;
        this.authenticator = authenticator;
    }

    /**
     * The caller of a stream that starts now, or empty if the token no longer authenticates anybody. Authenticated
     * again here, after the count of changes is read, so that no change can fall between the check and the count.
     */
    Optional<Caller> caller(String bearer) {
        ensureWatching();
        long seen = changes.get();
        return authenticator.check(bearer) instanceof Authenticator.Authenticated ok
                ? Optional.of(new Caller(bearer, ok.principal(), seen)) : Optional.empty();
    }

    /** Whether the auth watch was running already (false: it has just been started, so changes may have been missed). */
    private boolean ensureWatching() {
        if (watch != null) {
            return true;
        }
        synchronized (lock) {
            if (watch != null) {
                return true;
            }
            changes.incrementAndGet(); // every stream's next event re-checks: changes may have been missed meanwhile
            watch = store.watch(AUTH_PREFIX, 0, new WatchListener() {
                @Override
                public void onEvents(List<WatchEvent> events) {
                    if (events.stream().anyMatch(e -> !e.key().startsWith(REFRESH_PREFIX))) {
                        changes.incrementAndGet();
                    }
                }

                @Override
                public void onError(StoreException error) {
                    LOG.warn("the auth watch behind the config watch streams broke ({}); it restarts with the next event",
                            error.getMessage());
                    synchronized (lock) {
                        watch = null;
                    }
                    changes.incrementAndGet();
                }
            });
            return false;
        }
    }

    /** One stream's caller. Used by that stream's thread only. */
    final class Caller {

        private final String bearer;
        private Principal principal;
        private long checkedAt;
        private long seenChanges;

        private Caller(String bearer, Principal principal, long seenChanges) {
            this.bearer = bearer;
            this.principal = principal;
            this.checkedAt = System.nanoTime();
            this.seenChanges = seenChanges;
        }

        /** The caller now, or empty if its token no longer authenticates anybody: the stream must end. */
        Optional<Principal> current() {
            long now = System.nanoTime();
            boolean watched = ensureWatching();
            long count = changes.get();
            if (watched && count == seenChanges && now - checkedAt < RECHECK_EVERY.toNanos()) {
                return Optional.of(principal);
            }
            seenChanges = count;
            checkedAt = now;
            if (authenticator.check(bearer) instanceof Authenticator.Authenticated ok) {
                principal = ok.principal();
                return Optional.of(principal);
            }
            return Optional.empty();
        }
    }
}
