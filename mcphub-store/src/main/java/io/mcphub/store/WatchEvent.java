package io.mcphub.store;

/**
 * A change seen by a watch. For a {@link Type#DELETE} the value is empty and {@code revision} is the revision of the
 * delete; for a {@link Type#PUT} it is the key's new mod revision.
 */
public record WatchEvent(Type type, String key, byte[] value, long revision, long createRevision, long version) {

    public enum Type { PUT, DELETE }
}
