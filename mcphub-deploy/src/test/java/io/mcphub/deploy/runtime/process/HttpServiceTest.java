package io.mcphub.deploy.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mcphub.deploy.runtime.Instance;
import io.mcphub.deploy.runtime.InstanceSpec;
import io.mcphub.deploy.runtime.InstanceSpec.Health;
import io.mcphub.deploy.runtime.InstanceState;
import io.mcphub.deploy.runtime.PortAllocator;
import io.mcphub.deploy.runtime.log.LogPolicy;
import io.mcphub.deploy.runtime.supervisor.Supervision;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An ordinary service that listens: python's http.server, on the port the runtime passes in PORT. */
class HttpServiceTest {

    @TempDir
    Path dir;
    private final ProcessRuntime runtime = new ProcessRuntime(new Supervision(LogPolicy.DEFAULT,
            Duration.ofSeconds(2), Duration.ofSeconds(10)));
    private final PortAllocator ports = new PortAllocator();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        runtime.close();
        http.close();
    }

    /** Serves its working directory, where it first writes the env var it was given. */
    private Instance startReplica(String id, int port) {
        InstanceSpec spec = InstanceSpec.builder(id, "files", "sh")
                .args("-c", "echo \"$GREETING from $PORT\" > greeting.txt && exec python3 -m http.server \"$PORT\" --bind 127.0.0.1")
                .env("GREETING", "hello")
                .workdir("site")
                .port(port)
                .health(new Health(Health.Type.HTTP, "/greeting.txt", Duration.ofMillis(200), Duration.ofSeconds(2), 3,
                        Duration.ofSeconds(20)))
                .build();
        return runtime.start(spec, dir.resolve(id));
    }

    private String get(int port, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    @Test
    void becomesHealthyByHttpAndGetsItsPortEnvAndWorkdir() throws Exception {
        int port = ports.allocate();
        Instance instance = startReplica("files-0", port);

        await().atMost(20, TimeUnit.SECONDS).until(() -> instance.state() == InstanceState.HEALTHY);

        assertThat(instance.status().detail()).isEqualTo("GET /greeting.txt: HTTP 200");
        assertThat(instance.status().port()).isEqualTo(port);
        assertThat(get(port, "/greeting.txt")).isEqualTo("hello from " + port + "\n");
        assertThat(Files.readString(dir.resolve("files-0/site/greeting.txt"))).startsWith("hello");
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() ->
                assertThat(instance.logs().tail(20)).anyMatch(l -> l.contains("\"GET /greeting.txt HTTP/1.1\" 200")));
    }

    @Test
    void replicasOnOneNodeGetPortsOfTheirOwnAndBothServe() throws Exception {
        int first = ports.allocate();
        int second = ports.allocate();
        Instance a = startReplica("files-a", first);
        Instance b = startReplica("files-b", second);

        await().atMost(20, TimeUnit.SECONDS).until(() -> a.state() == InstanceState.HEALTHY && b.state() == InstanceState.HEALTHY);

        assertThat(first).isNotEqualTo(second);
        assertThat(get(first, "/greeting.txt")).isEqualTo("hello from " + first + "\n");
        assertThat(get(second, "/greeting.txt")).isEqualTo("hello from " + second + "\n");
    }

    @Test
    void aServerAnsweringOnlyErrorsIsUnhealthy() {
        // http.server answers 501 to a method it lacks; here every GET gets a 5xx from a tiny handler.
        int port = ports.allocate();
        String script = "import http.server, os\n"
                + "class H(http.server.BaseHTTPRequestHandler):\n"
                + "    def do_GET(self):\n"
                + "        self.send_response(503); self.end_headers()\n"
                + "http.server.HTTPServer(('127.0.0.1', int(os.environ['PORT'])), H).serve_forever()\n";
        InstanceSpec spec = InstanceSpec.builder("sick", "sick", "python3").args("-c", script).port(port)
                .health(new Health(Health.Type.HTTP, "/health", Duration.ofMillis(100), Duration.ofSeconds(1), 2, Duration.ZERO))
                .restart(new InstanceSpec.Restart(InstanceSpec.Restart.Policy.NEVER, null, null))
                .build();
        Instance instance = runtime.start(spec, dir.resolve("sick"));

        // No start period: the refused connections before python listens count too, then the 503s keep it there.
        await().atMost(20, TimeUnit.SECONDS).until(() -> instance.state() == InstanceState.UNHEALTHY
                && "GET /health: HTTP 503".equals(instance.status().detail()));
        assertThat(instance.pid()).as("policy never: an unhealthy process is reported, not killed").isPresent();
    }
}
