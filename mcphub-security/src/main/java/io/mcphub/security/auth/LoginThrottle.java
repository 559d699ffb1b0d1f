package io.mcphub.security.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing, per user name (one account attacked from many addresses) and per source address (one
 * address spraying many accounts). After {@value #MAX_FAILURES} failures within {@link #WINDOW}, every attempt is
 * refused — the right password too, or the refusal would itself confirm a guess — for a delay that starts at
 * {@link #FIRST_DELAY} and doubles with each further lockout up to {@link #MAX_DELAY}.
 *
 * <p>In memory: each hub throttles what it sees, and a restart forgives. That is enough to turn online guessing
 * into a crawl without a store write per attempt.
 */
public final class LoginThrottle {

    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration FIRST_DELAY = Duration.ofSeconds(30);
    static final Duration MAX_DELAY = Duration.ofMinutes(15);
    /** Names longer than any valid user name are cut, so junk input cannot grow the table's keys. */
    private static final int MAX_KEY_LENGTH = 64;
    /** Past this many tracked keys, idle ones are swept out before a new one is added. */
    private static final int SWEEP_THRESHOLD = 10_000;

    private final Clock clock;
    private final ConcurrentHashMap<String, Record> records = new ConcurrentHashMap<>();

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Throws {@link ThrottledException} if the user name or the address is locked out right now. */
    public void check(String user, String sourceIp) {
        Instant now = clock.instant();
        long wait = Math.max(waitSeconds(userKey(user), now), waitSeconds(ipKey(sourceIp), now));
        if (wait > 0) {
            throw new ThrottledException(wait);
        }
    }

    public void failure(String user, String sourceIp) {
        Instant now = clock.instant();
        if (records.size() > SWEEP_THRESHOLD) {
            records.values().removeIf(r -> r.idle(now));
        }
        records.computeIfAbsent(userKey(user), k -> new Record()).fail(now);
        records.computeIfAbsent(ipKey(sourceIp), k -> new Record()).fail(now);
    }

    /**
     * Clears the user name's record. The address keeps its failures until they age out: otherwise an attacker could
     * wipe his spraying record by logging in to an account of his own between guesses.
     */
    public void success(String user, String sourceIp) {
        records.remove(userKey(user));
    }

    private long waitSeconds(String key, Instant now) {
        Record record = records.get(key);
        return record == null ? 0 : record.waitSeconds(now);
    }

    private static String userKey(String user) {
        return "user:" + cut(user == null ? "" : user.toLowerCase(Locale.ROOT));
    }

    private static String ipKey(String sourceIp) {
        return "ip:" + cut(sourceIp == null ? "" : sourceIp);
    }

    private static String cut(String s) {
        return s.length() > MAX_KEY_LENGTH ? s.substring(0, MAX_KEY_LENGTH) : s;
    }

    /**
     * Failures of one key within the window, and its lockout state. Once locked, a key stays on a short leash: each
     * failure after a lockout ends locks it again, twice as long, until it has been quiet for a whole window after
     * the last lockout. Counting only the failures inside the window would hand out fresh attempts every time old
     * ones aged out during a long lockout.
     */
    private static final class Record {

        private final Deque<Instant> failures = new ArrayDeque<>();
        private Instant lockedUntil = Instant.MIN;
        private int lockouts;

        synchronized void fail(Instant now) {
            forgetOld(now);
            failures.addLast(now);
            if (!now.isBefore(lockedUntil) && (failures.size() >= MAX_FAILURES || lockouts > 0)) {
                Duration delay = FIRST_DELAY.multipliedBy(1L << Math.min(lockouts, 20));
                lockedUntil = now.plus(delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay);
                lockouts++;
            }
        }

        synchronized long waitSeconds(Instant now) {
            if (!now.isBefore(lockedUntil)) {
                return 0;
            }
            return Math.max(1, Duration.between(now, lockedUntil).plusMillis(999).toSeconds());
        }

        synchronized boolean idle(Instant now) {
            forgetOld(now);
            return failures.isEmpty() && lockouts == 0;
        }

        private void forgetOld(Instant now) {
            Instant horizon = now.minus(WINDOW);
            while (!failures.isEmpty() && failures.peekFirst().isBefore(horizon)) {
                failures.removeFirst();
            }
            if (failures.isEmpty() && lockouts > 0 && !lockedUntil.isAfter(horizon)) {
                lockouts = 0;
            }
        }
    }
}
