package io.mcphub.deploy.plan;

import java.util.List;

/**
 * Desired against current, per service, in dependency order. {@code problems} lists services that cannot be placed
 * (each a sentence naming every rejected node); a plan with problems must not be applied.
 */
public record Plan(List<ServiceChange> services, List<String> problems) {

    /** A second identical apply plans nothing. */
    public boolean isEmpty() {
        return services.stream().noneMatch(ServiceChange::changes);
    }

    public boolean isFeasible() {
        return problems.isEmpty();
    }
}
