package io.mcphub.cli.hub;

import java.net.URI;

/** Where the hub is and the bearer token to show it. */
public record HubTarget(URI url, String token) {

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
