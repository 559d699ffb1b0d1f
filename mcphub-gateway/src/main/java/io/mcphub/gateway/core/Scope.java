package io.mcphub.gateway.core;

import io.mcphub.gateway.UpstreamService;

/** Which services an endpoint offers: all ({@code /mcp}), a group's ({@code /mcp/g/GROUP}) or one ({@code /mcp/s/NAME}). */
public sealed interface Scope {

    boolean includes(UpstreamService service);

    /** Whether names and URIs carry their service: not on a one-service endpoint, where they cannot collide. */
    default boolean namespaced() {
        return true;
    }

    /** The endpoint's path below the mount point, for messages and the legacy transport's endpoint event. */
    String path();

    record All() implements Scope {
        @Override
        public boolean includes(UpstreamService service) {
            return true;
        }

        @Override
        public String path() {
            return "/mcp";
        }
    }

    record Group(String name) implements Scope {
        @Override
        public boolean includes(UpstreamService service) {
            return service.groups().contains(name);
        }

        @Override
        public String path() {
            return "/mcp/g/" + name;
        }
    }

    record Service(String name) implements Scope {
        @Override
        public boolean includes(UpstreamService service) {
            return service.name().equals(name);
        }

        @Override
        public boolean namespaced() {
            return false;
        }

        @Override
        public String path() {
            return "/mcp/s/" + name;
        }
    }
}
