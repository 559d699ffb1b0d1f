package io.mcphub.cli.command.identity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcphub.cli.common.Json;
import io.mcphub.cli.hub.ClientConfigFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** Local only: the API has no logout route, so the hub's refresh token simply expires unused. */
@Command(name = "logout",
        description = "Remove the tokens from ~/.mcphub/config (its URL and user name stay for the next login).")
public final class LogoutCommand extends IdentityCommandBase {
    private static final List<String> TOKEN_KEYS = List.of(ClientConfigFile.ACCESS_TOKEN, ClientConfigFile.REFRESH_TOKEN,
            ClientConfigFile.ACCESS_EXPIRES_AT, ClientConfigFile.TOKEN);

    @Override
    protected void execute() {
        Path config = ClientConfigFile.defaultPath(cli().home());
        List<String> removed = new ArrayList<>();
        if (Files.exists(config)) {
            ClientConfigFile.update(config, current -> {
                Map<String, String> changes = new LinkedHashMap<>();
                TOKEN_KEYS.stream().filter(current::containsKey).forEach(key -> {
                    changes.put(key, null);
                    removed.add(key);
                });
                return changes;
            });
        }
        ObjectNode result = Json.object().put("config", config.toString());
        removed.forEach(result.putArray("removed")::add);
        print(result, r -> removed.isEmpty() ? "not logged in: " + config + " holds no tokens"
                : "logged out: removed the tokens from " + config);
        if (cli().env("MCPHUB_TOKEN") != null) {
            cli().err().println("note: MCPHUB_TOKEN is still set, and commands keep using it");
        }
    }
}
