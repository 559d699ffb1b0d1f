package io.mcphub.deploy.runtime.supervisor;

import java.time.Duration;

/** Exponential restart delay: initial, 2×, 4×, … capped at max; {@link #reset()} once the instance proved stable. */
final class Backoff {

    private final Duration initial;
    private final Duration max;
    private int failures;

    Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
    }

    /** The delay before the next start, counting this failure. */
    Duration next() {
        int exponent = Math.min(failures, 30);
        failures++;
        Duration delay = initial.multipliedBy(1L << exponent);
        return delay.compareTo(max) > 0 || delay.isNegative() ? max : delay;
    }

    void reset() {
        failures = 0;
    }
}
