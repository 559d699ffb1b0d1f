package io.mcphub.deploy.runtime.health;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * GET on the instance's port. Any answer below 500 counts as healthy: a 404 or 401 still proves the server is up
 * and serving, which is all a liveness check can know without the service's cooperation.
 */
public final class HttpHealthCheck implements HealthCheck {

    private final HttpClient client;
    private final URI uri;
    private final Duration timeout;

    public HttpHealthCheck(int port, String path, Duration timeout) {
        this.uri = URI.create("http://127.0.0.1:" + port + path);
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public HealthResult check() {
        try {
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            String detail = "GET " + uri.getPath() + ": HTTP " + response.statusCode();
            return response.statusCode() < 500 ? HealthResult.ok(detail) : HealthResult.failed(detail);
        } catch (IOException e) {
            return HealthResult.failed("GET " + uri.getPath() + ": " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthResult.failed("GET " + uri.getPath() + ": interrupted");
        }
    }

    @Override
    public void close() {
        client.close();
    }

    /** The JDK client often wraps the useful words ("Connection refused") in a cause of an exception without any. */
    private static String describe(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return e.getClass().getSimpleName();
    }
}
