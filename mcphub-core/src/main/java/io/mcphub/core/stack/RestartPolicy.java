package io.mcphub.core.stack;

import java.time.Duration;
import java.util.Objects;

/**
 * When an exited instance is started again, and how long to wait: the wait doubles from {@code initial} after each
 * restart in a row, up to {@code max}, so that a crash loop does not burn the node.
 */
public record RestartPolicy(Condition policy, Backoff backoff) {

    public static final RestartPolicy DEFAULT =
            new RestartPolicy(Condition.ALWAYS, new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60)));

    public enum Condition implements Spelled {
        ALWAYS,
        ON_FAILURE,
        NEVER
    }

    public record Backoff(Duration initial, Duration max) {
        public Backoff {
            Objects.requireNonNull(initial, "initial");
            Objects.requireNonNull(max, "max");
        }
    }

    public RestartPolicy {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(backoff, "backoff");
    }
}
