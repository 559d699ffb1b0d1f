package io.mcphub.gateway;

import io.mcphub.deploy.runtime.Subscription;
import java.util.List;

/**
 * The services the gateway exposes and where their instances are. The hub implements it from its instance records
 * and agent reports; the gateway reads {@link #services()} once at start and again after every change it is told
 * of, so the call may be expensive, but a change must be reported (instances coming, going, turning healthy or
 * unhealthy, services added or removed).
 */
public interface Upstreams {

    /** The current set; a service without healthy instances may be listed and is then not offered. */
    List<UpstreamService> services();

    /** {@code listener} runs (on any thread) after each change; it should return quickly. */
    Subscription onChange(Runnable listener);
}
