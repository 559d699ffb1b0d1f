package io.mcphub.core.stack;

import java.util.List;
import java.util.Map;

/** Reads one service and holds it to the rules between its fields. */
final class ServiceReader {

    static final List<String> FIELDS = List.of("type", "runtime", "command", "args", "image", "env", "workdir", "port",
            "transport", "url", "path", "replicas", "dependsOn", "placement", "health", "restart", "config", "secrets",
            "resources", "labels");

    /** The service, and its dependencies as written, which only the whole stack can check. */
    record Read(ServiceSpec spec, List<Text> dependsOn) {}

    private ServiceReader() {}

    static Read read(String name, SpecObject s) {
        s.allow(FIELDS, "docs/stacks.md lists the fields of a service");
        ServiceType type = s.choice("type", ServiceType.class, "service type").orElse(ServiceType.MCP);
        RuntimeKind runtime = s.choice("runtime", RuntimeKind.class, "runtime").orElse(RuntimeKind.AUTO);
        String command = s.text("command").orElse(null);
        String image = s.text("image").orElse(null);
        Endpoint endpoint = Endpoint.read(s, type);
        RunRules.check(s, runtime, s.has("url")); // even a malformed url says the hub is not to run it
        Map<String, Text> env = EnvReader.env(s);
        boolean listens = ServiceSpec.listens(type, endpoint.transport(), endpoint.url());
        if (listens && env.containsKey(ServiceSpec.PORT_ENV)) {
            s.problems().report(env.get(ServiceSpec.PORT_ENV).at(), "PORT is set by the hub to the instance's own "
                    + "port; remove it, or fix the port with port: N");
        }
        List<Text> dependsOn = s.texts("dependsOn");
        s.problems().unique(dependsOn, "name each dependency once");
        ServiceSpec spec = new ServiceSpec(name, type, runtime, command,
                s.texts("args").stream().map(Text::value).toList(), image, SpecObject.values(env),
                s.text("workdir").orElse(null), endpoint.port(), endpoint.transport(), endpoint.url(), endpoint.path(),
                replicas(s), dependsOn.stream().map(Text::value).toList(), SchedulingReader.placement(s),
                LifecycleReader.health(s, type, listens || endpoint.external()), LifecycleReader.restart(s),
                ConfigRefReader.config(s), EnvReader.secrets(s, env), SchedulingReader.resources(s),
                Labels.read(s, "labels"));
        return new Read(spec, dependsOn);
    }

    private static int replicas(SpecObject s) {
        return s.require("replicas", s.whole("replicas"), n -> n >= 0 && n <= Integer.MAX_VALUE,
                        n -> n < 0 ? n + " is not a number of replicas; use 0 or more (0 keeps the service declared "
                                + "but stopped)" : n + " is too large")
                .map(Long::intValue).orElse(1);
    }
}
