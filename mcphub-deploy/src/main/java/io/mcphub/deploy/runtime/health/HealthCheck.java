package io.mcphub.deploy.runtime.health;

/** One way to ask a running instance whether it works. A check returns within its timeout and never throws. */
@FunctionalInterface
public interface HealthCheck extends AutoCloseable {

    HealthResult check();

    @Override
    default void close() {}
}
