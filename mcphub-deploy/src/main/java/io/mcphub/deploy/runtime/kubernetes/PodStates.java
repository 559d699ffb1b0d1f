package io.mcphub.deploy.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.mcphub.deploy.runtime.ExitInfo;
import io.mcphub.deploy.runtime.InstanceState;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Reads an instance's state from what the kubelet reports on its pod: the phase, the {@code Ready} condition and the
 * container's status. The kubelet supervises the container (restarts, probes); this only translates.
 */
final class PodStates {

    private PodStates() {}

    /**
     * What one pod object says.
     *
     * @param restartCount the kubelet's restarts of the container in this pod
     * @param runningContainer the id of the container now running, to follow its log; null when none runs
     * @param address where a listening instance answers: the pod IP (the node's with host networking), or null
     */
    record Observation(InstanceState state, String detail, int restartCount, ExitInfo lastExit, String address,
                       String runningContainer) {}

    static Observation observe(Pod pod, String container, Integer port, InstanceState previous) {
        PodStatus status = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
        ContainerStatus cs = containerStatus(status.getContainerStatuses(), container);
        int restarts = cs == null || cs.getRestartCount() == null ? 0 : cs.getRestartCount();
        ContainerState now = cs == null || cs.getState() == null ? new ContainerState() : cs.getState();
        ExitInfo lastExit = exit(now.getTerminated())
                .or(() -> exit(cs == null || cs.getLastState() == null ? null : cs.getLastState().getTerminated()))
                .orElse(null);
        String ip = status.getPodIP();
        String address = ip == null || ip.isBlank() ? null : port == null ? ip : ip + ":" + port;
        String running = now.getRunning() != null && cs.getContainerID() != null ? cs.getContainerID() : null;
        String phase = status.getPhase() == null ? "Pending" : status.getPhase();
        String waiting = now.getWaiting() == null ? null : now.getWaiting().getReason();
        String waitingDetail = now.getWaiting() == null ? null
                : waiting + (now.getWaiting().getMessage() == null ? "" : ": " + now.getWaiting().getMessage());

        InstanceState state;
        String detail;
        if ("CrashLoopBackOff".equals(waiting)) {
            state = InstanceState.RESTARTING;
            detail = "CrashLoopBackOff after " + restarts + " restarts" + ended(lastExit) + "; the kubelet starts it again";
        } else {
            switch (phase) {
                case "Succeeded" -> {
                    state = InstanceState.STOPPED;
                    detail = "pod succeeded" + ended(lastExit);
                }
                case "Failed" -> {
                    state = InstanceState.FAILED;
                    detail = "pod failed" + (lastExit != null ? ended(lastExit)
                            : status.getReason() != null ? ": " + status.getReason() + message(status.getMessage())
                            : message(status.getMessage()));
                }
                case "Unknown" -> {
                    state = InstanceState.UNHEALTHY;
                    detail = "pod phase Unknown: the node running it lost contact with the API server";
                }
                case "Running" -> {
                    if (ready(status)) {
                        state = InstanceState.HEALTHY;
                        detail = "pod ready" + (address == null ? "" : " at " + address);
                    } else if (now.getTerminated() != null) {
                        state = InstanceState.RESTARTING;
                        detail = "container ended" + ended(lastExit) + "; the kubelet starts it again";
                    } else if (waitingDetail != null) {
                        state = InstanceState.STARTING;
                        detail = "container waiting: " + waitingDetail;
                    } else if (restarts > 0 || previous == InstanceState.HEALTHY || previous == InstanceState.UNHEALTHY) {
                        state = InstanceState.UNHEALTHY;
                        detail = "running but not ready (readiness probe failing)"
                                + (restarts > 0 ? " after " + restarts + " restarts" : "");
                    } else {
                        state = InstanceState.STARTING;
                        detail = "running, waiting for the readiness probe";
                    }
                }
                default -> {
                    state = InstanceState.STARTING;
                    detail = waitingDetail != null ? "container waiting: " + waitingDetail : "pod pending" + unscheduled(status);
                }
            }
        }
        if (pod.getMetadata() != null && pod.getMetadata().getDeletionTimestamp() != null && !state.isFinal()) {
            state = InstanceState.UNHEALTHY;
            detail = "pod is being deleted by someone other than mcphub";
        }
        return new Observation(state, detail, restarts, lastExit, address, running);
    }

    private static ContainerStatus containerStatus(List<ContainerStatus> statuses, String container) {
        if (statuses == null || statuses.isEmpty()) {
            return null;
        }
        return statuses.stream().filter(s -> container.equals(s.getName())).findFirst().orElse(statuses.get(0));
    }

    private static boolean ready(PodStatus status) {
        return status.getConditions() != null && status.getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** Why the scheduler has not placed the pod yet, e.g. "0/3 nodes are available: insufficient memory". */
    private static String unscheduled(PodStatus status) {
        if (status.getConditions() == null) {
            return "";
        }
        return status.getConditions().stream()
                .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()))
                .map(PodCondition::getMessage).filter(m -> m != null && !m.isBlank())
                .findFirst().map(m -> ": " + m).orElse("");
    }

    private static Optional<ExitInfo> exit(ContainerStateTerminated t) {
        if (t == null) {
            return Optional.empty();
        }
        int code = t.getExitCode() == null ? -1 : t.getExitCode();
        String reason = t.getReason() == null ? "exited" : t.getReason();
        return Optional.of(new ExitInfo(code, time(t.getFinishedAt()), reason + message(t.getMessage())));
    }

    private static String ended(ExitInfo exit) {
        return exit == null ? "" : ": " + exit.reason() + " (exit code " + exit.code() + ")";
    }

    private static String message(String message) {
        return message == null || message.isBlank() ? "" : ": " + message.strip();
    }

    private static Instant time(String rfc3339) {
        try {
            return rfc3339 == null ? Instant.now() : Instant.parse(rfc3339);
        } catch (DateTimeParseException e) {
            return Instant.now();
        }
    }
}
