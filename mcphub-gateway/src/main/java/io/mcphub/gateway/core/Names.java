package io.mcphub.gateway.core;

/**
 * How names of many services share one endpoint without colliding.
 * <ul>
 *   <li>Tools and prompts: {@code SERVICE + separator + NAME}, e.g. {@code everything__echo}. Service names hold no
 *       {@code _} (see {@link io.mcphub.gateway.UpstreamService}), so the default separator {@code __} cannot be
 *       part of one; the gateway finds the parts by lookup, never by splitting.</li>
 *   <li>Resource URIs and URI templates: {@code mcphub://SERVICE/ORIGINAL}, the original URI appended unchanged,
 *       e.g. {@code mcphub://everything/demo://resource/static/document/architecture.md}. Reversible by cutting at the
 *       first {@code /} after the service, a valid URL whatever the original scheme, and an expanded template stays
 *       a namespaced URI.</li>
 * </ul>
 * On {@code /mcp/s/SERVICE} nothing is namespaced.
 */
public final class Names {

    public static final String URI_PREFIX = "mcphub://";

    private final String separator;

    public Names(String separator) {
        this.separator = separator;
    }

    public String separator() {
        return separator;
    }

    public String name(String service, String name) {
        return service + separator + name;
    }

    public String uri(String service, String uri) {
        return URI_PREFIX + service + "/" + uri;
    }

    /** The service and original URI of a namespaced one, or null when {@code uri} is not one. */
    public static ResourceUri parseUri(String uri) {
        if (uri == null || !uri.startsWith(URI_PREFIX)) {
            return null;
        }
        int slash = uri.indexOf('/', URI_PREFIX.length());
        if (slash <= URI_PREFIX.length()) {
            return null;
        }
        return new ResourceUri(uri.substring(URI_PREFIX.length(), slash), uri.substring(slash + 1));
    }

    public record ResourceUri(String service, String uri) {}
}
