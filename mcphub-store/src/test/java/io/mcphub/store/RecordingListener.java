package io.mcphub.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what a watch delivered, call by call, for assertions. */
public final class RecordingListener implements WatchListener {

    private final List<List<WatchEvent>> calls = new CopyOnWriteArrayList<>();
    private final List<StoreException> errors = new CopyOnWriteArrayList<>();
    private final List<String> threads = new CopyOnWriteArrayList<>();

    @Override
    public void onEvents(List<WatchEvent> events) {
        threads.add(Thread.currentThread().getName());
        calls.add(events);
    }

    @Override
    public void onError(StoreException error) {
        errors.add(error);
    }

    public List<List<WatchEvent>> calls() {
        return List.copyOf(calls);
    }

    public List<WatchEvent> events() {
        List<WatchEvent> all = new ArrayList<>();
        calls.forEach(all::addAll);
        return all;
    }

    public List<Long> revisions() {
        return events().stream().map(WatchEvent::revision).toList();
    }

    public List<String> keys() {
        return events().stream().map(WatchEvent::key).toList();
    }

    public List<StoreException> errors() {
        return List.copyOf(errors);
    }

    public List<String> threads() {
        return List.copyOf(threads);
    }
}
