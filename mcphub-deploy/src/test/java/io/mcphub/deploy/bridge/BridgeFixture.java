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
import java.util.concurrent.TimeUnit;

/** server-everything run by the real process runtime and served by a real bridge on a loopback port. */
final class BridgeFixture implements AutoCloseable {

    final ProcessRuntime runtime;
    final Instance instance;
    final BridgeServer server;
    final URI endpoint;

    private BridgeFixture(ProcessRuntime runtime, Instance instance, BridgeServer server, URI endpoint) {
        this.runtime = runtime;
        this.instance = instance;
        this.server = server;
        this.endpoint = endpoint;
    }

    static BridgeFixture start(Path dir, String instanceId, BridgeOptions options) {
        ProcessRuntime runtime = new ProcessRuntime(new Supervision(LogPolicy.DEFAULT, Duration.ofSeconds(5),
                Duration.ofSeconds(60)));
        InstanceSpec spec = InstanceSpec.builder(instanceId, "everything", "npx")
                .args("-y", "@modelcontextprotocol/server-everything")
                .transport(InstanceSpec.Transport.STDIO)
                .restart(new InstanceSpec.Restart(InstanceSpec.Restart.Policy.ALWAYS, Duration.ofMillis(100),
                        Duration.ofSeconds(1)))
                .build();
        Instance instance = runtime.start(spec, dir.resolve(instanceId));
        BridgeServer server = new BridgeServer("127.0.0.1", 0, null, options);
        server.start();
        URI endpoint = server.mount(instance);
        await().atMost(60, TimeUnit.SECONDS).until(() -> instance.state() == InstanceState.HEALTHY);
        return new BridgeFixture(runtime, instance, server, endpoint);
    }

    McpHttpClient client() {
        return new McpHttpClient(endpoint);
    }

    @Override
    public void close() {
        server.close();
        runtime.close();
    }
}
