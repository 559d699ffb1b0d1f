package io.mcphub.bench.gateway;

import java.util.Arrays;

/** Call latencies in nanoseconds, appended by one thread; merged after the phase that filled them. */
final class Samples {

    private long[] nanos = new long[4096];
    private int size;

    void add(long value) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = value;
    }

    int size() {
        return size;
    }

    void addAll(Samples other) {
        for (int i = 0; i < other.size; i++) {
            add(other.nanos[i]);
        }
    }

    /** Percentiles in milliseconds (nearest rank) of what was added, and the mean. */
    Stats stats() {
        if (size == 0) {
            throw new IllegalStateException("no calls were measured");
        }
        long[] sorted = Arrays.copyOf(nanos, size);
        Arrays.sort(sorted);
        double sum = 0;
        for (long n : sorted) {
            sum += n;
        }
        return new Stats(size, rank(sorted, 0.50), rank(sorted, 0.90), rank(sorted, 0.99), sum / size / 1e6);
    }

    private static double rank(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    record Stats(int calls, double p50, double p90, double p99, double mean) {}
}
