package io.mcphub.core.stack;

/**
 * What one instance needs; the scheduler only places it on a node with this much free.
 *
 * @param cpu      cores, fractions allowed; null if not said
 * @param memoryMb MiB; null if not said
 */
public record Resources(Double cpu, Long memoryMb) {

    public static final Resources UNSPECIFIED = new Resources(null, null);
}
