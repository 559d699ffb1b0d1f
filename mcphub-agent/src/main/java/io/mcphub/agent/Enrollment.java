package io.mcphub.agent;

import io.mcphub.core.Json;
import io.mcphub.core.agentapi.JoinRequest;
import io.mcphub.core.agentapi.JoinResponse;
import io.mcphub.security.pki.AgentIdentity;
import io.mcphub.security.pki.JoinTokens;
import io.mcphub.security.pki.TlsContexts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Joining a hub, once: a CSR for a key made here, traded with the one-time token for a certificate. The token also
 * pins the hub's CA, so the agent checks whom it talks to before it hands the token over (on an https hub), and
 * checks the CA it receives either way.
 */
final class Enrollment {

    static final String STATE_FILE = "agent.json";

    /** What an agent keeps between starts besides its key and certificates. */
    record State(String name, String hubUrl, String agentEndpoint) {}

    private Enrollment() {}

    static State joinOrLoad(AgentSettings settings, AgentIdentity identity) throws IOException, InterruptedException {
        Path file = settings.dataDir().resolve(STATE_FILE);
        if (identity.joined() && Files.isRegularFile(file)) {
            State state = Json.read(Files.readAllBytes(file), State.class);
            if (settings.agentEndpoint() == null || settings.agentEndpoint().equals(state.agentEndpoint())) {
                return state;
            }
            // Restarted behind another tunnel port: the override wins, and is what the next start finds too.
            return save(file, new State(state.name(), state.hubUrl(), settings.agentEndpoint()));
        }
        if (settings.joinToken() == null || settings.joinToken().isBlank()) {
            throw new IllegalStateException("this agent has not joined a hub yet; start it with --join-token from 'mcphub node token create'");
        }
        JoinRequest request = new JoinRequest(settings.joinToken(), settings.name(), identity.certificateRequest(settings.name()), settings.labels());
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if (settings.hubUrl().startsWith("https:")) {
            client.sslContext(TlsContexts.joinClient(JoinTokens.caPin(settings.joinToken())));
        }
        HttpResponse<String> response;
        try (HttpClient http = client.build()) {
            response = http.send(HttpRequest.newBuilder(URI.create(settings.hubUrl()).resolve("/api/v1/nodes/join"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(request))).build(), HttpResponse.BodyHandlers.ofString());
        }
        if (response.statusCode() != 200) {
            Map<?, ?> problem = Json.read(response.body().getBytes(StandardCharsets.UTF_8), Map.class);
            throw new IllegalStateException("the hub at " + settings.hubUrl() + " refused to let " + settings.name() + " join: " + problem.get("detail"));
        }
        JoinResponse joined = Json.read(response.body().getBytes(StandardCharsets.UTF_8), JoinResponse.class);
        identity.installJoined(joined.certificatePem(), joined.caCertificatePem(), JoinTokens.caPin(settings.joinToken()));
        return save(file, new State(settings.name(), settings.hubUrl(),
                settings.agentEndpoint() != null ? settings.agentEndpoint() : joined.agentEndpoint()));
    }

    private static State save(Path file, State state) throws IOException {
        Files.write(file, Json.bytes(state));
        return state;
    }
}
