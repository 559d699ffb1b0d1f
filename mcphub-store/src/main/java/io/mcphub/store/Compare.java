package io.mcphub.store;

/**
 * A guard of a transaction. Only the comparison the hub needs: a key's mod revision equals an expected value, where
 * 0 means "the key does not exist" (as in etcd, an absent key compares with zero values).
 */
public record Compare(String key, long modRevision) {

    public static Compare modRevision(String key, long modRevision) {
        return new Compare(key, modRevision);
    }

    public static Compare absent(String key) {
        return new Compare(key, 0);
    }
}
