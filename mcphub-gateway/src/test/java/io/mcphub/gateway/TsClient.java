package io.mcphub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.core.Json;
import io.mcphub.deploy.bridge.TypeScriptSdk;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The official TypeScript MCP client, run by node on a script of the test's: the script gets the SDK's helpers
 * ({@code connect(token, path, capabilities)}, {@code sse(token, path)}, {@code types}) and prints one JSON object
 * per line ({@code out(value)}); the test reads those lines as they come.
 */
public final class TsClient implements AutoCloseable {

    private static final String PRELUDE = """
            import { pathToFileURL } from "node:url";
            const [sdk, base] = process.argv.slice(2);
            const load = (p) => import(pathToFileURL(sdk + p).href);
            const { Client } = await load("/dist/esm/client/index.js");
            const { StreamableHTTPClientTransport } = await load("/dist/esm/client/streamableHttp.js");
            const { SSEClientTransport } = await load("/dist/esm/client/sse.js");
            const types = await load("/dist/esm/types.js");
            const auth = (token) => ({ requestInit: { headers: { Authorization: "Bearer " + token } } });
            async function connect(token, path = "/mcp", capabilities = {}) {
              const client = new Client({ name: "gateway-test", version: "1.0.0" }, { capabilities });
              const transport = new StreamableHTTPClientTransport(new URL(base + path), auth(token));
              await client.connect(transport);
              return { client, transport };
            }
            async function sse(token, path = "/sse") {
              const client = new Client({ name: "gateway-test-legacy", version: "1.0.0" });
              const transport = new SSEClientTransport(new URL(base + path), auth(token));
              await client.connect(transport);
              return { client, transport };
            }
            const out = (value) => console.log(JSON.stringify(value));
            const names = (list) => list.map((item) => item.name);
            const failure = async (promise) => {
              try { await promise; return null; } catch (e) { return { code: e.code, message: e.message }; }
            };
            """;

    /** Marks the end of the script's output in {@link #lines}. */
    private static final String END = new String("end of output");

    private final Process node;
    private final Path stderr;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private TsClient(Process node, Path stderr) {
        this.node = node;
        this.stderr = stderr;
        // A thread of its own: the JDK's HttpClient completes exchanges on the common pool, so a blocking read
        // there (CompletableFuture.supplyAsync) would stall the gateway's downstream calls in this very JVM.
        Thread.ofVirtual().name("node-stdout").start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process was killed; END tells the reader
            }
            lines.add(END);
        });
    }

    /** Starts {@code script} against the gateway at {@code base}. */
    public static TsClient start(Path dir, URI base, String script) {
        try {
            Path file = Files.createTempFile(dir, "client", ".mjs");
            Files.writeString(file, PRELUDE + script);
            // Its stderr goes to a file and into failure messages: inherited, it would vanish into surefire's channel.
            Path stderr = Path.of(file + ".stderr");
            Process node = new ProcessBuilder("node", file.toString(), TypeScriptSdk.locate().toString(),
                    base.toString().replaceAll("/$", "")).redirectError(stderr.toFile()).start();
            return new TsClient(node, stderr);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code script} to its end and returns what it printed last. */
    public static JsonNode run(Path dir, URI base, String script) {
        try (TsClient client = start(dir, base, script)) {
            JsonNode last = null;
            for (JsonNode line = client.next(Duration.ofSeconds(30)); line != null; line = client.next(Duration.ofSeconds(30))) {
                last = line;
            }
            assertThat(client.exit()).as("the node client's exit code; its stderr: %s", client.stderr()).isZero();
            assertThat(last).as("the node client printed a result").isNotNull();
            return last;
        }
    }

    /** The next line the script printed, as JSON; null when it ended. */
    public JsonNode next(Duration timeout) {
        try {
            String text = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (text == null) {
                throw new AssertionError("the node client printed nothing within " + timeout.toSeconds()
                        + " s; its stderr: " + stderr());
            }
            return text == END ? null : Json.tree(text.getBytes(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String stderr() {
        try {
            return Files.exists(stderr) ? Files.readString(stderr) : "";
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    public int exit() {
        try {
            if (!node.waitFor(30, TimeUnit.SECONDS)) {
                node.destroyForcibly();
                throw new AssertionError("the node client did not end");
            }
            return node.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        node.destroyForcibly();
    }
}
