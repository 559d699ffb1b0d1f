package io.mcphub.cli.command.cluster;

import static io.mcphub.cli.LiveHub.json;
import static io.mcphub.cli.LiveHub.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.cli.CliRun;
import io.mcphub.cli.LiveHub;
import io.mcphub.cli.common.ExitCodes;
import io.mcphub.cli.common.Json;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service verbs that need instances to act on — logs, rolling restart, delete — against a real hub and one
 * real agent in this JVM (joined over mTLS as any other), running npm's server-memory as processes.
 */
class ServiceOnANodeTest {
    private static final String STACK = """
            apiVersion: mcphub/v1
            kind: Stack
            metadata: {name: live}
            services:
              notes:
                command: npx
                args: ["-y", "@modelcontextprotocol/server-memory"]
                replicas: 2
              extra:
                command: npx
                args: ["-y", "@modelcontextprotocol/server-memory"]
            """;
    private static final String READY_LINE = "Knowledge Graph MCP Server running on stdio";

    @TempDir
    static Path dir;
    static LiveHub hub;

    @BeforeAll
    static void start() {
        hub = LiveHub.start(dir);
        hub.joinAgent("node-a");
        ok(cli("apply", "-f", hub.file("live.yaml", STACK).toString()));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> hub.healthy("notes").size() == 2
                && hub.healthy("extra").size() == 1);
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static CliRun cli(String... args) {
        return CliRun.run(hub.adminEnv(), args);
    }

