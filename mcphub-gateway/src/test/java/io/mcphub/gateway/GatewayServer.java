package io.mcphub.gateway;

import static org.awaitility.Awaitility.await;

import io.javalin.Javalin;
import io.mcphub.deploy.bridge.McpHttpClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A gateway mounted on its own Javalin on a loopback port, as the hub mounts it on its API server. */
final class GatewayServer implements AutoCloseable {

    final Gateway gateway;
    final RecordingAudit audit = new RecordingAudit();
    private final Javalin app;
    final URI base;

    GatewayServer(Upstreams upstreams, GatewayOptions options, DownstreamTls tls, String... services) {
        this(upstreams, options, tls, RateLimiter.NONE, services);
    }

    GatewayServer(Upstreams upstreams, GatewayOptions options, DownstreamTls tls, RateLimiter limiter, String... services) {
        this.gateway = Gateway.builder(upstreams, new TestAuth()).audit(audit).tls(tls).rateLimiter(limiter)
                .options(options).build();
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.concurrency.useVirtualThreads = true;
            gateway.routes(config.routes);
        }).start("127.0.0.1", 0);
        this.base = URI.create("http://127.0.0.1:" + app.port());
        await().atMost(60, TimeUnit.SECONDS).until(() -> java.util.Arrays.stream(services).allMatch(gateway::listed));
    }

    GatewayServer(GatewayFixture fixture, GatewayOptions options) {
        this(fixture.upstreams, options, DownstreamTls.NONE, "everything", "memory", "everything-http");
    }

    URI url(String path) {
        return base.resolve(path);
    }

    /** A plain Streamable HTTP client of {@code path} with a bearer token. */
    McpHttpClient client(String path, String token) {
        return new McpHttpClient(url(path), HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
                Map.of("Authorization", "Bearer " + token));
    }

    @Override
    public void close() {
        gateway.close();
        app.stop();
    }
}
