package io.mcphub.hub.http;

import io.javalin.http.Context;
import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;

/** Query parameters with errors that name the parameter. */
final class Params {

    private Params() {}

    static Long optionalLong(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null || v.isBlank() ? null : parseLong(name, v);
    }

    static long requiredLong(Context ctx, String name) {
        Long v = optionalLong(ctx, name);
        if (v == null) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "missing query parameter \"" + name + "\"; add ?" + name + "=N");
        }
        return v;
    }

    /** A whole number in {@code [min, max]}, or {@code fallback} when absent. */
    static int intInRange(Context ctx, String name, int min, int max, int fallback) {
        Long v = optionalLong(ctx, name);
        if (v == null) {
            return fallback;
        }
        if (v < min || v > max) {
            throw new ProblemException(ProblemType.BAD_REQUEST, name + " must be between " + min + " and " + max + ", not " + v);
        }
        return v.intValue();
    }

    static long parseLong(String name, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new ProblemException(ProblemType.BAD_REQUEST, name + " must be a whole number, not \"" + value + "\"");
        }
    }
}
