package io.mcphub.cli.hub;

import io.mcphub.cli.common.CliContext;
import io.mcphub.cli.common.CliException;
import io.mcphub.cli.common.ExitCodes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The CLI's only door to the hub: adds the bearer token, traces each exchange when {@code MCP_DEBUG=1} (method, URL,
 * status, time — never the token), and turns every failure into a {@link CliException} with the right exit code.
 */
public final class HubClient implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** A batch push validates every document before its one write; give it time rather than failing half-known. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

    private final HubTarget target;
    private final CliContext ctx;
    private final HttpClient http;
    private final String userAgent;

    public HubClient(HubTarget target, CliContext ctx, String version) {
        this.target = target;
        this.ctx = ctx;
        this.userAgent = "mcphub-cli/" + version;
        // HTTP/1.1: the h2c upgrade dance buys nothing for one request per process.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public HubTarget target() {
        return target;
    }

    public HubResponse send(HubRequest request) {
        URI uri = target.resolve(request.pathAndQuery());
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + target.token())
                .header("User-Agent", userAgent)
                .header("Accept", "application/json, application/yaml;q=0.9, */*;q=0.5");
        if (request.body() != null) {
            builder.header("Content-Type", request.contentType())
                    .method(request.method(), HttpRequest.BodyPublishers.ofString(request.body()));
        } else {
            builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
        }
        long start = System.nanoTime();
        HttpResponse<byte[]> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            ctx.debug(request.method() + " " + uri + " → failed: " + Unreachable.reason(e) + " (" + millis(start) + " ms)");
            throw Unreachable.of(target.url(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.FAILED, "interrupted while waiting for the hub at " + target.url()
                    + "; the operation may or may not have happened, check with 'mcphub config history'", e);
        }
        ctx.debug(request.method() + " " + uri + " → " + response.statusCode() + " (" + millis(start) + " ms)");
        if (response.statusCode() >= 400) {
            Problem problem = Problem.parse(response.statusCode(), response.body());
            if (problem.requestId() != null) {
                ctx.debug("request id " + problem.requestId());
            }
            throw problem.toException(request);
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        return new HubResponse(response.statusCode(), uri, contentType, response.body());
    }

    /**
     * Stops the client's selector thread at once. Without it the JVM's exit waits ~300 ms for that thread, which
     * is most of a CLI verb's run time.
     */
    @Override
    public void close() {
        http.shutdownNow();
    }

    private static long millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
