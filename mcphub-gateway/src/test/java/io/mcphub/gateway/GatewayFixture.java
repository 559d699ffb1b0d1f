package io.mcphub.gateway;

import static org.awaitility.Awaitility.await;

import io.mcphub.deploy.bridge.BridgeFixture;
import io.mcphub.deploy.bridge.BridgeOptions;
import io.mcphub.deploy.bridge.BridgeServer;
import io.mcphub.deploy.runtime.Instance;
import io.mcphub.deploy.runtime.InstanceSpec;
import io.mcphub.deploy.runtime.InstanceState;
import io.mcphub.deploy.runtime.PortAllocator;
import io.mcphub.deploy.runtime.process.ProcessRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real parts every gateway test runs against, started once per test JVM (npm servers take seconds to start):
 * two agents' bridges ("node1", "node2") on loopback, server-everything twice (one instance per node) and
 * server-memory over stdio behind them, and server-everything once more speaking Streamable HTTP on its own port
 * (service {@code everything-http}, reached directly, as the gateway reaches streamable-http instances).
 * Services: {@code everything} (groups demo), {@code memory} (groups demo, kb), {@code everything-http}.
 * Tests that change the upstream set put it back as it was.
 */
final class GatewayFixture implements AutoCloseable {

    final Path dir;
    final ProcessRuntime runtime;
    final BridgeServer node1;
    volatile BridgeServer node2;
    final Instance everything1;
    final Instance everything2;
    final Instance memory;
    final Instance everythingHttp;
    final URI everythingHttpEndpoint;
    final TestUpstreams upstreams = new TestUpstreams();

    private static GatewayFixture shared;

    /** The shared fixture; JUnit closes it when all tests are done. */
    static synchronized GatewayFixture shared(ExtensionContext context) {
        if (shared == null) {
            shared = new GatewayFixture();
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(GatewayFixture.class, shared);
        }
        return shared;
    }

    private GatewayFixture() {
        try {
            dir = Files.createTempDirectory("gateway-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        runtime = new ProcessRuntime();
        node1 = new BridgeServer("127.0.0.1", 0, null, BridgeOptions.DEFAULTS);
        node2 = new BridgeServer("127.0.0.1", 0, null, BridgeOptions.DEFAULTS);
        node1.start();
        node2.start();
        int port = new PortAllocator().allocate();
        // Started side by side (each takes a node start and an MCP handshake), on threads of their own: the common
        // pool has one thread on two cores.
        ExecutorService starters = Executors.newVirtualThreadPerTaskExecutor();
        CompletableFuture<Instance> e1 = CompletableFuture.supplyAsync(() -> BridgeFixture.startStdio(runtime, dir,
                "everything-1", "everything", "@modelcontextprotocol/server-everything"), starters);
        CompletableFuture<Instance> e2 = CompletableFuture.supplyAsync(() -> BridgeFixture.startStdio(runtime, dir,
                "everything-2", "everything", "@modelcontextprotocol/server-everything"), starters);
        CompletableFuture<Instance> m = CompletableFuture.supplyAsync(() -> BridgeFixture.startStdio(runtime, dir,
                "memory-1", "memory", "@modelcontextprotocol/server-memory"), starters);
        everythingHttp = runtime.start(InstanceSpec.builder("everything-http-1", "everything-http", "npx")
                .args(List.of("-y", "@modelcontextprotocol/server-everything", "streamableHttp"))
                .transport(InstanceSpec.Transport.STREAMABLE_HTTP).port(port).build(), dir.resolve("everything-http-1"));
        everything1 = e1.join();
        everything2 = e2.join();
        memory = m.join();
        starters.close();
        await().atMost(60, TimeUnit.SECONDS).until(() -> everythingHttp.state() == InstanceState.HEALTHY);
        everythingHttpEndpoint = URI.create("http://127.0.0.1:" + port + "/mcp");
        resetUpstreams();
    }

    /** The upstream set every test starts from. */
    void resetUpstreams() {
        mount(node1, everything1);
        mount(node2, everything2);
        mount(node1, memory);
        upstreams.put(everything());
        upstreams.put(new UpstreamService("memory", Set.of("demo", "kb"),
                List.of(new UpstreamInstance("memory-1", "node1", node1.address("memory-1"), true))));
        upstreams.put(new UpstreamService("everything-http", Set.of(),
                List.of(new UpstreamInstance("everything-http-1", "node3", everythingHttpEndpoint, true))));
    }

    /** An agent restart: node2's listener closes and opens again on the same port, serving everything-2 again. */
    void restartNode2() {
        int port = node2.address("everything-2").getPort();
        node2.close();
        BridgeServer restarted = new BridgeServer("127.0.0.1", port, null, BridgeOptions.DEFAULTS);
        restarted.start();
        restarted.mount(everything2);
        node2 = restarted;
    }

    /** Mounting again would end the sessions other tests' gateways hold. */
    private static void mount(BridgeServer node, Instance instance) {
        if (!node.isMounted(instance.id())) {
            node.mount(instance);
        }
    }

    UpstreamService everything() {
        return new UpstreamService("everything", Set.of("demo"), List.of(
                new UpstreamInstance("everything-1", "node1", node1.address("everything-1"), true),
                new UpstreamInstance("everything-2", "node2", node2.address("everything-2"), true)));
    }

    @Override
    public void close() {
        node1.close();
        node2.close();
        runtime.close();
    }
}
