package io.mcphub.hub;

import io.mcphub.config.ConfigCenter;
import io.mcphub.hub.http.ApiRoutes;
import io.mcphub.hub.http.ApiServer;
import io.mcphub.security.auth.ApiTokens;
import io.mcphub.security.rbac.Permissions;
import io.mcphub.security.crypto.EnvelopeCipher;
import io.mcphub.security.crypto.MasterKey;
import io.mcphub.store.Store;
import io.mcphub.store.Stores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: opens the store, the master key and the services on top, then the HTTP API. Reading this
 * constructor top to bottom shows every component of a running hub.
 */
public final class Hub implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Hub.class);

    private final Store store;
    private final ApiServer server;
    private final String url;
    private final String adminToken;
    private final Path dataDir;

    private Hub(HubSettings settings) throws IOException {
        this.dataDir = settings.dataDir().toAbsolutePath();
        createPrivateDir(dataDir);
        this.store = Stores.open(settings.store(), dataDir);
        try {
            EnvelopeCipher cipher = new EnvelopeCipher(MasterKey.loadOrCreate(dataDir));
            ApiTokens tokens = new ApiTokens(store);
            ConfigCenter config = new ConfigCenter(store, cipher);
            this.server = new ApiServer(tokens, ApiRoutes.all(store, config, version(), Instant.now()));
            int port = server.start(settings.host(), settings.port());
            this.url = "http://" + hostForUrl(settings.host()) + ":" + port;
            this.adminToken = adminToken(tokens);
            CliEnv.write(dataDir, url, adminToken);
        } catch (RuntimeException | IOException e) {
            store.close();
            throw e;
        }
        LOG.info("hub ready url={} store={} dataDir={}", url, store.describe(), dataDir);
    }

    public static Hub start(HubSettings settings) {
        try {
            return new Hub(settings);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the hub in " + settings.dataDir() + ": " + e.getMessage(), e);
        }
    }

    public String url() {
        return url;
    }

    /** The admin API token of {@code cli.env}: for tests and the in-process agent, never for logs. */
    public String adminToken() {
        return adminToken;
    }

    public Path cliEnv() {
        return dataDir.resolve(CliEnv.FILE_NAME);
    }

    public Store store() {
        return store;
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            store.close();
            LOG.info("hub stopped url={}", url);
        }
    }

    /**
     * Keeps the admin token of an earlier start if it still authenticates (so shells that sourced cli.env keep
     * working across restarts); otherwise mints a new one. Never a fixed default.
     */
    private String adminToken(ApiTokens tokens) {
        return CliEnv.readToken(dataDir)
                .filter(t -> tokens.authenticate(t).map(p -> p.grants().contains(Permissions.ALL)).orElse(false))
                .orElseGet(() -> tokens.create("cli.env", "admin", Set.of(Permissions.ALL), null).token());
    }

    private static void createPrivateDir(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
    }

    private static String hostForUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private static String version() {
        String v = Hub.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
