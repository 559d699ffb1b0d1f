package io.mcphub.cli.command.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.cli.output.Cells;
import java.util.StringJoiner;

/** How a node's facts read: labels and runtimes as {@code name=value} lists, hardware as one phrase each. */
final class NodeCells {
    private NodeCells() {}

    /** {@code zone=eu,gpu=false}: no blanks, so a table row still splits with awk. */
    static String labels(JsonNode labels) {
        return joined(labels, "=", ",");
    }

    /** {@code docker 27.1.1, node 20.11.0, process}: a runtime without a version is just named. */
    static String runtimes(JsonNode runtimes) {
        return joined(runtimes, " ", ", ");
    }

    static String cpu(JsonNode cpu) {
        if (!cpu.isObject()) {
            return Cells.NONE;
        }
        String cores = cpu.path("cores").asInt() + (cpu.path("cores").asInt() == 1 ? " core" : " cores");
        String model = cpu.path("model").asText("");
        return model.isBlank() ? cores : cores + " (" + model + ")";
    }

    static String memory(JsonNode memory) {
        if (!memory.isObject()) {
            return Cells.NONE;
        }
        return memory.path("availableMb").asLong() + " MiB available of " + memory.path("totalMb").asLong() + " MiB";
    }

    /** {@code Linux 6.8.0 on host-1}: what {@code uname -sr} and the host name say. */
    static String os(JsonNode os) {
        StringJoiner text = new StringJoiner(" ");
        for (String field : new String[] {"name", "kernel"}) {
            if (!os.path(field).asText("").isBlank()) {
                text.add(os.path(field).asText());
            }
        }
        if (!os.path("hostname").asText("").isBlank()) {
            text.add("on " + os.path("hostname").asText());
        }
        return text.length() == 0 ? Cells.NONE : text.toString();
    }

    /** The type and the probe's reason for it: {@code docker (the Docker engine answered on /var/run/docker.sock)}. */
    static String type(JsonNode fingerprint) {
        String type = Cells.text(fingerprint.path("type"));
        String reason = fingerprint.path("typeReason").asText("");
        return reason.isBlank() ? type : type + " (" + reason + ")";
    }

    private static String joined(JsonNode map, String between, String separator) {
        if (map == null || !map.isObject() || map.isEmpty()) {
            return Cells.NONE;
        }
        StringJoiner joiner = new StringJoiner(separator);
        map.properties().forEach(e -> {
            String value = e.getValue().isValueNode() ? e.getValue().asText("") : Cells.text(e.getValue());
            joiner.add(value.isBlank() ? e.getKey() : e.getKey() + between + value);
        });
        return joiner.toString();
    }
}
