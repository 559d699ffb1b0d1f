package io.mcphub.deploy.bridge;

import static org.awaitility.Awaitility.await;

import io.mcphub.deploy.runtime.Instance;
import io.mcphub.deploy.runtime.InstanceSpec;
import io.mcphub.deploy.runtime.InstanceState;
import io.mcphub.deploy.runtime.log.LogPolicy;
import io.mcphub.deploy.runtime.process.ProcessRuntime;
import io.mcphub.deploy.runtime.supervisor.Supervision;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * server-everything run by the real process runtime and served by a real bridge on a loopback port. Public, with
 * {@link #startStdio}, for the gateway's tests, which run several such servers behind bridges.
 */
public final class BridgeFixture implements AutoCloseable {

    public final ProcessRuntime runtime;
    public final Instance instance;
    public final BridgeServer server;
    public final URI endpoint;

    private BridgeFixture(ProcessRuntime runtime, Instance instance, BridgeServer server, URI endpoint) {
        this.runtime = runtime;
        this.instance = instance;
        this.server = server;
        this.endpoint = endpoint;
    }

    public static BridgeFixture start(Path dir, String instanceId, BridgeOptions options) {
        ProcessRuntime runtime = new ProcessRuntime(new Supervision(LogPolicy.DEFAULT, Duration.ofSeconds(5),
                Duration.ofSeconds(60)));
        Instance instance = startStdio(runtime, dir, instanceId, "everything", "@modelcontextprotocol/server-everything");
        BridgeServer server = new BridgeServer("127.0.0.1", 0, null, options);
        server.start();
        URI endpoint = server.mount(instance);
        return new BridgeFixture(runtime, instance, server, endpoint);
    }

    /**
     * Starts an npm MCP server over stdio (installed globally by bin/test, so {@code npx -y} downloads nothing),
     * restarted quickly when it dies, and waits until its MCP ping answers.
     */
    public static Instance startStdio(ProcessRuntime runtime, Path dir, String instanceId, String service,
                                      String npmPackage, String... args) {
        List<String> command = new ArrayList<>(List.of("-y", npmPackage));
        command.addAll(List.of(args));
        InstanceSpec spec = InstanceSpec.builder(instanceId, service, "npx")
                .args(command)
                .transport(InstanceSpec.Transport.STDIO)
                .restart(new InstanceSpec.Restart(InstanceSpec.Restart.Policy.ALWAYS, Duration.ofMillis(100),
                        Duration.ofSeconds(1)))
                .build();
        Instance instance = runtime.start(spec, dir.resolve(instanceId));
        await().atMost(60, TimeUnit.SECONDS).until(() -> instance.state() == InstanceState.HEALTHY);
        return instance;
    }

    public McpHttpClient client() {
        return new McpHttpClient(endpoint);
    }

    @Override
    public void close() {
        server.close();
        runtime.close();
    }
}
