package io.mcphub.cli.command.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.cli.output.Cells;

/**
 * The human view of a plan, as {@code nomad job plan} shows one: per service a headline
 * ({@code + create demo/everything (2 instances)}) and per instance what happens where and why
 * ({@code   + everything-ab12c on node1 (process): npx found on the node; …}), then one line saying what became of it.
 * An unchanged service gets its headline only: its instances stay as they are, and listing them would bury the changes.
 */
final class PlanReport {
    private static final String NO_CHANGES = "no changes";

    private PlanReport() {}

    /** An apply's ending says whether anything changed and, if so, whether it really happened or was a preview. */
    static String applied(JsonNode answer, boolean dryRunAsked) {
        return unlessEmpty(answer, answer.path("dryRun").asBoolean(dryRunAsked) ? "dry run: nothing was changed" : "applied");
    }

    /** Ends with {@code ending}, or with "no changes" when the plan changes nothing. */
    static String unlessEmpty(JsonNode plan, String ending) {
        return render(plan, changes(plan) ? ending : NO_CHANGES);
    }

    static String render(JsonNode plan, String ending) {
        StringBuilder out = new StringBuilder();
        for (JsonNode service : plan.path("services")) {
            String action = service.path("action").asText("");
            out.append(symbol(action)).append(' ').append(action).append(' ').append(Cells.text(service.path("service")))
                    .append(" (").append(count(service, action)).append(")\n");
            if (!"unchanged".equals(action)) {
                service.path("instances").forEach(i -> out.append("  ").append(instanceLine(i)).append('\n'));
            }
        }
        return out.append(ending).append('\n').toString();
    }

    /** Whether the plan changes anything; when the hub did not say, its services tell. */
    private static boolean changes(JsonNode plan) {
        JsonNode changes = plan.path("changes");
        if (changes.isBoolean()) {
            return changes.asBoolean();
        }
        for (JsonNode service : plan.path("services")) {
            if (!"unchanged".equals(service.path("action").asText())) {
                return true;
            }
        }
        return false;
    }

    private static String instanceLine(JsonNode instance) {
        String why = instance.path("why").asText("");
        return symbol(instance.path("action").asText("")) + " " + Cells.text(instance.path("id")) + " on "
                + Cells.text(instance.path("node")) + " (" + Cells.text(instance.path("runtime")) + ")"
                + (why.isBlank() ? "" : ": " + why);
    }

    /** A deleted service counts what goes; any other what there will be (kept and created). */
    private static String count(JsonNode service, String action) {
        int n = 0;
        for (JsonNode instance : service.path("instances")) {
            String a = instance.path("action").asText("");
            if ("delete".equals(action) ? "delete".equals(a) : !"delete".equals(a)) {
                n++;
            }
        }
        return n + (n == 1 ? " instance" : " instances");
    }

    /** Terraform's and Nomad's marks: + new, - gone, ~ changed in place, = as it was. */
    private static String symbol(String action) {
        return switch (action) {
            case "create" -> "+";
            case "delete" -> "-";
            case "update", "scale" -> "~";
            case "keep", "unchanged" -> "=";
            default -> "?";
        };
    }
}
