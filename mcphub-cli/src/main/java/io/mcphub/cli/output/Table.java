package io.mcphub.cli.output;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rows under upper-case headers, columns aligned with three spaces between them and no trailing blanks, like
 * kubectl — readable, and still splittable with awk as long as cells have no blanks.
 */
public final class Table {
    private static final String GAP = "   ";

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();
    private String emptyNote;

    private Table(List<String> headers) {
        this.headers = List.copyOf(headers);
    }

    public static Table of(String... headers) {
        return new Table(Arrays.asList(headers));
    }

    public Table row(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("expected " + headers.size() + " cells, got " + cells.length);
        }
        rows.add(Arrays.stream(cells).map(Table::oneLine).toList());
        return this;
    }

    /** What to tell the user (on stderr) instead of printing a bare header, e.g. "no documents yet". */
    public Table whenEmpty(String note) {
        this.emptyNote = note;
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public String emptyNote() {
        return emptyNote;
    }

    public String render() {
        int[] widths = new int[headers.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(headers);
        all.addAll(rows);
        for (List<String> row : all) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row.get(i).codePointCount(0, row.get(i).length()));
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                String cell = row.get(i);
                line.append(cell);
                if (i < widths.length - 1) {
                    line.append(" ".repeat(widths[i] - cell.codePointCount(0, cell.length()))).append(GAP);
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** A newline inside a cell would break the grid. */
    private static String oneLine(String cell) {
        return cell == null ? "" : cell.replaceAll("\\s*\\R\\s*", " ");
    }
}
