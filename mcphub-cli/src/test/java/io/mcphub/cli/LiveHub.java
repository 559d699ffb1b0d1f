package io.mcphub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.cli.hub.ClientConfigFile;
import io.mcphub.core.Json;
import io.mcphub.hub.Hub;
import io.mcphub.hub.HubSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real hub on the embedded store, in this JVM, for tests of the CLI's verbs, and the steps those tests share: users,
 * policies and logins are made through the CLI itself, as an admin would. Start one per test class where the tests do
 * not get in each other's way (distinct user names, policy names and resources keep them apart).
 */
public final class LiveHub implements AutoCloseable {
    private static final Pattern EXCHANGE = Pattern.compile("^debug: (\\S+) (\\S+) → (\\d+) \\(\\d+ ms\\)$");

    private final Path dir;
    private final Hub hub;
    private final Map<String, String> adminEnv;
    private final AtomicInteger homes = new AtomicInteger();
    private final List<io.mcphub.agent.Agent> agents = new java.util.concurrent.CopyOnWriteArrayList<>();

    private LiveHub(Path dir) {
        this.dir = dir;
        this.hub = Hub.start(new HubSettings("embedded", dir.resolve("hub"), "127.0.0.1", 0));
        this.adminEnv = Map.of("HOME", dir.resolve("admin-home").toString(), "MCPHUB_URL", hub.url(),
                "MCPHUB_TOKEN", hub.adminToken());
    }

    /** A fresh hub keeping its data, and the homes of the users the tests play, under {@code dir}. */
    public static LiveHub start(Path dir) {
        return new LiveHub(dir);
    }

    public String url() {
        return hub.url();
    }

    public Hub hub() {
        return hub;
    }

    /** What an admin has after {@code set -a; . DATA_DIR/cli.env}: the hub's URL and its admin API token. */
    public Map<String, String> adminEnv() {
        return adminEnv;
    }

    /** {@code adminEnv()} plus more, e.g. {@code MCP_DEBUG}. */
    public Map<String, String> adminEnv(String key, String value) {
        Map<String, String> env = new HashMap<>(adminEnv);
        env.put(key, value);
        return env;
    }

