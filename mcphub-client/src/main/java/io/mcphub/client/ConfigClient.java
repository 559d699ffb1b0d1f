package io.mcphub.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Reads configuration documents from an MCP Hub and hot-reloads them in process:
 * <pre>{@code
 * try (ConfigClient config = ConfigClient.builder(URI.create(System.getenv("MCPHUB_URL")), System.getenv("MCPHUB_TOKEN"))
 *         .cacheDir(Path.of("/var/cache/payment")).build()) {
 *     config.watch("payment", doc -> settings.apply(doc.content()));
 * }
 * }</pre>
 * The token needs {@code read:config} on the keys watched. Thread safe; {@link #close} stops every watch. The
 * ConfigClients of one JVM built with the same connect timeout and CA share one JDK HttpClient.
 */
public final class ConfigClient implements AutoCloseable {

    private final URI hub;
    private final String token;
    /** Shared with the other ConfigClients of this JVM built with the same settings (see {@link SharedHttp}). */
    private final HttpClient http;
    private final SharedHttp.Settings httpSettings;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ObjectMapper json = new ObjectMapper();
    private final DocumentCache cache;
    private final boolean reveal;
    final Duration maxBackoff;
    private final Set<ConfigWatch> watches = ConcurrentHashMap.newKeySet();

    private ConfigClient(Builder b) {
        this.hub = URI.create(b.hub.toString().replaceAll("/+$", "") + "/");
        this.token = b.token;
        this.reveal = b.revealSecrets;
        this.maxBackoff = b.maxBackoff;
        this.cache = b.cacheDir == null ? null : new DocumentCache(b.cacheDir, json);
        SSLContext tls = b.caPem == null ? null : trusting(b.caPem); // read now: a bad CA file fails build(), not a later call
        // By the CA's content, not its path: a renewed file must not be served by a client trusting the old one.
        this.httpSettings = new SharedHttp.Settings(b.connectTimeout, b.caPem == null ? null : digest(b.caPem));
        this.http = SharedHttp.acquire(httpSettings, () -> {
            HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(b.connectTimeout)
                    // The selector thread finishes each chunk itself instead of handing it to a pool thread, which
                    // then hands it to the watch thread: one thread woken per chunk instead of two (a third less CPU
                    // per event on the watchers' side of bench/config-propagation.sh). Safe because no task given
                    // to this executor blocks: bodies are read as byte arrays or through ofInputStream's queue, and
                    // listeners run on the watch threads. TLS handshakes' delegated tasks run on the selector too.
                    .executor(Runnable::run);
            if (tls != null) {
                http.sslContext(tls);
            }
            return http.build();
        });
    }

    public static Builder builder(URI hub, String token) {
        return new Builder(hub, token);
    }

    /** The latest version of {@code key}, straight from the hub. */
    public ConfigDocument get(String key) {
        return fetch(key, null);
    }

    /**
     * Delivers the current version of {@code key} to {@code listener} before returning — from the hub, or from the
     * cache if the hub is unreachable (flagged {@link ConfigDocument#cached}) — then every new version as it is
     * published, in order, each exactly once, from a thread of its own. Outages are ridden out: the watch reconnects
     * with backoff and resumes after the last change it saw. Throws at once if the hub refuses the token or the key.
     */
    public AutoCloseable watch(String key, ConfigListener listener) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(listener, "listener");
        ConfigWatch watch = new ConfigWatch(this, key, listener);
        watches.add(watch);
        try {
            watch.start();
        } catch (RuntimeException e) {
            watches.remove(watch);
            throw e;
        }
        return () -> {
            watches.remove(watch);
            watch.close();
        };
    }

    @Override
    public void close() {
        watches.forEach(ConfigWatch::close);
        watches.clear();
        if (closed.compareAndSet(false, true)) {
            SharedHttp.release(httpSettings);
        }
    }

    // ---- what the watches share ----

    /** A version of {@code key} (null: the latest); a 404 means no such document, reported as such. */
    ConfigDocument fetch(String key, Long version) {
        String query = "?view=json" + (version == null ? "" : "&version=" + version) + (reveal ? "&reveal=true" : "");
        HttpResponse<byte[]> r = send(request("api/v1/config/docs/" + key + query).build(), HttpResponse.BodyHandlers.ofByteArray(), key);
        if (r.statusCode() != 200) {
            throw refused(r.statusCode(), r.body(), key);
        }
        long v = r.headers().firstValueAsLong("MCPHub-Version").orElseThrow(() -> new ConfigClientException(r.statusCode(),
                hub + " answered without an MCPHub-Version header; is this URL an MCP Hub?"));
        return received(new ConfigDocument(key, v, readTree(r.body()), false));
    }

    /** A version that came from the hub (by GET or in a watch event): kept in the cache for starts without the hub. */
    ConfigDocument received(ConfigDocument doc) {
        if (cache != null) {
            cache.write(doc);
        }
        return doc;
    }

    Optional<ConfigDocument> cached(String key) {
        return cache == null ? Optional.empty() : cache.read(key);
    }

    /**
     * Opens the change stream of the documents starting with {@code key}, after {@code lastRevision} (null: from now).
     * Its events carry each new version's content as the GET would return it (masked, or revealed when this client
     * reveals secrets and the token may), so a publish reaches the listener without a GET per watcher; an event
     * without content (too large, not revealable, or an older hub) is fetched instead.
     */
    HttpResponse<InputStream> openStream(String key, Long lastRevision, Long fromRevision) {
        HttpRequest.Builder b = request("api/v1/watch?prefix=" + URLEncoder.encode(key, StandardCharsets.UTF_8)
                + (fromRevision == null ? "" : "&fromRevision=" + fromRevision) + "&content=true"
                + (reveal ? "&reveal=true" : "")).header("Accept", "text/event-stream");
        if (lastRevision != null) {
            b.header("Last-Event-ID", Long.toString(lastRevision));
        }
        return send(b.build(), HttpResponse.BodyHandlers.ofInputStream(), key);
    }

    ConfigClientException refused(int status, byte[] body, String key) {
        String detail = problemDetail(body);
        return new ConfigClientException(status, switch (status) {
            case 401 -> "the hub at " + hub + " rejected the token (" + detail + "); pass a valid API token, e.g. one from"
                    + " 'mcphub token create --permission read:config'";
            case 403 -> detail.contains("read:secret")
                    ? "the token may not read the secrets of configuration " + key + " (" + detail + "); grant it read:secret on "
                            + key + ", or build the client without revealSecrets to get them masked"
                    : "the token may not read configuration " + key + " (" + detail + "); grant it read:config on " + key;
            case 404 -> "the hub has no configuration document " + key + " (" + detail + "); publish it or check the key";
            default -> "the hub at " + hub + " answered HTTP " + status + " for " + key + " (" + detail + ")";
        });
    }

    JsonNode readTree(byte[] body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new ConfigClientException("the hub at " + hub + " sent malformed JSON (" + e.getMessage() + "); is this URL an MCP Hub?", e);
        }
    }

    private String problemDetail(byte[] body) {
        try {
            JsonNode p = json.readTree(body);
            return p.hasNonNull("detail") ? p.get("detail").asText() : "no detail";
        } catch (IOException | RuntimeException e) {
            return "no detail";
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(hub.resolve(path)).header("Authorization", "Bearer " + token);
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler, String key) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            String why = e instanceof ConnectException ? "nothing answers there" : String.valueOf(e.getMessage());
            throw new HubUnreachableException("cannot reach the hub at " + hub + " for " + key + " (" + why
                    + "); check the URL and that the hub runs", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubUnreachableException("interrupted while asking the hub at " + hub + " for " + key, e);
        }
    }

    private static String digest(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the CA certificate " + file + " (" + e.getMessage()
                    + "); pass the hub's CA file (DATA_DIR/ca.pem)", e);
        }
    }

    private static SSLContext trusting(Path caPem) {
        try (InputStream in = Files.newInputStream(caPem)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int n = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca-" + n++, c);
            }
            if (n == 0) {
                throw new IllegalArgumentException(caPem + " holds no PEM certificate; pass the hub's CA file (DATA_DIR/ca.pem)");
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            return tls;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the CA certificate " + caPem + " (" + e.getMessage()
                    + "); pass the hub's CA file (DATA_DIR/ca.pem)", e);
        }
    }

    /** The hub could not be reached: a watch falls back on its cache and retries. */
    static final class HubUnreachableException extends ConfigClientException {
        HubUnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static final class Builder {
        private final URI hub;
        private final String token;
        private Path cacheDir;
        private Path caPem;
        private boolean revealSecrets;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration maxBackoff = Duration.ofSeconds(5);

        private Builder(URI hub, String token) {
            this.hub = Objects.requireNonNull(hub, "hub URL");
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException("no hub token given; pass an API token with read:config (e.g. $MCPHUB_TOKEN)");
            }
            this.token = token.trim();
        }

        /** Where the last version of each document is kept for starts while the hub is unreachable. */
        public Builder cacheDir(Path dir) {
            this.cacheDir = dir;
            return this;
        }

        /** Trust the hub's TLS certificate through this CA (PEM), e.g. the internal CA's {@code ca.pem}. */
        public Builder trustCa(Path caPemFile) {
            this.caPem = caPemFile;
            return this;
        }

        /** Fetch secrets in clear (the token then needs {@code read:secret}); by default they read as masked. */
        public Builder revealSecrets(boolean reveal) {
            this.revealSecrets = reveal;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        /** The longest wait between reconnection attempts (they start at 100 ms and double). */
        public Builder maxBackoff(Duration max) {
            this.maxBackoff = max;
            return this;
        }

        public ConfigClient build() {
            return new ConfigClient(this);
        }
    }
}
