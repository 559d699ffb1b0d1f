package io.mcphub.hub.http;

import io.javalin.http.Context;
import io.mcphub.security.auth.Principal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one request learns on its way through the filters and the handler, kept as context attributes so that the
 * audit hook at the end can describe the request without the handlers knowing about audit.
 */
final class RequestState {

    private static final String PRINCIPAL = "mcphub.principal";
    private static final String RESOURCE = "mcphub.resource";
    private static final String ACTOR = "mcphub.actor";
    private static final String LABELS = "mcphub.labels";
    private static final String DETAIL = "mcphub.problem";

    private RequestState() {}

    static void principal(Context ctx, Principal principal) {
        ctx.attribute(PRINCIPAL, principal);
    }

    /** The authenticated caller; only routes under /api/v1 that are not open have one. */
    static Principal principal(Context ctx) {
        Principal p = ctx.attribute(PRINCIPAL);
        if (p == null) {
            throw new IllegalStateException("no principal: an open route asked for the caller");
        }
        return p;
    }

    static Principal principalOrNull(Context ctx) {
        return ctx.attribute(PRINCIPAL);
    }

    static void resource(Context ctx, String resource) {
        ctx.attribute(RESOURCE, resource);
    }

    static String resource(Context ctx) {
        return ctx.attribute(RESOURCE);
    }

    /** Who an unauthenticated request claims to be (the user name of a login attempt). */
    static void claimedActor(Context ctx, String name) {
        ctx.attribute(ACTOR, name);
    }

    static String claimedActor(Context ctx) {
        return ctx.attribute(ACTOR);
    }

    /** A fact worth keeping in the audit trail, such as the version a publish created. */
    static void label(Context ctx, String key, Object value) {
        Map<String, String> labels = ctx.attribute(LABELS);
        if (labels == null) {
            labels = new LinkedHashMap<>();
            ctx.attribute(LABELS, labels);
        }
        labels.put(key, String.valueOf(value));
    }

    static Map<String, String> labels(Context ctx) {
        Map<String, String> labels = ctx.attribute(LABELS);
        return labels == null ? Map.of() : labels;
    }

    static void problemDetail(Context ctx, String detail) {
        ctx.attribute(DETAIL, detail);
    }

    static String problemDetail(Context ctx) {
        return ctx.attribute(DETAIL);
    }
}
