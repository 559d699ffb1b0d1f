package io.mcphub.deploy.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where the official TypeScript MCP SDK is installed: bin/test installs {@code @modelcontextprotocol/sdk} globally;
 * server-everything also carries a copy, which is used when the global one is missing. Shared with the gateway's
 * tests, which drive the gateway with the same client.
 */
public final class TypeScriptSdk {

    private TypeScriptSdk() {}

    public static Path locate() throws IOException, InterruptedException {
        Process npm = new ProcessBuilder("npm", "root", "-g").redirectErrorStream(true).start();
        Path root = Path.of(new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
        npm.waitFor();
        Optional<Path> sdk = List.of(root.resolve("@modelcontextprotocol/sdk"),
                        root.resolve("@modelcontextprotocol/server-everything/node_modules/@modelcontextprotocol/sdk"))
                .stream().filter(p -> Files.exists(p.resolve("dist/esm/client/streamableHttp.js"))).findFirst();
        assertThat(sdk).as("@modelcontextprotocol/sdk under " + root + "; bin/test installs it with npm").isPresent();
        return sdk.get();
    }
}
