package io.mcphub.agent;

import io.mcphub.core.Json;
import io.mcphub.core.agentapi.Assignments;
import io.mcphub.core.agentapi.Heartbeat;
import io.mcphub.core.agentapi.HeartbeatAnswer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/** The agent's side of the mutual-TLS channel: heartbeats out, assignments in. */
final class HubChannel {

    private final HttpClient http;
    private final URI endpoint;

    HubChannel(String agentEndpoint, SSLContext tls) {
        this.endpoint = URI.create(agentEndpoint);
        this.http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
    }

    HeartbeatAnswer heartbeat(Heartbeat beat) throws IOException, InterruptedException {
        return Json.read(send(HttpRequest.newBuilder(endpoint.resolve("/agent/v1/heartbeat")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(beat))).build()),
                HeartbeatAnswer.class);
    }

    /** Long-polls: returns once the placements changed after {@code after}, or after the hub's poll period. */
    Assignments assignments(long after) throws IOException, InterruptedException {
        return Json.read(send(HttpRequest.newBuilder(endpoint.resolve("/agent/v1/assignments?after=" + after))
                .timeout(Duration.ofSeconds(40)).GET().build()), Assignments.class);
    }

    private byte[] send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("hub answered " + response.statusCode() + " to " + request.uri().getPath() + ": "
                    + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return response.body();
    }

    void close() {
        http.close();
    }
}