    private static JsonNode tree(String text) {
        try {
            return Json.JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    @Test
    void logsShowEveryInstanceTaggedOrOneAsItWrote() {
        List<String> ids = hub.instances("notes").stream().map(i -> i.path("id").asText()).toList();

        CliRun all = ok(cli("service", "logs", "notes"));
        CliRun one = ok(cli("service", "logs", "notes", "--instance", ids.get(0), "--tail", "5"));
        CliRun asJson = ok(cli("service", "logs", "live/notes", "--instance", ids.get(1), "-o", "json"));

        for (String id : ids) {
            assertThat(all.out()).contains(id + " | " + READY_LINE);
        }
        assertThat(one.out()).contains(READY_LINE + "\n").doesNotContain(" | ");
        assertThat(one.out().lines().count()).isLessThanOrEqualTo(5);
        assertThat(asJson.out().lines().map(ServiceOnANodeTest::tree).toList()).allSatisfy(line -> {
            assertThat(line.path("instance").asText()).isEqualTo(ids.get(1));
            assertThat(line.has("line")).isTrue();
        }).anySatisfy(line -> assertThat(line.path("line").asText()).isEqualTo(READY_LINE));
    }

    @Test
    void logsOfAnInstanceTheServiceDoesNotHaveNameTheOnesItHas() {
        CliRun run = cli("service", "logs", "notes", "--instance", "nope");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).startsWith("error: service notes has no instance \"nope\"; its instances are [");
        assertThat(cli("service", "logs", "nothere").err()).startsWith("error: no service \"nothere\"");
    }

    @Test
    void followingALogDeliversLinesWrittenLater() throws Exception {
        String id = hub.instances("extra").get(0).path("id").asText();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(hub.url()
                + "/api/v1/services/extra/logs?follow=true&tail=0")).header("Authorization", "Bearer " + hub.hub().adminToken())
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        List<String> seen = new ArrayList<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    synchronized (seen) {
                        seen.add(line);
                    }
                }
            } catch (java.io.IOException closed) {
                // the test closed the stream
            }
        });
        try {
            ok(cli("service", "restart", "extra"));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                synchronized (seen) {
                    return seen.stream().anyMatch(l -> l.contains(READY_LINE));
                }
            });
            synchronized (seen) {
                assertThat(seen).allSatisfy(l -> assertThat(tree(l).path("instance").asText()).isEqualTo(id));
            }
        } finally {
            stream.body().close();
            reader.join(5_000);
            http.close();
        }
    }

    @Test
    void restartRollsOneInstanceAtATimeAndNeverLeavesNoneHealthy() throws Exception {
        Map<String, Long> before = new java.util.HashMap<>();
        hub.instances("notes").forEach(i -> before.put(i.path("id").asText(), i.path("pid").asLong()));
        AtomicBoolean rolling = new AtomicBoolean(true);
        AtomicInteger samples = new AtomicInteger();
        AtomicInteger noneHealthy = new AtomicInteger();
        Thread watcher = Thread.ofVirtual().start(() -> {
            while (rolling.get()) {
                samples.incrementAndGet();
                if (hub.healthy("notes").isEmpty()) {
                    noneHealthy.incrementAndGet();
                }
            }
        });

        CliRun run = cli("service", "restart", "notes", "-o", "json");
        rolling.set(false);
        watcher.join();

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode steps = tree(run.out()).path("restarted");
        assertThat(steps).hasSize(2);
        for (JsonNode step : steps) {
            assertThat(step.path("oldPid").asLong()).isEqualTo(before.get(step.path("instance").asText()));
            assertThat(step.path("newPid").asLong()).isNotEqualTo(step.path("oldPid").asLong());
            assertThat(ProcessHandle.of(step.path("oldPid").asLong()).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
        }
        assertThat(samples.get()).isGreaterThan(3);
        assertThat(noneHealthy.get()).as("samples with no healthy instance of notes").isZero();
    }

    @Test
    void deleteStopsTheServicesInstancesAndKeepsTheRest() {
        ok(cli("apply", "-f", hub.file("gone.yaml", STACK.replace("name: live", "name: gone").replace("notes:", "gone-a:")
                .replace("extra:", "gone-b:")).toString()));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> hub.healthy("gone-b").size() == 1);
        long pid = hub.healthy("gone-b").get(0).path("pid").asLong();

        CliRun run = ok(cli("service", "delete", "gone-b"));

        assertThat(run.out()).contains("- delete gone/gone-b").endsWith("deleted service gone-b\n");
        assertThat(json(cli("service", "list", "-o", "json")).findValuesAsText("name")).contains("gone-a").doesNotContain("gone-b");
        await().atMost(Duration.ofSeconds(20)).until(() -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == false);
        ok(cli("delete", "stack", "gone"));
    }

    @Test
    void updatePublishesTheConfigAndRestartsWithTheNewFile() throws Exception {
        ok(cli("apply", "-f", hub.file("conf.yaml", """
                apiVersion: mcphub/v1
                kind: Stack
                metadata: {name: conf}
                services:
                  settings:
                    command: npx
                    args: ["-y", "@modelcontextprotocol/server-memory"]
                    config:
                      - {key: settings, reload: restart, path: etc/settings.json}
                """).toString()));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> hub.healthy("settings").size() == 1);
        JsonNode before = hub.healthy("settings").get(0);
        Path file = hub.agentDir("node-a").resolve("instances/" + before.path("id").asText() + "/work/etc/settings.json");
        assertThat(file).doesNotExist(); // nothing published yet

        CliRun run = cli("service", "update", "--name=settings", "--config=" + hub.file("settings.json", "{\"interval\": 60}"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("published settings version 1\nrestarted " + before.path("id").asText() + " on node-a: pid "
                + before.path("pid").asLong() + " → ");
        assertThat(tree(java.nio.file.Files.readString(file)).path("interval").asInt()).isEqualTo(60);
        assertThat(java.nio.file.Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(
                java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        assertThat(hub.healthy("settings").get(0).path("pid").asLong()).isNotEqualTo(before.path("pid").asLong());

        CliRun same = ok(cli("service", "update", "--name=settings", "--config=" + hub.file("settings.json", "{\"interval\": 60}")));
        assertThat(same.out()).isEqualTo("settings is unchanged at version 1\nthe document did not change, so no instance was restarted\n");
    }

    @Test
    void updateOfABadDocumentPublishesNothingAndRestartsNothing() {
        long pid = hub.healthy("extra").get(0).path("pid").asLong();

        CliRun run = cli("service", "update", "--name=extra", "--config=" + hub.file("extra.json", "{\"interval\": 60,}"));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).startsWith("error: extra:1:17: malformed JSON").contains("extra.json:1:17: ");
        assertThat(cli("config", "get", "extra").exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(hub.healthy("extra").get(0).path("pid").asLong()).isEqualTo(pid);
    }

    @Test
    void secretsReachTheProcessEnvironmentAndNothingElse() throws Exception {
        String secret = "s3cr3t-" + System.nanoTime();
        ok(cli("config", "set", "creds", "-f", hub.file("creds.json", "{\"token\": \"" + secret + "\"}").toString()));
        ok(cli("apply", "-f", hub.file("sec.yaml", """
                apiVersion: mcphub/v1
                kind: Stack
                metadata: {name: sec}
                services:
                  vault-user:
                    command: npx
                    args: ["-y", "@modelcontextprotocol/server-memory"]
                    secrets: {API_TOKEN: "creds#/token"}
                  vault-missing:
                    command: npx
                    args: ["-y", "@modelcontextprotocol/server-memory"]
                    secrets: {OTHER: "creds#/nope"}
                """).toString()));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> hub.healthy("vault-user").size() == 1
                && hub.instances("vault-missing").stream().anyMatch(i -> i.path("status").asText().equals("failed")));

        long pid = hub.healthy("vault-user").get(0).path("pid").asLong();
        assertThat(java.nio.file.Files.readString(Path.of("/proc/" + pid + "/environ")).split("\0")).contains("API_TOKEN=" + secret);
        JsonNode missing = json(cli("service", "describe", "vault-missing", "-o", "json")).path("instances").get(0);
        assertThat(missing.path("detail").asText()).isEqualTo("secret OTHER: config creds version 1 has no value at /nope; add it there"
                + " or fix the reference in the stack");
        assertThat(cli("service", "describe", "vault-user", "-o", "json").out()).doesNotContain(secret).contains("creds#/token");
        try (var files = java.nio.file.Files.walk(hub.agentDir("node-a"), 1)) {
            for (Path f : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                assertThat(java.nio.file.Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1)).as(f.toString())
                        .doesNotContain(secret);
            }
        }
        ok(cli("delete", "stack", "sec"));
    }
}
