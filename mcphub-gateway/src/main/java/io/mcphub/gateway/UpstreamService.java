package io.mcphub.gateway;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An MCP service the gateway exposes: its name (the namespace of its tools and prompts, the last segment of
 * {@code /mcp/s/NAME}), the groups it belongs to ({@code /mcp/g/GROUP}) and its instances.
 */
public record UpstreamService(String name, Set<String> groups, List<UpstreamInstance> instances) {

    /** Service names become tool-name prefixes and URI hosts, so they keep to DNS-label characters. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,62}");

    public UpstreamService {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("MCP service name \"" + name + "\" must be 1-63 letters, digits or '-',"
                    + " starting with a letter or digit: it prefixes tool names and is the host of resource URIs");
        }
        groups = Set.copyOf(groups);
        instances = List.copyOf(instances);
    }

    public boolean hasHealthyInstance() {
        return instances.stream().anyMatch(UpstreamInstance::healthy);
    }
}
