package io.mcphub.core.stack;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * An enum as a stack spells it: lower case, words joined by '-' ({@code STREAMABLE_HTTP} is
 * {@code streamable-http}). Deriving the spelling from the constant keeps the two from drifting apart.
 */
public interface Spelled {

    String name();

    @JsonValue
    default String spelling() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
