package io.mcphub.gateway;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Keeps every call event, for tests to wait for the one they expect. */
final class RecordingAudit implements CallAudit {

    final List<CallEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void record(CallEvent event) {
        events.add(event);
    }

    /** The first event that matches, waiting for it up to 20 s (events are recorded after the answer). */
    CallEvent await(Predicate<CallEvent> match) {
        return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> events.stream().filter(match).findFirst().orElse(null), e -> e != null);
    }

    static Predicate<CallEvent> by(String actor, String tool) {
        return e -> actor.equals(e.actor()) && tool.equals(e.tool());
    }
}
