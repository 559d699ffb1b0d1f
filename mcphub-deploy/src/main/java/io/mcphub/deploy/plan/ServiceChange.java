package io.mcphub.deploy.plan;

import io.mcphub.deploy.scheduler.Decision;
import java.util.List;

/**
 * What happens to one service. {@code decision} is the scheduler's reasoning (null for a delete), kept so that
 * {@code service describe} can explain the placement later.
 */
public record ServiceChange(String serviceKey, Action action, List<InstanceChange> instances, Decision decision) {

    public enum Action { CREATE, UPDATE, SCALE, DELETE, UNCHANGED }

    public boolean changes() {
        return action != Action.UNCHANGED;
    }
}
