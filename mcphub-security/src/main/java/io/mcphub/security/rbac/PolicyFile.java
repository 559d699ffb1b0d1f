package io.mcphub.security.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.core.Json;
import io.mcphub.core.doc.DocumentFormat;
import io.mcphub.core.doc.DocumentParser;
import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the seed's policy file ({@code policies: [{name, permissions, users, groups}]}, YAML or JSON). A file is
 * accepted whole or refused whole: every problem is reported, each at its line, column and path, and nothing of a
 * refused file is applied.
 */
public final class PolicyFile {

    private PolicyFile() {}

    /**
     * @param source names the text in error messages, e.g. the file name the CLI read
     * @throws ProblemException INVALID_DOCUMENT, whose detail is the first problem as {@code SOURCE:LINE:COL: PATH:
     *                          MESSAGE} and whose errors locate every problem
     */
    public static List<Policy> parse(String text, DocumentFormat format, String source) {
        JsonNode root = DocumentParser.parse(text, format, source);
        List<Finding> findings = PolicyChecker.check(root);
        if (!findings.isEmpty()) {
            Map<String, DocumentParser.Position> positions = DocumentParser.positions(text, format,
                    findings.stream().map(Finding::at).collect(Collectors.toSet()));
            throw refusal(findings.stream().map(f -> locate(f, source, positions.get(f.at()))).toList());
        }
        List<Policy> policies = new ArrayList<>();
        root.get("policies").forEach(node -> policies.add(new Policy(node.get("name").asText(),
                strings(node.get("permissions")), strings(node.get("users")), strings(node.get("groups")))));
        return List.copyOf(policies);
    }

    /** Holds policies built in code (not parsed from text) to the same rules; problems carry paths only. */
    static void check(List<Policy> policies) {
        List<Finding> findings = PolicyChecker.check(Json.JSON.valueToTree(Map.of("policies", policies)));
        if (!findings.isEmpty()) {
            throw refusal(findings.stream().map(f -> locate(f, null, null)).toList());
        }
    }

    private static ProblemException.Location locate(Finding f, String source, DocumentParser.Position at) {
        return new ProblemException.Location(source, at == null ? 0 : at.line(), at == null ? 0 : at.column(),
                f.path().isEmpty() ? null : f.path(), f.message());
    }

    private static ProblemException refusal(List<ProblemException.Location> unordered) {
        List<ProblemException.Location> errors = unordered.stream()
                .sorted(Comparator.comparingInt(ProblemException.Location::line)
                        .thenComparingInt(ProblemException.Location::column))
                .toList();
        int more = errors.size() - 1;
        String detail = errors.get(0).describe()
                + (more == 0 ? "" : " (and " + more + " more problem" + (more == 1 ? "" : "s") + ")");
        return new ProblemException(ProblemType.INVALID_DOCUMENT, detail, errors);
    }

    private static List<String> strings(JsonNode list) {
        List<String> values = new ArrayList<>();
        if (list != null) {
            list.forEach(v -> values.add(v.asText()));
        }
        return values;
    }
}
