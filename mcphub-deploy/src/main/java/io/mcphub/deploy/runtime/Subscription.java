package io.mcphub.deploy.runtime;

/** Ends a registration (a listener, a log follow); closing twice is harmless. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}
