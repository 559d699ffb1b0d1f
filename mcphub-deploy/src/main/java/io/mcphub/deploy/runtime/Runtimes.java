package io.mcphub.deploy.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The runtimes one node offers, by the name the scheduler chose ({@code process}, {@code docker},
 * {@code kubernetes}). Closing it closes each, newest first, so nothing any of them started outlives the agent.
 */
public final class Runtimes implements AutoCloseable {

    private final Map<String, Runtime> byName = Collections.synchronizedMap(new LinkedHashMap<>());

    public Runtimes add(Runtime runtime) {
        if (byName.putIfAbsent(runtime.name(), runtime) != null) {
            throw new IllegalArgumentException("runtime " + runtime.name() + " is already registered on this node");
        }
        return this;
    }

    public Optional<Runtime> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Set<String> names() {
        synchronized (byName) {
            return Set.copyOf(byName.keySet());
        }
    }

    @Override
    public void close() {
        List<Runtime> all;
        synchronized (byName) {
            all = new ArrayList<>(byName.values());
        }
        Collections.reverse(all);
        for (Runtime r : all) {
            r.close();
        }
    }
}
