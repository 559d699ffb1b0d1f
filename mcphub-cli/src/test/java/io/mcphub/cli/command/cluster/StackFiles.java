package io.mcphub.cli.command.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.cli.LiveHub;
import io.mcphub.cli.common.CliContext;
import io.mcphub.cli.hub.HubClient;
import io.mcphub.cli.hub.HubSettings;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Stack files the cluster tests share, and what the hub has stored, asked through the CLI's own API class. */
final class StackFiles {
    private StackFiles() {}

    /** Valid, but its services need a node to run on. */
    static String needsANode(String name) {
        return """
                apiVersion: mcphub/v1
                kind: Stack
                metadata: {name: %s}
                services:
                  everything:
                    command: npx
                    args: ["-y", "@modelcontextprotocol/server-everything"]
                    replicas: 2
                """.formatted(name);
    }

    /**
     * Valid and placeable on a hub without nodes: replicas 0 keeps a service declared but stopped, and a server at a
     * url runs elsewhere. Service names carry the stack's, so tests that share a hub never make a name ambiguous.
     */
    static String runsNothing(String name) {
        return """
                apiVersion: mcphub/v1
                kind: Stack
                metadata: {name: %1$s}
                services:
                  %1$s-db:
                    command: npx
                    args: ["-y", "@modelcontextprotocol/server-memory"]
                    replicas: 0
                  %1$s-api:
                    command: npx
                    replicas: 0
                    dependsOn: [%1$s-db]
                  %1$s-weather:
                    url: https://weather.example.com/mcp
                """.formatted(name);
    }

    /** The names of the stacks the hub has stored. */
    static List<String> stored(LiveHub hub) {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        CliContext ctx = CliContext.of(quiet, quiet, InputStream.nullInputStream(), hub.adminEnv());
        try (HubClient client = new HubClient(HubSettings.resolve(ctx, null, null), ctx, "test")) {
            List<String> names = new ArrayList<>();
            for (JsonNode stack : new ClusterApi(client).stacks()) {
                names.add(stack.path("name").asText());
            }
            return names;
        }
    }
}
