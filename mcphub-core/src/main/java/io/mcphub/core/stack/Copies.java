package io.mcphub.core.stack;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/** Immutable copies that keep declaration order, so that a spec reads back the way it was written. */
final class Copies {

    private Copies() {}

    static <K, V> SequencedMap<K, V> map(Map<K, V> map) {
        return map == null ? Collections.unmodifiableSequencedMap(new LinkedHashMap<>())
                : Collections.unmodifiableSequencedMap(new LinkedHashMap<>(map));
    }

    static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
