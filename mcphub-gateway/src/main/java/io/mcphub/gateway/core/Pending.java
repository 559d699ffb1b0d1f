package io.mcphub.gateway.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcphub.gateway.CallEvent;
import io.mcphub.gateway.downstream.DownstreamSession;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A client request on its way through an instance. It is answered exactly once, by whoever comes first: the
 * instance, the call timeout, or the client's cancellation; when the gateway gives up on it, the instance is told
 * with {@code notifications/cancelled} and, if it does not acknowledge within the grace period, the exchange is
 * dropped.
 */
final class Pending {

    /** Why the gateway gave up on the request. */
    record Ending(CallEvent.Outcome outcome, String reason) {}

    final JsonNode clientId;
    private final Reply reply;
    private final ScheduledExecutorService timers;
    private final Duration grace;
    private final AtomicBoolean answered = new AtomicBoolean();
    private final AtomicReference<Ending> ending = new AtomicReference<>();
    private volatile DownstreamSession downstream;
    private volatile DownstreamSession.Exchange exchange;

    Pending(JsonNode clientId, Reply reply, ScheduledExecutorService timers, Duration grace) {
        this.clientId = clientId;
        this.reply = reply;
        this.timers = timers;
        this.grace = grace;
    }

    /** Answers the client unless someone already did; true for the one that did. */
    boolean answer(ObjectNode response) {
        if (!answered.compareAndSet(false, true)) {
            return false;
        }
        reply.respond(response);
        return true;
    }

    /** The request is about to go to {@code session} over {@code exchange}. */
    void attach(DownstreamSession session, DownstreamSession.Exchange exchange) {
        this.exchange = exchange;
        this.downstream = session;
        if (ending.get() != null) {
            exchange.abort();
        }
    }

    /**
     * Gives up on the request: answers the client with {@code answer} (null when the client is gone) and cancels the
     * request downstream. Only the first call counts.
     */
    void end(CallEvent.Outcome outcome, String reason, ObjectNode answer) {
        if (!ending.compareAndSet(null, new Ending(outcome, reason))) {
            return;
        }
        if (answer != null) {
            answer(answer);
        } else {
            answered.set(true);
        }
        DownstreamSession session = downstream;
        DownstreamSession.Exchange current = exchange;
        if (session != null && current != null) {
            session.cancel(clientId, reason);
            timers.schedule(current::abort, grace.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    Ending ending() {
        return ending.get();
    }
}
