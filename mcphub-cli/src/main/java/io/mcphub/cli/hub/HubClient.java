package io.mcphub.cli.hub;

import io.mcphub.cli.common.CliContext;
import io.mcphub.cli.common.CliException;
import io.mcphub.cli.common.ExitCodes;
import io.mcphub.cli.common.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The CLI's only door to the hub: adds the bearer token (renewing a login's when it has expired), traces each
 * exchange when {@code MCP_DEBUG=1} (method, URL, status, time — never a token), and turns every failure into a
 * {@link CliException} with the right exit code.
 */
public final class HubClient implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** A batch push validates every document before its one write; give it time rather than failing half-known. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);
    private static final String REFRESH = "/api/v1/auth/refresh";

    private final HubTarget target;
    private final CliContext ctx;
    private final HttpClient http;
    private final String userAgent;
    private boolean renewed;

    public HubClient(HubTarget target, CliContext ctx, String version) {
        this.target = target;
        this.ctx = ctx;
        this.userAgent = "mcphub-cli/" + version;
        // HTTP/1.1: the h2c upgrade dance buys nothing for one request per process.
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER);
        CaTrust.fromFile(ctx.env("MCPHUB_CA_FILE")).ifPresent(builder::sslContext);
        this.http = builder.build();
    }

    public HubTarget target() {
        return target;
    }

    /**
     * Sends the request with the target's token. A login from the config file is renewed first when its access
     * token has expired, or after the hub refused it, and the request is then sent once more.
     */
    public HubResponse send(HubRequest request) {
        Credentials credentials = target.credentials();
        LoginSession login = credentials instanceof LoginSession s ? s : null;
        if (login != null && Renewal.beforeSending(login.session().renewable(), login.session().accessExpiresAt(),
                renewed, Instant.now())) {
            ctx.debug("the access token has expired; renewing the login");
            renew(login);
        }
        Exchange answer = exchange(request, credentials.token());
        if (login != null && Renewal.afterAnswer(answer.status(), login.session().renewable(), renewed)) {
            ctx.debug("the hub refused the access token; renewing the login and sending the request again");
            renew(login);
            answer = exchange(request, credentials.token());
        }
        return accept(request, answer, credentials);
    }

    private void renew(LoginSession login) {
        renewed = true;
        login.renew(refreshToken -> {
            HubRequest call = HubRequest.post(REFRESH).json(Json.object().put("refresh_token", refreshToken));
            Exchange answer = exchange(call, null);
            if (answer.status() == 400 || answer.status() == 401) {
                debugProblem(answer);
                throw CliException.failed("your login to " + target.url() + " has expired; run 'mcphub login' again");
            }
            return accept(call, answer, Credentials.NONE).json();
        }, Instant.now());
    }

    private Exchange exchange(HubRequest request, String token) {
        HttpRequest call = build(request, token, REQUEST_TIMEOUT);
        HttpResponse<byte[]> response = send(request, call, HttpResponse.BodyHandlers.ofByteArray());
        return new Exchange(response.statusCode(), call.uri(), response.headers().firstValue("Content-Type").orElse(""),
                response.headers().firstValue("Retry-After").orElse(null), response.body());
    }

    /**
     * Sends a request whose answer is a stream of lines (a followed log) and hands each line to {@code sink} as it
     * arrives, for as long as the hub keeps the response open: no request timeout applies. A refusal is reported
     * like any other.
     */
    public void streamLines(HubRequest request, Consumer<String> sink) {
        Credentials credentials = target.credentials();
        if (credentials instanceof LoginSession login && Renewal.beforeSending(login.session().renewable(),
                login.session().accessExpiresAt(), renewed, Instant.now())) {
            renew(login);
        }
        HttpRequest call = build(request, credentials.token(), null);
        HttpResponse<Stream<String>> response = send(request, call, HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = response.body()) {
            if (response.statusCode() >= 400) {
                byte[] body = lines.collect(Collectors.joining("\n")).getBytes(StandardCharsets.UTF_8);
                accept(request, new Exchange(response.statusCode(), call.uri(),
                        response.headers().firstValue("Content-Type").orElse(""), null, body), credentials);
                return;
            }
            lines.forEach(sink);
        } catch (UncheckedIOException e) {
            throw new CliException(ExitCodes.UNREACHABLE, "the hub at " + target.url() + " closed the stream ("
                    + Unreachable.reason(e.getCause()) + "); run the command again");
        }
    }

    private HttpRequest build(HubRequest request, String token, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(target.resolve(request.pathAndQuery()))
                .header("User-Agent", userAgent)
                .header("Accept", "application/json, application/yaml;q=0.9, */*;q=0.5");
        if (timeout != null) {
            builder.timeout(timeout);
        }
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (request.body() != null) {
            builder.header("Content-Type", request.contentType())
                    .method(request.method(), HttpRequest.BodyPublishers.ofString(request.body()));
        } else {
            builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
        }
        return builder.build();
    }

    private <T> HttpResponse<T> send(HubRequest request, HttpRequest call, HttpResponse.BodyHandler<T> handler) {
        long start = System.nanoTime();
        HttpResponse<T> response;
        try {
            response = http.send(call, handler);
        } catch (IOException e) {
            ctx.debug(request.method() + " " + call.uri() + " → failed: " + Unreachable.reason(e) + " (" + millis(start) + " ms)");
            throw Unreachable.of(target.url(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.FAILED, "interrupted while waiting for the hub at " + target.url()
                    + "; the operation may or may not have happened, check with 'mcphub config history'", e);
        }
        ctx.debug(request.method() + " " + call.uri() + " → " + response.statusCode() + " (" + millis(start) + " ms)");
        return response;
    }

    private HubResponse accept(HubRequest request, Exchange answer, Credentials credentials) {
        if (answer.status() < 400) {
            return new HubResponse(answer.status(), answer.uri(), answer.contentType(), answer.body());
        }
        Problem problem = debugProblem(answer);
        if (answer.status() == 401 && credentials.token() != null) {
            throw new CliException(ExitCodes.FAILED, credentials.refused(target.url()));
        }
        throw problem.toException(request);
    }

    /** The hub's own words stay visible under MCP_DEBUG even when the CLI says it in its own. */
    private Problem debugProblem(Exchange answer) {
        Problem problem = Problem.parse(answer.status(), answer.body(), answer.retryAfter());
        if (problem.requestId() != null) {
            ctx.debug("request id " + problem.requestId());
        }
        if (problem.detail() != null) {
            ctx.debug("hub says: " + problem.detail());
        }
        return problem;
    }

    private record Exchange(int status, URI uri, String contentType, String retryAfter, byte[] body) {}

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
