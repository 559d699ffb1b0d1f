package io.mcphub.cli.hub;

import java.net.URI;

/** How the CLI proves who it is: the bearer token, and what to tell the user when the hub refuses it. */
public sealed interface Credentials permits Credentials.None, Credentials.Fixed, LoginSession {

    /** For the open routes (login, refresh): no Authorization header at all. */
    Credentials NONE = new None();

    /** The bearer token, or null to send none. */
    String token();

    /** The sentence for a 401: what was refused depends on where the token came from, and so does the fix. */
    String refused(URI hub);

    record None() implements Credentials {
        @Override
        public String token() {
            return null;
        }

        @Override
        public String refused(URI hub) {
            return "the hub at " + hub + " wants a token; run 'mcphub login' or set MCPHUB_TOKEN";
        }
    }

    /**
     * A token the CLI cannot renew (MCPHUB_TOKEN, --token-file, {@code token:} in the config file).
     *
     * @param origin what to call it ({@code the token in MCPHUB_TOKEN})
     * @param fix    what to do when it is refused
     */
    record Fixed(String token, String origin, String fix) implements Credentials {
        @Override
        public String refused(URI hub) {
            return "the hub at " + hub + " did not accept " + origin + "; " + fix;
        }

        @Override
        public String toString() {
            return "Fixed[" + origin + "]";
        }
    }
}
