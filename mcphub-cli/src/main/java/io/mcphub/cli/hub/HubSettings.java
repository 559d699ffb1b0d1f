package io.mcphub.cli.hub;

import io.mcphub.cli.common.CliContext;
import io.mcphub.cli.common.CliException;
import io.mcphub.cli.common.IoReasons;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Decides which hub to talk to and with which token. Precedence, most specific first: {@code --hub} /
 * {@code --token-file}, then {@code MCPHUB_URL} / {@code MCPHUB_TOKEN}, then {@code ~/.mcphub/config}, then (URL
 * only) the address {@code mcphub dev} listens on.
 */
public final class HubSettings {
    public static final String DEFAULT_URL = "http://127.0.0.1:7420";

    private HubSettings() {}

    public static HubTarget resolve(CliContext ctx, String hubFlag, Path tokenFile) {
        Map<String, String> file = ClientConfigFile.read(ClientConfigFile.defaultPath(ctx.home()));
        URI url = parseUrl(first(hubFlag, ctx.env("MCPHUB_URL"), file.get("url"), DEFAULT_URL));
        String token = tokenFile != null ? readTokenFile(tokenFile) : first(ctx.env("MCPHUB_TOKEN"), file.get("token"));
        if (token == null) {
            throw CliException.failed("no hub token: after 'mcphub dev' has started run 'set -a; . ~/.mcphub/dev/cli.env',"
                    + " or set MCPHUB_TOKEN, pass --token-file FILE, or run 'mcphub login'");
        }
        return new HubTarget(url, token);
    }

    /** Users type "localhost:7420"; a bare host:port means plain HTTP, as for `curl`. */
    static URI parseUrl(String value) {
        String text = value.strip();
        if (!text.contains("://")) {
            text = "http://" + text;
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || uri.getQuery() != null || uri.getFragment() != null) {
                throw invalidUrl(value);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw invalidUrl(value);
        }
    }

    private static CliException invalidUrl(String value) {
        return CliException.usage("'" + value + "' is not a hub URL; give it as http://HOST:PORT (or https://…)");
    }

    private static String readTokenFile(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw CliException.failed("cannot read the token file " + file + " (" + IoReasons.of(e) + "); check --token-file");
        }
        // The first non-blank line, so a file written with `echo` (trailing newline) works.
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst()
                .orElseThrow(() -> CliException.failed("the token file " + file + " is empty; put the hub token in it"));
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