    /** The password the hub generated for admin on its first start. */
    public String adminPassword() {
        try {
            return Files.readString(dir.resolve("hub/admin.password")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The environment of a user who has nothing yet: a new, empty home directory. */
    public Map<String, String> newHome() {
        Path home = dir.resolve("home-" + homes.incrementAndGet());
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("HOME", home.toString());
    }

    public static Path home(Map<String, String> env) {
        return Path.of(env.get("HOME"));
    }

    /** The CLI's config file in that environment's home: where {@code mcphub login} keeps the login. */
    public static Path config(Map<String, String> env) {
        return ClientConfigFile.defaultPath(home(env));
    }

    public void createUser(String name, String password, String... groups) {
        List<String> args = new ArrayList<>(List.of("user", "create", name, "--password-stdin"));
        if (groups.length > 0) {
            args.addAll(List.of("--groups", String.join(",", groups)));
        }
        ok(CliRun.runWithStdin(adminEnv, password + "\n", args.toArray(String[]::new)));
    }

    /** Applies a policy file (YAML) as admin. */
    public void applyPolicies(String yaml) {
        ok(CliRun.run(adminEnv, "policy", "apply", "-f", file("policies-" + homes.incrementAndGet() + ".yaml", yaml).toString()));
    }

    /** Logs {@code user} in from a new home, as {@code mcphub login} does; returns that home's environment. */
    public Map<String, String> login(String user, String password) {
        Map<String, String> env = newHome();
        ok(CliRun.runWithStdin(env, password + "\n", "login", "--hub", url(), "--user", user, "--password-stdin"));
        return env;
    }

    /** The hub's audit trail as {@code mcphub audit search -o json} shows it to admin, newest first. */
    public JsonNode audit(String... filters) {
        List<String> args = new ArrayList<>(List.of("audit", "search", "-o", "json"));
        args.addAll(List.of(filters));
        CliRun run = CliRun.run(adminEnv, args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.out().isEmpty() ? Json.tree("[]".getBytes(StandardCharsets.UTF_8)) : json(run);
    }

    /** The instances of {@code service} as {@code service list -o json} shows them to whoever {@code env} logs in as. */
    public static List<JsonNode> instancesOf(Map<String, String> env, String service) {
        return java.util.stream.StreamSupport.stream(json(CliRun.run(env, "service", "list", "-o", "json")).spliterator(), false)
                .filter(s -> s.path("name").asText().equals(service))
                .flatMap(s -> java.util.stream.StreamSupport.stream(s.path("instances").spliterator(), false)).toList();
    }

    public List<JsonNode> instances(String service) {
        return instancesOf(adminEnv, service);
    }

    public List<JsonNode> healthy(String service) {
        return instances(service).stream().filter(i -> i.path("status").asText().equals("healthy")).toList();
    }

    public Path file(String name, String text) {
        try {
            Path f = dir.resolve("files").resolve(name);
            Files.createDirectories(f.getParent());
            return Files.writeString(f, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static CliRun ok(CliRun run) {
        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isZero();
        return run;
    }

    public static JsonNode json(CliRun run) {
        return Json.tree(ok(run).out().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The exchanges a run traced with {@code MCP_DEBUG=1}, as {@code "GET /api/v1/auth/whoami 401"}: what the CLI
     * sent to the hub and what the hub answered, in order.
     */
    public List<String> exchanges(CliRun run) {
        List<String> exchanges = new ArrayList<>();
        for (String line : run.err().lines().toList()) {
            Matcher m = EXCHANGE.matcher(line);
            if (m.matches()) {
                assertThat(m.group(2)).startsWith(url());
                exchanges.add(m.group(1) + " " + m.group(2).substring(url().length()) + " " + m.group(3));
            }
        }
        return exchanges;
    }

    /** Standard error without the {@code MCP_DEBUG} trace: what the user reads either way. */
    public static String errorsOnly(CliRun run) {
        StringBuilder out = new StringBuilder();
        run.err().lines().filter(l -> !l.startsWith("debug: ")).forEach(l -> out.append(l).append('\n'));
        return out.toString();
    }

    /**
     * The token with one character of its signature changed: still three well-formed JWT parts, but a signature the
     * hub did not make, so it answers 401.
     */
    public static String forged(String jwt) {
        String[] parts = jwt.split("\\.");
        assertThat(parts).as("a JWT").hasSize(3);
        char[] signature = parts[2].toCharArray();
        int i = signature.length / 2;
        signature[i] = signature[i] == 'A' ? 'B' : 'A';
        return parts[0] + "." + parts[1] + "." + new String(signature);
    }

    /**
     * Starts an agent in this JVM that joins with a fresh token (mTLS from then on, like any other), and returns once
     * its first probe has arrived, so the scheduler knows what it can run. Closed with the hub.
     */
    public io.mcphub.agent.Agent joinAgent(String name) {
        io.mcphub.agent.Agent agent = io.mcphub.agent.Agent.start(new io.mcphub.agent.AgentSettings(url(),
                hub.createJoinToken(java.time.Duration.ofMinutes(5)), name, dir.resolve("agent-" + name), Map.of(), "127.0.0.1"));
        agents.add(agent);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> {
            JsonNode nodes = json(CliRun.run(adminEnv, "node", "list", "-o", "json"));
            for (JsonNode n : nodes) {
                if (n.path("name").asText().equals(name) && n.path("status").asText().equals("up") && n.hasNonNull("type")) {
                    return true;
                }
            }
            return false;
        });
        return agent;
    }

    /** Where an agent started by {@link #joinAgent} keeps its data (instances, logs, its sealed cache). */
    public Path agentDir(String name) {
        return dir.resolve("agent-" + name);
    }

    @Override
    public void close() {
        agents.forEach(io.mcphub.agent.Agent::close); // their instances first, so none outlives the test
        hub.close();
    }
}
