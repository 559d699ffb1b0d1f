package io.mcphub.hub;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads samples out of Prometheus' text exposition format, as a scraper would. */
final class PrometheusText {

    private PrometheusText() {}

    /** The value of the one sample of {@code name} whose labels include {@code labels}; fails if none or several match. */
    static double value(String text, String name, Map<String, String> labels) {
        List<String> named = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            named.add(line);
            boolean labelled = line.startsWith(name + "{");
            int end = labelled ? line.lastIndexOf('}') : name.length() - 1;
            Map<String, String> have = labelled ? labels(line.substring(name.length() + 1, end)) : Map.of();
            if (have.entrySet().containsAll(labels.entrySet())) {
                values.add(Double.parseDouble(line.substring(end + 1).trim().split(" ")[0]));
            }
        }
        if (values.size() != 1) {
            throw new AssertionError(values.size() + " samples of " + name + " with " + labels + " among:\n" + String.join("\n", named));
        }
        return values.get(0);
    }

    private static Map<String, String> labels(String inside) {
        Map<String, String> labels = new LinkedHashMap<>();
        int i = 0;
        while (i < inside.length()) {
            int eq = inside.indexOf("=\"", i);
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            for (; inside.charAt(j) != '"'; j++) {
                if (inside.charAt(j) == '\\') {
                    j++;
                }
                value.append(inside.charAt(j));
            }
            labels.put(inside.substring(i, eq), value.toString());
            i = j + 2; // past the closing quote and the comma
        }
        return labels;
    }
}
