package io.mcphub.gateway;

/**
 * An authenticated MCP client, as {@link GatewayAuth} vouches for it. The gateway asks it, per service and per
 * tool, what the caller may see and do: a service the caller may not use is invisible (no tools, prompts or
 * resources); of a usable service, only the tools the caller may call are listed. The hub answers from its RBAC
 * grants with the permission {@link #toolPermission}.
 */
public interface Caller {

    /** The actor in audit events and the owner of the caller's gateway sessions. */
    String name();

    /** Whether the caller may see the service at all, its prompts and resources included. */
    boolean mayUse(String service);

    /** Whether the caller may call (and see) one tool of a service it may use. */
    boolean mayCall(String service, String tool);

    /** The permission a call needs, named in the error a refused caller gets: {@code call:tool:SERVICE/TOOL}. */
    static String toolPermission(String service, String tool) {
        return "call:tool:" + service + "/" + tool;
    }
}
