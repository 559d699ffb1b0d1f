package io.mcphub.deploy.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcphub.core.Json;
import io.mcphub.deploy.runtime.InstanceSpec.Health;
import io.mcphub.deploy.runtime.InstanceSpec.Restart;
import io.mcphub.deploy.runtime.InstanceSpec.Transport;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InstanceSpecTest {

    @Test
    void defaultsFollowTheTransport() {
        InstanceSpec stdio = InstanceSpec.builder("a", "svc", "npx").transport(Transport.STDIO).build();
        InstanceSpec listening = InstanceSpec.builder("b", "svc", "web").port(8080).build();
        InstanceSpec plain = InstanceSpec.builder("c", "svc", "worker").build();

        assertThat(stdio.health().type()).isEqualTo(Health.Type.MCP_PING);
        assertThat(listening.health().type()).isEqualTo(Health.Type.TCP);
        assertThat(plain.health().type()).isEqualTo(Health.Type.NONE);
        assertThat(plain.transport()).isEqualTo(Transport.NONE);
        assertThat(plain.restart()).isEqualTo(Restart.DEFAULT);
        assertThat(plain.restart().stableAfter()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void badSpecsAreRefusedWithWhatToDo() {
        assertThatThrownBy(() -> InstanceSpec.builder("../etc", "svc", "x").build())
                .hasMessageContaining("instanceId must be").hasMessageContaining("\"../etc\"");
        assertThatThrownBy(() -> InstanceSpec.builder("a", "svc", " ").build()).hasMessageContaining("command is required");
        assertThatThrownBy(() -> InstanceSpec.builder("a", "svc", "x").port(70000).build()).hasMessageContaining("1-65535");
        assertThatThrownBy(() -> InstanceSpec.builder("a", "svc", "x").health(Health.of(Health.Type.MCP_PING)).build())
                .hasMessageContaining("mcp-ping needs transport stdio");
        assertThatThrownBy(() -> InstanceSpec.builder("a", "svc", "x").health(Health.of(Health.Type.HTTP)).build())
                .hasMessageContaining("health http needs a port");
        assertThatThrownBy(() -> new Restart(Restart.Policy.ALWAYS, Duration.ofSeconds(5), Duration.ofSeconds(1)))
                .hasMessageContaining("must not be shorter than initialBackoff");
        assertThatThrownBy(() -> new Health(Health.Type.TCP, null, Duration.ZERO, null, 1, null))
                .hasMessageContaining("health interval must be positive");
        assertThatThrownBy(() -> Transport.parse("websocket"))
                .hasMessage("unknown transport \"websocket\"; use one of stdio, streamable-http, sse, none");
    }

    @Test
    void enumsUseTheirStackFileNamesInJson() {
        InstanceSpec spec = InstanceSpec.builder("a", "svc", "x").transport(Transport.STREAMABLE_HTTP).port(9000)
                .restart(new Restart(Restart.Policy.ON_FAILURE, null, null)).build();

        String json = Json.write(spec);

        assertThat(json).contains("\"transport\":\"streamable-http\"", "\"policy\":\"on-failure\"", "\"type\":\"tcp\"");
        assertThat(Json.read(json.getBytes(), InstanceSpec.class)).isEqualTo(spec);
    }
}
