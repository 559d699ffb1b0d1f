package io.mcphub.deploy.runtime.health;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcphub.deploy.runtime.McpChannel;
import io.mcphub.deploy.runtime.mcp.JsonRpc;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** MCP's own liveness check: {@code ping} over the stdio channel must come back with a result. */
public final class McpPingCheck implements HealthCheck {

    private final McpChannel channel;
    private final Duration timeout;

    public McpPingCheck(McpChannel channel, Duration timeout) {
        this.channel = channel;
        this.timeout = timeout;
    }

    @Override
    public HealthResult check() {
        long started = System.nanoTime();
        try {
            McpChannel.Call call = channel.call(JsonRpc.request(0, "ping", null));
            ObjectNode response = call.response().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (response.has("result")) {
                return HealthResult.ok("ping: " + (System.nanoTime() - started) / 1_000_000 + " ms");
            }
            return HealthResult.failed("ping: " + response.path("error").path("message").asText("error"));
        } catch (TimeoutException e) {
            return HealthResult.failed("ping: no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            return HealthResult.failed("ping: " + e.getCause().getMessage());
        } catch (RuntimeException e) {
            return HealthResult.failed("ping: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthResult.failed("ping: interrupted");
        }
    }
}
