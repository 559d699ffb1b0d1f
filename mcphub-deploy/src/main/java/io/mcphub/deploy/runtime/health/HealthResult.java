package io.mcphub.deploy.runtime.health;

/** One check's verdict, with what was seen, for the instance status ("HTTP 503", "connection refused"). */
public record HealthResult(boolean healthy, String detail) {

    public static HealthResult ok(String detail) {
        return new HealthResult(true, detail);
    }

    public static HealthResult failed(String detail) {
        return new HealthResult(false, detail);
    }
}
