package io.mcphub.core.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.core.doc.DocumentFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackParserTest {

    /** The issue's example, verbatim, as the repository ships it for users (minus the file's header comment). */
    static final String EXAMPLE = readExample();

    private static String readExample() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("..", "examples", "demo.yaml")).lines()
                    .filter(line -> !line.startsWith("#")).collect(java.util.stream.Collectors.joining("\n", "", "\n"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void acceptsTheExampleAsWritten() {
        Stack stack = StackParser.parse(EXAMPLE, DocumentFormat.YAML, "demo.yaml");
        assertThat(stack.apiVersion()).isEqualTo("mcphub/v1");
        assertThat(stack.kind()).isEqualTo("Stack");
        assertThat(stack.name()).isEqualTo("demo");
        assertThat(stack.services().sequencedKeySet()).containsExactly("everything", "memory");

        ServiceSpec everything = stack.services().get("everything");
        assertThat(everything.type()).isEqualTo(ServiceType.MCP);
        assertThat(everything.runtime()).isEqualTo(RuntimeKind.PROCESS);
        assertThat(everything.command()).isEqualTo("npx");
        assertThat(everything.args()).containsExactly("-y", "@modelcontextprotocol/server-everything");
        assertThat(everything.transport()).isEqualTo(Transport.STDIO);
        assertThat(everything.replicas()).isEqualTo(2);
        assertThat(everything.listens()).isFalse();

        ServiceSpec memory = stack.services().get("memory");
        assertThat(memory.runtime()).isEqualTo(RuntimeKind.AUTO);
        assertThat(memory.replicas()).isEqualTo(1);
        assertThat(memory.dependsOn()).containsExactly("everything");
        assertThat(stack.dependencies().startOrder()).containsExactly("everything", "memory");
    }

    @Test
    void fillsSensibleDefaults() {
        ServiceSpec s = only("""
                  memory:
                    command: npx
                """);
        assertThat(s.type()).isEqualTo(ServiceType.MCP);
        assertThat(s.runtime()).isEqualTo(RuntimeKind.AUTO);
        assertThat(s.transport()).isEqualTo(Transport.STDIO);
        assertThat(s.port()).isNull();
        assertThat(s.path()).isNull();
        assertThat(s.replicas()).isEqualTo(1);
        assertThat(s.health()).isEqualTo(new HealthCheck(HealthCheck.Type.MCP_PING, null, Duration.ofSeconds(10),
                Duration.ofSeconds(5), 3, Duration.ofSeconds(30)));
        assertThat(s.restart()).isEqualTo(new RestartPolicy(RestartPolicy.Condition.ALWAYS,
                new RestartPolicy.Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60))));
        assertThat(s.placement()).isEqualTo(PlacementSpec.ANYWHERE);
        assertThat(s.resources()).isEqualTo(Resources.UNSPECIFIED);
        assertThat(s.env()).isEmpty();
        assertThat(s.config()).isEmpty();
        assertThat(s.secrets()).isEmpty();
    }

    @Test
    void httpTransportsGetTheirConventionalPathAndAPortOfTheirOwn() {
        Stack stack = stack("""
                  streaming:
                    command: npx
                    transport: streamable-http
                  legacy:
                    command: npx
                    transport: sse
                  fixed:
                    command: npx
                    transport: streamable-http
                    port: 3001
                    path: /v1/mcp
                """);
        assertThat(stack.services().get("streaming").path()).isEqualTo("/mcp");
        assertThat(stack.services().get("streaming").port()).isNull();
        assertThat(stack.services().get("streaming").listens()).isTrue();
        assertThat(stack.services().get("legacy").path()).isEqualTo("/sse");
        assertThat(stack.services().get("fixed").port()).isEqualTo(3001);
        assertThat(stack.services().get("fixed").path()).isEqualTo("/v1/mcp");
    }

    @Test
    void readsAPlainHttpMicroservice() {
        ServiceSpec s = only("""
                  orders:
                    type: http
                    runtime: docker
                    image: ghcr.io/acme/orders:2.4.1
                    replicas: 0
                    health: {type: http}
                    resources: {cpu: 0.5, memoryMb: 256}
                """);
        assertThat(s.type()).isEqualTo(ServiceType.HTTP);
        assertThat(s.transport()).isNull();
        assertThat(s.path()).isNull();
        assertThat(s.listens()).isTrue();
        assertThat(s.replicas()).isZero();
        assertThat(s.health().type()).isEqualTo(HealthCheck.Type.HTTP);
        assertThat(s.health().path()).isEqualTo("/");
        assertThat(s.resources()).isEqualTo(new Resources(0.5, 256L));
    }

    @Test
    void anHttpServiceIsProbedOverTcpByDefault() {
        assertThat(only("""
                  orders:
                    type: http
                    command: java
                """).health().type()).isEqualTo(HealthCheck.Type.TCP);
    }

    @Test
    void readsAServerTheHubOnlyRoutesTo() {
        ServiceSpec s = only("""
                  weather:
                    url: https://weather.example.com/mcp
                """);
        assertThat(s.external()).isTrue();
        assertThat(s.listens()).isFalse();
        assertThat(s.transport()).isEqualTo(Transport.STREAMABLE_HTTP);
        assertThat(s.path()).isNull();
    }

    @Test
    void readsEveryOtherField() {
        ServiceSpec s = only("""
                  payment:
                    runtime: process
                    command: java
                    args: [-jar, payment.jar, --port, 8080, true]
                    workdir: /opt/payment
                    env: [LOG_LEVEL=debug, "JAVA_OPTS=-Xmx256m -Dx=y"]
                    placement: {nodes: [node1, node2], labels: {zone: eu, gpu: false}}
                    health: {type: mcp-ping, interval: 1m30s, timeout: 500ms, failureThreshold: 5, startPeriod: 0s}
                    restart: {policy: on-failure, backoff: {initial: 2s, max: 1h}}
                    config:
                      - payment
                      - {key: payment/limits, reload: file, path: config/limits.json, signal: HUP}
                      - {key: payment/db, reload: restart}
                    secrets: {DB_PASSWORD: "payment/db#/password", TOKEN: "payment#/a~1b/0"}
                    labels: {team: pay, tier: 1}
                """);
        assertThat(s.args()).containsExactly("-jar", "payment.jar", "--port", "8080", "true");
        assertThat(s.workdir()).isEqualTo("/opt/payment");
        assertThat(s.env()).containsExactly(Map.entry("LOG_LEVEL", "debug"), Map.entry("JAVA_OPTS", "-Xmx256m -Dx=y"));
        assertThat(s.placement()).isEqualTo(new PlacementSpec(List.of("node1", "node2"), Map.of("zone", "eu", "gpu", "false")));
        assertThat(s.health()).isEqualTo(new HealthCheck(HealthCheck.Type.MCP_PING, null, Duration.ofSeconds(90),
                Duration.ofMillis(500), 5, Duration.ZERO));
        assertThat(s.restart()).isEqualTo(new RestartPolicy(RestartPolicy.Condition.ON_FAILURE,
                new RestartPolicy.Backoff(Duration.ofSeconds(2), Duration.ofHours(1))));
        assertThat(s.config()).containsExactly(
                new ConfigRef("payment", ConfigRef.Reload.LIVE, null),
                new ConfigRef("payment/limits", ConfigRef.Reload.FILE, "config/limits.json", "HUP"),
                new ConfigRef("payment/db", ConfigRef.Reload.RESTART, null));
        assertThat(s.secrets()).containsExactly(Map.entry("DB_PASSWORD", new SecretRef("payment/db", "/password")),
                Map.entry("TOKEN", new SecretRef("payment", "/a~1b/0")));
        assertThat(s.labels()).containsExactly(Map.entry("team", "pay"), Map.entry("tier", "1"));
        // the hub stores specs as JSON and agents read them back: every field must survive the trip
        assertThat(io.mcphub.core.Json.JSON.convertValue(io.mcphub.core.Json.JSON.valueToTree(s), ServiceSpec.class)).isEqualTo(s);
    }

    @Test
    void readsStackLabelsAndJson() {
        String json = """
                {"apiVersion": "mcphub/v1", "kind": "Stack",
                 "metadata": {"name": "demo", "labels": {"team": "ai"}},
                 "services": {"memory": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-memory"]}}}
                """;
        Stack stack = StackParser.parse(json, null, "stack.json");
        assertThat(stack.labels()).containsExactly(Map.entry("team", "ai"));
        assertThat(stack.services().get("memory").args()).containsExactly("-y", "@modelcontextprotocol/server-memory");
    }

    @Test
    void readsAFileByItsExtension(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("demo.yml");
        Files.writeString(file, EXAMPLE);
        assertThat(StackParser.read(file).services()).hasSize(2);
    }

    @Test
    void theContentHashIgnoresHowASpecIsWrittenButNotWhatItSays() {
        ServiceSpec terse = only("""
                  memory:
                    command: npx
                    env: {A: "1", B: "2"}
                """);
        ServiceSpec spelledOut = only("""
                  memory:
                    env: [B=2, A=1]
                    replicas: 1
                    restart: {policy: always, backoff: {initial: 1000ms, max: 1m}}
                    command: npx
                    type: mcp
                    health: {type: mcp-ping, interval: 10s}
                """);
        ServiceSpec changed = only("""
                  memory:
                    command: npx
                    env: {A: "1", B: "3"}
                """);
        assertThat(terse.contentHash()).matches("sha256:[0-9a-f]{64}").isEqualTo(spelledOut.contentHash());
        assertThat(changed.contentHash()).isNotEqualTo(terse.contentHash());
    }

    @Test
    void theCanonicalFormSpellsValuesAsASpecDoes() {
        String json = CanonicalJson.write(only("""
                  memory:
                    command: npx
                    transport: streamable-http
                    secrets: {KEY: "memory#/key"}
                """));
        assertThat(json).contains("\"transport\":\"streamable-http\"", "\"type\":\"mcp-ping\"", "\"interval\":\"PT10S\"",
                "\"KEY\":\"memory#/key\"").doesNotContain("null", "contentHash", "listens", "external");
    }

    private static ServiceSpec only(String services) {
        return stack(services).services().firstEntry().getValue();
    }

    private static Stack stack(String services) {
        return StackParser.parse(BadSpecs.HEADER + services, DocumentFormat.YAML, "stack.yaml");
    }
}
