package io.mcphub.store;

import java.util.List;

/** Keys under a prefix, in key order, as of {@code revision}. */
public record RangeResult(List<KeyValue> kvs, long revision) {}
