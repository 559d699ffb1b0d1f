package io.mcphub.cli.output;

import java.util.ArrayList;
import java.util.List;

/**
 * One object described as {@code Label:  value} lines with the values aligned, like {@code kubectl describe}: for a
 * single thing with many facts, where a one-row table would be wider than the terminal.
 */
public final class Fields {
    private final List<String[]> lines = new ArrayList<>();

    public static Fields of() {
        return new Fields();
    }

    /** An absent value shows as "-", so a missing fact is visibly missing rather than a blank line. */
    public Fields add(String label, String value) {
        lines.add(new String[] {label + ":", value == null || value.isBlank() ? Cells.NONE : value});
        return this;
    }

    public String render() {
        int width = lines.stream().mapToInt(l -> l[0].length()).max().orElse(0);
        StringBuilder out = new StringBuilder();
        for (String[] line : lines) {
            out.append(line[0]).append(" ".repeat(width - line[0].length() + 2))
                    .append(line[1].replaceAll("\\s*\\R\\s*", " ")).append('\n');
        }
        return out.toString();
    }
}
