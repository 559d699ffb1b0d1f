package io.mcphub.core.stack;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Reading and listing {@link Spelled} enums, for the parser and its messages. */
final class Spellings {

    private Spellings() {}

    static <E extends Enum<E> & Spelled> Optional<E> parse(Class<E> type, String text) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.spelling().equals(text)).findFirst();
    }

    static <E extends Enum<E> & Spelled> List<String> all(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Spelled::spelling).toList();
    }

    /** {@code process, docker, kubernetes or auto}. */
    static <E extends Enum<E> & Spelled> String choices(Class<E> type) {
        List<String> all = all(type);
        return all.size() == 1 ? all.get(0)
                : String.join(", ", all.subList(0, all.size() - 1)) + " or " + all.get(all.size() - 1);
    }
}
