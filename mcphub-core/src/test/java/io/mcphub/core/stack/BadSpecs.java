package io.mcphub.core.stack;

import java.util.List;

/**
 * Specs with exactly one problem each, and the exact error the parser gives for it. Shared by the parser's tests
 * and by the check that docs/stacks.md shows only errors the parser really gives.
 */
final class BadSpecs {

    record BadSpec(String name, String yaml, String detail) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final String HEADER = """
            apiVersion: mcphub/v1
            kind: Stack
            metadata: {name: demo}
            services:
            """;

    static final List<BadSpec> ALL = List.of(
            new BadSpec("theIssueExampleMistyped", """
                    apiVersion: mcphub/v1
                    kind: Stack
                    metadata: {name: demo}
                    services:
                      everything:
                        type: mcp
                        runtime: process
                        command: npx
                        args: ["-y", "@modelcontextprotocol/server-everything"]
                        transport: stdio
                        replicas: 2
                      memory:
                        type: mcp
                        runtime: auto
                        command: npx
                        args: ["-y", "@modelcontextprotocol/server-memory"]
                        transport: stdio
                        dependsOn: [everythng]
                    """,
                    "stack.yaml:18:17: services.memory.dependsOn[0]: unknown service \"everythng\" (did you mean \"everything\"?)"),
            new BadSpec("unknownMetadataField", """
                    apiVersion: mcphub/v1
                    kind: Stack
                    metadata: {name: demo, labls: {team: a}}
                    services:
                      memory: {command: npx}
                    """,
                    "stack.yaml:3:31: metadata.labls: unknown field (did you mean \"labels\"?); metadata has only name and labels"),
            new BadSpec("unknownServiceField", HEADER + """
                      memory:
                        command: npx
                        dependson: [everything]
                    """,
                    "stack.yaml:7:16: services.memory.dependson: unknown field (did you mean \"dependsOn\"?); docs/stacks.md lists the fields of a service"),
            new BadSpec("unknownTopField", """
                    apiVersion: mcphub/v1
                    kind: Stack
                    metadata: {name: demo}
                    service:
                      memory: {command: npx}
                    services:
                      memory: {command: npx}
                    """,
                    "stack.yaml:5:3: service: unknown field (did you mean \"services\"?); a stack has only apiVersion, kind, metadata and services"),
            new BadSpec("wrongTypeInteger", HEADER + """
                      memory:
                        command: npx
                        replicas: two
                    """,
                    "stack.yaml:7:15: services.memory.replicas: must be a whole number, not a string"),
            new BadSpec("wrongTypeList", HEADER + """
                      memory:
                        command: npx
                        args: -y
                    """,
                    "stack.yaml:7:11: services.memory.args: must be a list such as [a, b], not a string"),
            new BadSpec("wrongTypeObject", HEADER + """
                      memory:
                        command: npx
                        placement: [node1]
                    """,
                    "stack.yaml:7:16: services.memory.placement: must be an object such as {nodes: [node-1], labels: {zone: eu}}, not a list"),
            new BadSpec("wrongApiVersion", """
                    apiVersion: v1
                    kind: Stack
                    metadata: {name: demo}
                    services:
                      memory: {command: npx}
                    """,
                    "stack.yaml:1:13: apiVersion: \"v1\" is not a supported apiVersion; write apiVersion: mcphub/v1"),
            new BadSpec("wrongKind", """
                    apiVersion: mcphub/v1
                    kind: Deployment
                    metadata: {name: demo}
                    services:
                      memory: {command: npx}
                    """,
                    "stack.yaml:2:7: kind: \"Deployment\" is not a kind this file can have; write kind: Stack"),
            new BadSpec("missingApiVersion", """
                    kind: Stack
                    metadata: {name: demo}
                    services:
                      memory: {command: npx}
                    """,
                    "stack.yaml:1:1: apiVersion: missing; write apiVersion: mcphub/v1"),
            new BadSpec("missingMetadataName", """
                    apiVersion: mcphub/v1
                    kind: Stack
                    metadata:
                      labels: {team: a}
                    services:
                      memory: {command: npx}
                    """,
                    "stack.yaml:4:3: metadata.name: missing; name the stack, e.g. name: demo"),
            new BadSpec("badStackName", """
                    apiVersion: mcphub/v1
                    kind: Stack
                    metadata: {name: My Demo}
                    services:
                      memory: {command: npx}
                    """,
                    "stack.yaml:3:18: metadata.name: \"My Demo\" is not a valid stack name; use up to 63 lower-case letters, digits and '-', starting and ending with a letter or digit, e.g. my-demo"),
            new BadSpec("badServiceName", HEADER + """
                      Memory_DB:
                        command: npx
                    """,
                    "stack.yaml:6:5: services.Memory_DB: \"Memory_DB\" is not a valid service name; use up to 63 lower-case letters, digits and '-', starting and ending with a letter or digit, e.g. memory-db"),
            new BadSpec("unknownRuntime", HEADER + """
                      everything:
                        runtime: podman
                        command: npx
                    """,
                    "stack.yaml:6:14: services.everything.runtime: unknown runtime \"podman\"; use process, docker, kubernetes or auto"),
            new BadSpec("runtimeTypo", HEADER + """
                      everything:
                        runtime: dokcer
                        image: mcp/everything
                    """,
                    "stack.yaml:6:14: services.everything.runtime: unknown runtime \"dokcer\" (did you mean \"docker\"?); use process, docker, kubernetes or auto"),
            new BadSpec("unknownType", HEADER + """
                      everything:
                        type: grpc
                        command: npx
                    """,
                    "stack.yaml:6:11: services.everything.type: unknown service type \"grpc\"; use mcp or http"),
            new BadSpec("imageOnProcess", HEADER + """
                      everything:
                        runtime: process
                        command: npx
                        image: mcp/everything:latest
                    """,
                    "stack.yaml:8:12: services.everything.image: a process service runs a command, not an image; remove image or set runtime: docker"),
            new BadSpec("missingCommand", HEADER + """
                      everything:
                        runtime: process
                        args: [-y, server-everything]
                    """,
                    "stack.yaml:6:5: services.everything.command: missing; a process service needs a command to run, e.g. command: npx"),
            new BadSpec("missingImage", HEADER + """
                      everything:
                        runtime: docker
                        command: node
                    """,
                    "stack.yaml:6:5: services.everything.image: missing; a docker service needs an image to run, e.g. image: ghcr.io/acme/weather-mcp:1.2"),
            new BadSpec("autoNeedsSomething", HEADER + """
                      everything:
                        transport: stdio
                    """,
                    "stack.yaml:6:5: services.everything.command: missing; runtime auto needs a command to run as a process, an image to run in a container, or both"),
            new BadSpec("unknownDependency", HEADER + """
                      everything:
                        command: npx
                      memory:
                        command: npx
                        dependsOn: [everythng]
                    """,
                    "stack.yaml:9:17: services.memory.dependsOn[0]: unknown service \"everythng\" (did you mean \"everything\"?)"),
            new BadSpec("unknownDependencyNoSuggestion", HEADER + """
                      everything:
                        command: npx
                      memory:
                        command: npx
                        dependsOn: [postgres]
                    """,
                    "stack.yaml:9:17: services.memory.dependsOn[0]: unknown service \"postgres\"; the stack declares everything, memory"),
            new BadSpec("cycle", HEADER + """
                      a:
                        command: npx
                        dependsOn: [b]
                      b:
                        command: npx
                        dependsOn: [c]
                      c:
                        command: npx
                        dependsOn: [a]
                    """,
                    "stack.yaml:13:17: services.c.dependsOn[0]: services form a cycle: a → b → c → a; remove one of these dependencies"),
            new BadSpec("selfDependency", HEADER + """
                      a:
                        command: npx
                        dependsOn: [a]
                    """,
                    "stack.yaml:7:17: services.a.dependsOn[0]: \"a\" depends on itself; remove it from dependsOn"),
            new BadSpec("repeatedDependency", HEADER + """
                      a:
                        command: npx
                      b:
                        command: npx
                        dependsOn: [a, a]
                    """,
                    "stack.yaml:9:20: services.b.dependsOn[1]: \"a\" is listed twice (first at services.b.dependsOn[0]); name each dependency once"),
            new BadSpec("transportOnHttpService", HEADER + """
                      orders:
                        type: http
                        image: acme/orders
                        transport: stdio
                    """,
                    "stack.yaml:8:16: services.orders.transport: an http service is not an MCP server, so it has no transport; remove transport or set type: mcp"),
            new BadSpec("urlWithStdio", HEADER + """
                      weather:
                        transport: stdio
                        url: https://weather.example.com/mcp
                    """,
                    "stack.yaml:7:10: services.weather.url: a stdio server is reached through its standard input and output, not a URL; remove url or set transport: streamable-http"),
            new BadSpec("portOnStdio", HEADER + """
                      memory:
                        command: npx
                        port: 8080
                    """,
                    "stack.yaml:7:11: services.memory.port: a stdio server does not listen on a port; remove port or set transport: streamable-http"),
            new BadSpec("pathOnStdio", HEADER + """
                      memory:
                        command: npx
                        path: /mcp
                    """,
                    "stack.yaml:7:11: services.memory.path: a stdio server has no HTTP endpoint; remove path or set transport: streamable-http"),
            new BadSpec("urlWithCommand", HEADER + """
                      weather:
                        command: npx
                        url: https://weather.example.com/mcp
                    """,
                    "stack.yaml:7:10: services.weather.url: names a server the hub does not run, so the service cannot also have a command or an image; remove url to have the hub run it, or remove command and image"),
            new BadSpec("runFieldOnUrl", HEADER + """
                      weather:
                        url: https://weather.example.com/mcp
                        replicas: 2
                    """,
                    "stack.yaml:7:15: services.weather.replicas: does not apply to a service at a url, which the hub does not run; remove it"),
            new BadSpec("badUrl", HEADER + """
                      weather:
                        url: weather.example.com
                    """,
                    "stack.yaml:6:10: services.weather.url: \"weather.example.com\" is not an http:// or https:// URL, e.g. https://mcp.example.com/mcp"),
            new BadSpec("negativeReplicas", HEADER + """
                      memory:
                        command: npx
                        replicas: -1
                    """,
                    "stack.yaml:7:15: services.memory.replicas: -1 is not a number of replicas; use 0 or more (0 keeps the service declared but stopped)"),
            new BadSpec("portOutOfRange", HEADER + """
                      everything:
                        command: npx
                        transport: streamable-http
                        port: 70000
                    """,
                    "stack.yaml:8:11: services.everything.port: 70000 is not a port; use 1 to 65535, or leave port out to get a free one"),
            new BadSpec("duplicateEnv", HEADER + """
                      memory:
                        command: npx
                        env: [LOG_LEVEL=debug, LOG_LEVEL=info]
                    """,
                    "stack.yaml:7:28: services.memory.env[1]: \"LOG_LEVEL\" is listed twice (first at services.memory.env[0]); set each variable once"),
            new BadSpec("envAndSecret", HEADER + """
                      memory:
                        command: npx
                        env: {DB_PASSWORD: x}
                        secrets: {DB_PASSWORD: "memory/db#/password"}
                    """,
                    "stack.yaml:8:28: services.memory.secrets.DB_PASSWORD: \"DB_PASSWORD\" is also set in env (services.memory.env.DB_PASSWORD); a variable comes from env or from secrets, not both"),
            new BadSpec("portInEnv", HEADER + """
                      orders:
                        type: http
                        command: java
                        env: {PORT: 8080}
                    """,
                    "stack.yaml:8:17: services.orders.env.PORT: PORT is set by the hub to the instance's own port; remove it, or fix the port with port: N"),
            new BadSpec("badEnvName", HEADER + """
                      memory:
                        command: npx
                        env: {log-level: debug}
                    """,
                    "stack.yaml:7:22: services.memory.env.log-level: \"log-level\" is not an environment variable name; use letters, digits and '_', not starting with a digit, e.g. API_KEY"),
            new BadSpec("badConfigKey", HEADER + """
                      memory:
                        command: npx
                        config: [Memory/Settings]
                    """,
                    "stack.yaml:7:14: services.memory.config[0]: \"Memory/Settings\" is not a configuration key; use SERVICE or SERVICE/NAME with lower-case letters, digits, '.', '_' and '-', e.g. payment or payment/db"),
            new BadSpec("configKeyThreeParts", HEADER + """
                      memory:
                        command: npx
                        config: [a/b/c]
                    """,
                    "stack.yaml:7:14: services.memory.config[0]: \"a/b/c\" is not a configuration key; use SERVICE or SERVICE/NAME with lower-case letters, digits, '.', '_' and '-', e.g. payment or payment/db"),
            new BadSpec("fileReloadWithoutPath", HEADER + """
                      memory:
                        command: npx
                        config:
                          - {key: memory, reload: file}
                    """,
                    "stack.yaml:8:9: services.memory.config[0].path: missing; reload: file writes the document to a file; say which, e.g. path: config/settings.json"),
            new BadSpec("configPathOutside", HEADER + """
                      memory:
                        command: npx
                        config:
                          - {key: memory, reload: file, path: ../../etc/cron.d/x}
                    """,
                    "stack.yaml:8:43: services.memory.config[0].path: \"../../etc/cron.d/x\" must be a relative path inside the instance's working directory, e.g. config/settings.json"),
            new BadSpec("configSignalUnknown", HEADER + """
                      memory:
                        command: npx
                        config:
                          - {key: memory, reload: file, path: m.json, signal: SIGHUP}
                    """,
                    "stack.yaml:8:59: services.memory.config[0].signal: \"SIGHUP\" is not a signal name; use one such as HUP, USR1 or USR2 (without SIG)"),
            new BadSpec("configSignalWithoutFile", HEADER + """
                      memory:
                        command: npx
                        config:
                          - {key: memory, reload: restart, signal: HUP}
                    """,
                    "stack.yaml:8:48: services.memory.config[0].signal: only a reload: file document signals the process after rewriting it; remove signal or use reload: file"),
            new BadSpec("badSecretRef", HEADER + """
                      memory:
                        command: npx
                        secrets: {API_KEY: memory}
                    """,
                    "stack.yaml:7:24: services.memory.secrets.API_KEY: \"memory\" is not a secret reference; write CONFIG-KEY#/json/pointer, e.g. payment/db#/password"),
            new BadSpec("badDuration", HEADER + """
                      memory:
                        command: npx
                        health: {interval: 10}
                    """,
                    "stack.yaml:7:24: services.memory.health.interval: must be a duration, not a whole number; write a number with a unit, e.g. 500ms, 10s, 2m or 1h"),
            new BadSpec("mcpPingOnHttp", HEADER + """
                      orders:
                        type: http
                        image: acme/orders
                        health: {type: mcp-ping}
                    """,
                    "stack.yaml:8:20: services.orders.health.type: an http service does not speak MCP; use http, tcp or none"),
            new BadSpec("tcpOnStdio", HEADER + """
                      memory:
                        command: npx
                        health: {type: tcp}
                    """,
                    "stack.yaml:7:20: services.memory.health.type: a stdio server has no port to probe; use mcp-ping or none"),
            new BadSpec("unknownRestartPolicy", HEADER + """
                      memory:
                        command: npx
                        restart: {policy: sometimes}
                    """,
                    "stack.yaml:7:23: services.memory.restart.policy: unknown restart policy \"sometimes\"; use always, on-failure or never"),
            new BadSpec("emptyServices", """
                    apiVersion: mcphub/v1
                    kind: Stack
                    metadata: {name: demo}
                    services: {}
                    """,
                    "stack.yaml:4:11: services: is empty; declare at least one service"),
            new BadSpec("emptyService", HEADER + """
                      memory:
                      everything:
                        command: npx
                    """,
                    "stack.yaml:5:10: services.memory: is empty; a service needs at least a command or an image, e.g. command: npx"),
            new BadSpec("topLevelList", """
                    - apiVersion: mcphub/v1
                    """,
                    "stack.yaml:1:1: must be a stack: an object with apiVersion: mcphub/v1, kind: Stack, metadata.name and services, not a list"),
            new BadSpec("emptyDocument", """
                    # nothing yet
                    """,
                    "stack.yaml: the document is empty; a stack has apiVersion: mcphub/v1, kind: Stack, metadata.name and services"));

    private BadSpecs() {}
}
