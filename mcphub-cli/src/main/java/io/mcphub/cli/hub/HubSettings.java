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
 * {@code --token-file}, then {@code MCPHUB_URL} / {@code MCPHUB_TOKEN}, then {@code ~/.mcphub/config} (its login
 * before its plain {@code token}), then (URL only) the address {@code mcphub dev} listens on.
 */
public final class HubSettings {
    public static final String DEFAULT_URL = "http://127.0.0.1:7420";

    private HubSettings() {}

    public static HubTarget resolve(CliContext ctx, String hubFlag, Path tokenFile) {
        Path config = ClientConfigFile.defaultPath(ctx.home());
        Map<String, String> file = ClientConfigFile.read(config);
        URI url = url(ctx, hubFlag, file);
        return new HubTarget(url, credentials(ctx, tokenFile, config, file, url));
    }

    /** For {@code mcphub login}: the hub to log in to, and no token (that is what login is for). */
    public static HubTarget anonymous(CliContext ctx, String hubFlag) {
        return new HubTarget(url(ctx, hubFlag, ClientConfigFile.read(ClientConfigFile.defaultPath(ctx.home()))),
                Credentials.NONE);
    }

    private static URI url(CliContext ctx, String hubFlag, Map<String, String> file) {
        return parseUrl(first(hubFlag, ctx.env("MCPHUB_URL"), file.get(ClientConfigFile.URL), DEFAULT_URL));
    }

    /**
     * A login is used only for the hub it was made at: its tokens are not shown to another hub. The plain
     * {@code token} key keeps its old meaning (any hub), as files written before login existed expect.
     */
    private static Credentials credentials(CliContext ctx, Path tokenFile, Path config, Map<String, String> file, URI url) {
        if (tokenFile != null) {
            return new Credentials.Fixed(readTokenFile(tokenFile), "the token in " + tokenFile,
                    "put a valid token in it, or leave out --token-file and run 'mcphub login'");
        }
        String env = ctx.env("MCPHUB_TOKEN");
        if (env != null) {
            return new Credentials.Fixed(env, "the token in MCPHUB_TOKEN", "load a current one with 'set -a; . "
                    + "~/.mcphub/dev/cli.env', or unset MCPHUB_TOKEN and run 'mcphub login'");
        }
        Session session = Session.read(file);
        String loginHub = file.get(ClientConfigFile.URL);
        if (session != null && (loginHub == null || sameHub(url, loginHub))) {
            return new LoginSession(config, session);
        }
        String token = file.get(ClientConfigFile.TOKEN);
        if (token != null) {
            return new Credentials.Fixed(token, "the token in " + config,
                    "run 'mcphub login', or load cli.env with 'set -a; . ~/.mcphub/dev/cli.env'");
        }
        if (session != null) {
            throw CliException.failed("you are logged in to " + loginHub + ", not to " + url + "; run 'mcphub login --hub "
                    + url + "' or set MCPHUB_TOKEN");
        }
        throw CliException.failed("no hub token: after 'mcphub dev' has started run 'set -a; . ~/.mcphub/dev/cli.env',"
                + " or set MCPHUB_TOKEN, pass --token-file FILE, or run 'mcphub login'");
    }

    /** "localhost:7420/" and "http://LOCALHOST:7420" are one hub; a different host name is another. */
    static boolean sameHub(URI url, String other) {
        try {
            return normalized(url).equals(normalized(parseUrl(other)));
        } catch (CliException unparsable) {
            return false;
        }
    }

    private static String normalized(URI url) {
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        int port = url.getPort() >= 0 ? url.getPort() : scheme.equals("https") ? 443 : 80;
        String path = url.getPath() == null ? "" : url.getPath().replaceAll("/+$", "");
        return scheme + "://" + url.getHost().toLowerCase(Locale.ROOT) + ":" + port + path;
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
