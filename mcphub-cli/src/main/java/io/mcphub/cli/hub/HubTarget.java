package io.mcphub.cli.hub;

import java.net.URI;

/** Where the hub is and how to show it who we are. */
public record HubTarget(URI url, Credentials credentials) {

    /** A fixed token from nowhere in particular (tests, embedding). */
    public HubTarget(URI url, String token) {
        this(url, new Credentials.Fixed(token, "the token", "check the token"));
    }

    /** The bearer token to send now, or null for none. */
    public String token() {
        return credentials.token();
    }

    /** The token stays out of toString so no log line or exception message can ever carry it. */
    @Override
    public String toString() {
        return "HubTarget[" + url + "]";
    }

    /** The base URL's path is kept so a hub behind a reverse proxy at /mcphub/ works. */
    public URI resolve(String pathAndQuery) {
        String base = url.toString();
        return URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) + pathAndQuery : base + pathAndQuery);
    }
}
