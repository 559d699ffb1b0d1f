package io.mcphub.core.stack;

import java.util.Map;
import java.util.regex.Pattern;

/** Labels on stacks, services and placement rules: Kubernetes-style names, so they carry over to pods as they are. */
final class Labels {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._/-]{0,251}[A-Za-z0-9])?");

    private Labels() {}

    static Map<String, String> read(SpecObject o, String field) {
        Map<String, Text> labels = o.textMap(field);
        labels.forEach((key, value) -> {
            if (!KEY.matcher(key).matches()) {
                o.problems().report(value.at(), Quote.of(key) + " is not a label name; use letters, digits, '.', "
                        + "'_', '-' and '/', starting and ending with a letter or digit, e.g. zone or "
                        + "app.kubernetes.io/name");
            }
        });
        return SpecObject.values(labels);
    }
}
