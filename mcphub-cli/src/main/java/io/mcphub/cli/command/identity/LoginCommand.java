package io.mcphub.cli.command.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcphub.cli.command.PasswordInput;
import io.mcphub.cli.command.Terminal;
import io.mcphub.cli.common.CliException;
import io.mcphub.cli.common.Json;
import io.mcphub.cli.hub.ClientConfigFile;
import io.mcphub.cli.hub.HubSettings;
import io.mcphub.cli.hub.HubTarget;
import io.mcphub.cli.hub.Session;
import java.io.Console;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "login", description = {"Log in to a hub and keep the login in ~/.mcphub/config (readable by you only).",
        "The access token lasts minutes and is renewed with the refresh token when it expires; MCPHUB_TOKEN and "
                + "--token-file still win over the login."})
public final class LoginCommand extends IdentityCommandBase {
    @Option(names = "--user", paramLabel = "NAME",
            description = "Who to log in as (default: the user of the last login, else asked for at the terminal).")
    String user;

    @Mixin
    PasswordInput password;

    /** Logging in is how one gets a token, so the hub is asked without one. */
    @Override
    protected HubTarget target() {
        return HubSettings.anonymous(cli(), root().hubUrl());
    }

    @Override
    protected void execute() {
        Path config = ClientConfigFile.defaultPath(cli().home());
        URI url = hub().target().url();
        String name = userName(config);
        String secret = password.read(cli(), "password for " + name + " at " + url, false);
        Instant now = Instant.now();
        JsonNode answer = identity().login(name, secret);
        Session session = Session.fromAnswer(answer, name, null, now);
        ClientConfigFile.update(config, current -> {
            Map<String, String> changes = new LinkedHashMap<>();
            changes.put(ClientConfigFile.URL, url.toString());
            changes.putAll(session.settings());
            return changes;
        });
        ObjectNode result = Json.object().put("url", url.toString()).put("user", session.user())
                .put("expiresAt", session.accessExpiresAt() == null ? null : session.accessExpiresAt().toString())
                .put("config", config.toString());
        JsonNode expiresIn = answer.path("expires_in");
        print(result, r -> "logged in to " + url + " as " + session.user() + " (token valid "
                + (expiresIn.canConvertToLong() ? duration(expiresIn.asLong()) + ", " : "") + "refreshed automatically)");
        if (cli().env("MCPHUB_TOKEN") != null) {
            cli().err().println("note: MCPHUB_TOKEN is set and wins over this login; unset it to use the login");
        }
    }

    private String userName(Path config) {
        if (user != null && !user.isBlank()) {
            return user.strip();
        }
        String last = ClientConfigFile.read(config).get(ClientConfigFile.USER);
        if (last != null) {
            return last;
        }
        Console console = Terminal.console();
        String typed = console == null ? null : console.readLine("user: ");
        if (typed == null || typed.isBlank()) {
            throw CliException.usage("no user name; pass --user NAME");
        }
        return typed.strip();
    }

    /** 900 → "15 minutes": the hub gives seconds, people think in the largest whole unit. */
    static String duration(long seconds) {
        if (seconds >= 3600 && seconds % 3600 == 0) {
            return plural(seconds / 3600, "hour");
        }
        if (seconds >= 60 && seconds % 60 == 0) {
            return plural(seconds / 60, "minute");
        }
        return plural(seconds, "second");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
