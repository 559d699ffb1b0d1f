package io.mcphub.gateway.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.mcphub.deploy.bridge.SseWriter;
import java.io.IOException;
import java.time.Duration;

/**
 * Serves a session's outbox as an event stream until the session ends, the client goes away or a newer stream of
 * the session takes over. Messages a failed write could not deliver go back to the outbox for the next stream.
 */
final class EventStreams {

    /** How often a waiting stream checks whether a newer one replaced it. */
    private static final Duration CHECK = Duration.ofMillis(500);

    @FunctionalInterface
    interface Opening {
        void write(SseWriter stream) throws IOException;
    }

    private EventStreams() {}

    static void serve(Context ctx, GatewaySession session, Duration keepAlive, Opening opening) throws IOException {
        Outbox outbox = session.outbox;
        long stream = outbox.openStream();
        try {
            SseWriter sse = SseWriter.open(ctx);
            opening.write(sse);
            long lastWrite = System.nanoTime();
            Duration wait = keepAlive.compareTo(CHECK) < 0 ? keepAlive : CHECK;
            while (outbox.isCurrent(stream)) {
                ObjectNode next = outbox.poll(wait);
                if (next == Outbox.CLOSED) {
                    return;
                }
                if (next != null && !outbox.isCurrent(stream)) {
                    outbox.putBack(next);
                    return;
                }
                try {
                    if (next != null) {
                        sse.send(next);
                        lastWrite = System.nanoTime();
                    } else if (System.nanoTime() - lastWrite >= keepAlive.toNanos()) {
                        sse.keepAlive();
                        lastWrite = System.nanoTime();
                    }
                } catch (IOException e) {
                    if (next != null) {
                        outbox.putBack(next);
                    }
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            outbox.closeStream(stream);
            session.touch();
        }
    }
}
