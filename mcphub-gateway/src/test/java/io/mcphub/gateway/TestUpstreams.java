package io.mcphub.gateway;

import io.mcphub.deploy.runtime.Subscription;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Upstreams as a test arranges them: services put and removed by hand, listeners told at once, as the hub would. */
final class TestUpstreams implements Upstreams {

    private final Map<String, UpstreamService> services = new ConcurrentSkipListMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    TestUpstreams put(UpstreamService service) {
        services.put(service.name(), service);
        listeners.forEach(Runnable::run);
        return this;
    }

    void remove(String name) {
        services.remove(name);
        listeners.forEach(Runnable::run);
    }

    UpstreamService get(String name) {
        return services.get(name);
    }

    @Override
    public List<UpstreamService> services() {
        return List.copyOf(services.values());
    }

    @Override
    public Subscription onChange(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
