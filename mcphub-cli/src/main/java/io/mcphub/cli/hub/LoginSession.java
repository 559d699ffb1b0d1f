package io.mcphub.cli.hub;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.cli.common.CliException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

/** The login kept in the config file: its access token is renewed with the refresh token and saved back. */
public final class LoginSession implements Credentials {
    private final Path file;
    private Session session;

    LoginSession(Path file, Session session) {
        this.file = file;
        this.session = session;
    }

    @Override
    public String token() {
        return session.accessToken();
    }

    Session session() {
        return session;
    }

    @Override
    public String refused(URI hub) {
        return "the hub at " + hub + " no longer accepts the login" + (session.user() == null ? "" : " of " + session.user())
                + " kept in " + file + "; run 'mcphub login' again";
    }

    /**
     * Renews the access token: {@code refresh} is the call to the hub, given the refresh token. Under the config
     * file's lock, so of several commands renewing at once only the first calls the hub and the others take its
     * result from the file.
     */
    void renew(Function<String, JsonNode> refresh, Instant now) {
        ClientConfigFile.update(file, settings -> {
            Session stored = Session.read(settings);
            if (stored == null) {
                throw CliException.failed("you are logged out (" + file + " holds no login any more); run 'mcphub login'");
            }
            if (Renewal.takeStored(session, stored, now)) {
                session = stored;
                return Map.of();
            }
            if (!stored.renewable()) {
                throw CliException.failed("the login kept in " + file + " cannot be renewed (it has no refresh token);"
                        + " run 'mcphub login' again");
            }
            session = Session.fromAnswer(refresh.apply(stored.refreshToken()), null, stored, now);
            return session.settings();
        });
    }

    @Override
    public String toString() {
        return "LoginSession[" + file + ", " + session + "]";
    }
}
