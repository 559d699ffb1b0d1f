package io.mcphub.core.stack;

import io.mcphub.core.doc.DocumentFormat;
import io.mcphub.core.doc.DocumentParser;
import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemException.Location;
import io.mcphub.core.error.ProblemType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every problem found in a spec, collected rather than thrown one by one, so that one round trip fixes a whole
 * file. Refuses in the shape every located validation error of the project has: the first problem as
 * {@code SOURCE:LINE:COL: PATH: MESSAGE}, a count of the rest, and each one located.
 */
final class Problems {

    private record Finding(Where at, String message) {}

    private final List<Finding> findings = new ArrayList<>();

    void report(Where at, String message) {
        findings.add(new Finding(at, message));
    }

    boolean isEmpty() {
        return findings.isEmpty();
    }

    /** Reports every value of {@code items} that repeats an earlier one, at the repeat. */
    void unique(List<Text> items, String fix) {
        Map<String, Where> first = new HashMap<>();
        for (Text item : items) {
            Where earlier = first.putIfAbsent(item.value(), item.at());
            if (earlier != null) {
                report(item.at(), Quote.of(item.value()) + " is listed twice (first at " + earlier.path() + "); " + fix);
            }
        }
    }

    /** @throws ProblemException INVALID_DOCUMENT if anything was reported */
    void throwIfAny(String text, DocumentFormat format, String source) {
        if (findings.isEmpty()) {
            return;
        }
        Map<String, DocumentParser.Position> positions = DocumentParser.positions(text, format,
                findings.stream().map(f -> f.at().pointer()).collect(Collectors.toSet()));
        List<Location> errors = findings.stream()
                .map(f -> locate(f, source, positions.get(f.at().pointer())))
                .sorted(Comparator.comparingInt(Location::line).thenComparingInt(Location::column))
                .toList();
        int more = errors.size() - 1;
        String detail = errors.get(0).describe()
                + (more == 0 ? "" : " (and " + more + " more problem" + (more == 1 ? "" : "s") + ")");
        throw new ProblemException(ProblemType.INVALID_DOCUMENT, detail, errors);
    }

    private static Location locate(Finding f, String source, DocumentParser.Position at) {
        return new Location(source, at == null ? 0 : at.line(), at == null ? 0 : at.column(),
                f.at().path().isEmpty() ? null : f.at().path(), f.message());
    }
}
