package io.mcphub.hub.http;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/**
 * One route: method, path, the access it requires, the action name audit events and logs call it by (e.g.
 * {@code config.publish}), and a short handler.
 */
public record ApiRoute(HandlerType method, String path, Access access, String action, Handler handler) {

    public static ApiRoute get(String path, Access access, String action, Handler handler) {
        return new ApiRoute(HandlerType.GET, path, access, action, handler);
    }

    public static ApiRoute put(String path, Access access, String action, Handler handler) {
        return new ApiRoute(HandlerType.PUT, path, access, action, handler);
    }

    public static ApiRoute post(String path, Access access, String action, Handler handler) {
        return new ApiRoute(HandlerType.POST, path, access, action, handler);
    }

    public static ApiRoute delete(String path, Access access, String action, Handler handler) {
        return new ApiRoute(HandlerType.DELETE, path, access, action, handler);
    }
}
