package io.mcphub.bench.gateway;

import io.mcphub.deploy.bridge.BridgeOptions;
import io.mcphub.deploy.bridge.BridgeServer;
import io.mcphub.deploy.runtime.Instance;
import io.mcphub.deploy.runtime.InstanceSpec;
import io.mcphub.deploy.runtime.InstanceState;
import io.mcphub.deploy.runtime.process.ProcessRuntime;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * The downstream side, as one agent runs it: {@code instances} copies of server-everything over stdio under the
 * real process runtime, all mounted on one bridge (the agent's one HTTP server) on 127.0.0.1.
 */
final class Downstream implements AutoCloseable {

    static final String SERVICE = "everything";
    static final String NPM_PACKAGE = "@modelcontextprotocol/server-everything";

    final ProcessRuntime runtime = new ProcessRuntime();
    final BridgeServer bridge;
    final List<Instance> instances = new ArrayList<>();
    final List<URI> endpoints = new ArrayList<>();

    /** @param tls null for plain HTTP; else the bridge presents it and demands a client certificate */
    Downstream(Path dir, int count, SSLContext tls) throws Exception {
        bridge = new BridgeServer("127.0.0.1", 0, tls == null ? null : new BridgeServer.Tls(tls, true),
                BridgeOptions.DEFAULTS);
        try {
            bridge.start();
            // Started side by side: each is a node start and an MCP handshake.
            List<CompletableFuture<Instance>> starting = new ArrayList<>();
            try (ExecutorService starters = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 1; i <= count; i++) {
                    String id = SERVICE + "-" + i;
                    starting.add(CompletableFuture.supplyAsync(() -> start(dir, id), starters));
                }
                for (CompletableFuture<Instance> instance : starting) {
                    instances.add(instance.join());
                }
            }
            for (Instance instance : instances) {
                endpoints.add(bridge.mount(instance));
            }
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    private Instance start(Path dir, String id) {
        InstanceSpec spec = InstanceSpec.builder(id, SERVICE, "npx")
                .args("-y", NPM_PACKAGE)
                .transport(InstanceSpec.Transport.STDIO)
                .build();
        Instance instance = runtime.start(spec, dir.resolve(id));
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (instance.state() != InstanceState.HEALTHY) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(id + " not healthy after 90 s (state " + instance.state()
                        + "); is " + NPM_PACKAGE + " installed globally? (bin/test installs it)");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return instance;
    }

    @Override
    public void close() {
        bridge.close();
        runtime.close();
    }
}
