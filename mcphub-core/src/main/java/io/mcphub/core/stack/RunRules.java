package io.mcphub.core.stack;

import java.util.List;

/** What a runtime needs: a process runs a command, a container an image; a server at a url is not run at all. */
final class RunRules {

    /** Fields that say how the hub runs instances, and so mean nothing for a server at a url. */
    static final List<String> RUN_ONLY = List.of("runtime", "args", "workdir", "env", "secrets", "replicas",
            "placement", "restart", "resources");

    private RunRules() {}

    static void check(SpecObject s, RuntimeKind runtime, boolean external) {
        if (external) {
            if (s.has("command") || s.has("image")) {
                s.report("url", "names a server the hub does not run, so the service cannot also have a command or "
                        + "an image; remove url to have the hub run it, or remove command and image");
            }
            RUN_ONLY.stream().filter(s::has).forEach(field -> s.report(field,
                    "does not apply to a service at a url, which the hub does not run; remove it"));
            return;
        }
        switch (runtime) {
            case PROCESS -> {
                if (s.has("image")) {
                    s.report("image", "a process service runs a command, not an image; remove image or set "
                            + "runtime: docker");
                }
                if (!s.has("command")) {
                    s.missing("command", "a process service needs a command to run, e.g. command: npx");
                }
            }
            case DOCKER, KUBERNETES -> {
                if (!s.has("image")) {
                    s.missing("image", "a " + runtime.spelling() + " service needs an image to run, e.g. "
                            + "image: ghcr.io/acme/weather-mcp:1.2");
                }
            }
            case AUTO -> {
                if (!s.has("command") && !s.has("image")) {
                    s.missing("command", "runtime auto needs a command to run as a process, an image to run in a "
                            + "container, or both");
                }
            }
        }
    }
}
