package io.mcphub.cli.command.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.cli.output.Cells;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** How services' instances read in tables: how many are healthy, and one instance's run-time state. */
final class InstanceCells {
    private static final String HEALTHY = "healthy";

    private InstanceCells() {}

    /**
     * {@code 2/2 healthy}, counted against the replicas wanted, then what the others are doing
     * ({@code 1/2 healthy, 1 starting}); "-" for a service that runs nothing (replicas 0, or a server at a url).
     */
    static String summary(JsonNode service) {
        if (runsNothing(service)) {
            return Cells.NONE;
        }
        Map<String, Integer> states = new TreeMap<>();
        service.path("instances").forEach(i -> states.merge(i.path("status").asText("pending"), 1, Integer::sum));
        Integer healthy = states.remove(HEALTHY);
        String others = states.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
        String counted = (healthy == null ? 0 : healthy) + "/" + replicas(service) + " " + HEALTHY;
        return others.isEmpty() ? counted : counted + ", " + others;
    }

    /** yes when every wanted replica is healthy: one word for scripts to grep. */
    static String allHealthy(JsonNode service) {
        if (runsNothing(service)) {
            return Cells.NONE;
        }
        long healthy = 0;
        for (JsonNode i : service.path("instances")) {
            healthy += HEALTHY.equals(i.path("status").asText()) ? 1 : 0;
        }
        return healthy >= replicas(service) ? "yes" : "no";
    }

    /** A table row: two cells saying which instance, then its STATUS, PID, PORT and RESTARTS. */
    static String[] row(String first, String second, JsonNode instance) {
        return new String[] {first, second, Cells.text(instance.path("status")), Cells.text(instance.path("pid")),
                Cells.text(instance.path("port")), Cells.text(instance.path("restarts"))};
    }

    private static int replicas(JsonNode service) {
        return service.path("replicas").asInt(service.path("instances").size());
    }

    private static boolean runsNothing(JsonNode service) {
        return replicas(service) == 0 && service.path("instances").isEmpty();
    }
}
