package io.mcphub.store;

import io.mcphub.store.embedded.SqliteStore;
import io.mcphub.store.etcd.EtcdStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Opens the store a spec names: {@code embedded} or {@code etcd://HOST:PORT[,HOST:PORT...]}. */
public final class Stores {

    public static final String EMBEDDED = "embedded";
    public static final String ETCD_SCHEME = "etcd://";
    static final String STORE_FILE = "store.db";

    private Stores() {}

    /**
     * @param spec    {@code embedded} for {@code dataDir/store.db} (the directory is created), or
     *                {@code etcd://HOST:PORT[,HOST:PORT...]}
     * @param dataDir where the embedded store keeps its file; unused for etcd
     */
    public static Store open(String spec, Path dataDir) {
        String trimmed = spec == null ? "" : spec.trim();
        if (trimmed.equals(EMBEDDED)) {
            return new SqliteStore(storeFile(dataDir));
        }
        if (trimmed.startsWith(ETCD_SCHEME) && trimmed.length() > ETCD_SCHEME.length()) {
            List<String> endpoints = Arrays.stream(trimmed.substring(ETCD_SCHEME.length()).split(","))
                    .map(String::trim)
                    .toList();
            try {
                return new EtcdStore(endpoints);
            } catch (IllegalArgumentException e) {
                throw unknown(spec);
            }
        }
        throw unknown(spec);
    }

    private static Path storeFile(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StoreException("cannot create the data directory " + dataDir + ": " + e.getMessage()
                    + "; create it or point the hub at a writable one", e);
        }
        return dataDir.resolve(STORE_FILE);
    }

    private static IllegalArgumentException unknown(String spec) {
        return new IllegalArgumentException("unknown store '" + spec + "': use 'embedded' or "
                + "'etcd://HOST:PORT[,HOST:PORT...]'");
    }
}
