package io.mcphub.agent;

import io.mcphub.core.Json;
import io.mcphub.core.agentapi.Assignment;
import io.mcphub.core.stack.HealthCheck;
import io.mcphub.core.stack.RestartPolicy;
import io.mcphub.core.stack.ServiceSpec;
import io.mcphub.core.stack.ServiceType;
import io.mcphub.core.stack.Transport;
import io.mcphub.deploy.runtime.InstanceSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns an assignment (the stack's service spec as the hub sent it) into what the process runtime starts. */
final class InstanceSpecs {

    private InstanceSpecs() {}

    static ServiceSpec service(Assignment a) {
        return Json.JSON.convertValue(a.spec(), ServiceSpec.class);
    }

    /** {@code port} is the instance's own: the spec's fixed one, or one the agent allocated (null when it does not listen). */
    static InstanceSpec of(Assignment a, ServiceSpec s, Integer port) {
        Map<String, String> env = new LinkedHashMap<>(s.env());
        env.putAll(a.secrets());
        env.put("MCPHUB_INSTANCE", a.id());
        env.put("MCPHUB_SERVICE", a.stack() + "/" + a.service());
        InstanceSpec.Transport transport = transport(s);
        return new InstanceSpec(a.id(), a.stack() + "/" + a.service(), a.runtime().equals("process") ? null : s.image(), s.command(), s.args(), env, s.workdir(), port,
                transport, health(s.health(), transport), restart(s.restart()),
                new InstanceSpec.Resources(s.resources().cpu(), s.resources().memoryMb()), a.secrets().keySet());
    }

    private static InstanceSpec.Transport transport(ServiceSpec s) {
        if (s.type() == ServiceType.HTTP || s.transport() == null) {
            return InstanceSpec.Transport.NONE;
        }
        return s.transport() == Transport.STDIO ? InstanceSpec.Transport.STDIO
                : s.transport() == Transport.SSE ? InstanceSpec.Transport.SSE : InstanceSpec.Transport.STREAMABLE_HTTP;
    }

    /** The process runtime pings over stdio; a server on HTTP is checked by connecting to its port until it pings too. */
    private static InstanceSpec.Health health(HealthCheck h, InstanceSpec.Transport transport) {
        InstanceSpec.Health.Type type = switch (h.type()) {
            case MCP_PING -> transport == InstanceSpec.Transport.STDIO ? InstanceSpec.Health.Type.MCP_PING : InstanceSpec.Health.Type.TCP;
            case HTTP -> InstanceSpec.Health.Type.HTTP;
            case TCP -> InstanceSpec.Health.Type.TCP;
            case NONE -> InstanceSpec.Health.Type.NONE;
        };
        return new InstanceSpec.Health(type, h.path(), h.interval(), h.timeout(), h.failureThreshold(), h.startPeriod());
    }

    private static InstanceSpec.Restart restart(RestartPolicy r) {
        InstanceSpec.Restart.Policy policy = switch (r.policy()) {
            case ALWAYS -> InstanceSpec.Restart.Policy.ALWAYS;
            case ON_FAILURE -> InstanceSpec.Restart.Policy.ON_FAILURE;
            case NEVER -> InstanceSpec.Restart.Policy.NEVER;
        };
        return new InstanceSpec.Restart(policy, r.backoff().initial(), r.backoff().max());
    }
}
