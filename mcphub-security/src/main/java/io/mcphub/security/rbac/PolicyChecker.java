package io.mcphub.security.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.core.text.Suggestions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks the tree of a policy file and reports every problem at once, so that one round trip fixes a whole file.
 * Works on the tree rather than on bound records so that a wrong type or a misspelt field is reported where it is,
 * instead of surfacing later as a missing value.
 */
final class PolicyChecker {

    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    static final List<String> FIELDS = List.of("name", "permissions", "users", "groups");
    private static final String TOP = "policies";
    private static final String SHAPE = "each with name, permissions and users or groups";

    private final List<Finding> findings = new ArrayList<>();
    private final Map<String, String> pathByName = new HashMap<>();

    private PolicyChecker() {}

    static List<Finding> check(JsonNode root) {
        PolicyChecker checker = new PolicyChecker();
        checker.document(root);
        return checker.findings;
    }

    private void document(JsonNode root) {
        if (root == null || root.isMissingNode() || root.isNull()) {
            report("", "", "the document is empty; write a \"policies\" list, " + SHAPE);
            return;
        }
        if (!root.isObject()) {
            report("", "", "the top level is " + kind(root) + ", but a policy file is an object with a \"policies\" list");
            return;
        }
        unknownFields(root, "", "", List.of(TOP), "a policy file has only \"policies\"");
        JsonNode list = present(root.get(TOP));
        if (list == null) {
            report("", TOP, "missing; write a \"policies\" list, " + SHAPE);
        } else if (!list.isArray()) {
            report(pointer("", TOP), TOP, "must be a list of policies, not " + kind(list));
        } else if (list.isEmpty()) {
            report(pointer("", TOP), TOP, "is empty; list at least one policy, " + SHAPE);
        } else {
            for (int i = 0; i < list.size(); i++) {
                policy(list.get(i), pointer(pointer("", TOP), i), TOP + "[" + i + "]");
            }
        }
    }

    private void policy(JsonNode node, String at, String path) {
        if (!node.isObject()) {
            report(at, path, "must be a policy object, " + SHAPE + ", not " + kind(node));
            return;
        }
        unknownFields(node, at, path, FIELDS, "a policy has only name, permissions, users and groups");
        name(present(node.get("name")), at, path);
        permissions(present(node.get("permissions")), at, path);
        boolean users = members(present(node.get("users")), at, path, "users", "user names");
        boolean groups = members(present(node.get("groups")), at, path, "groups", "group names");
        if (!users && !groups) {
            report(at, path, "names neither users nor groups, so it would grant nothing to anyone; "
                    + "add users: [NAME, ...] or groups: [NAME, ...]");
        }
    }

    private void name(JsonNode name, String parentAt, String parentPath) {
        String at = pointer(parentAt, "name");
        String path = parentPath + ".name";
        if (name == null) {
            report(parentAt, path, "missing; every policy needs a name, e.g. name: dev-team");
        } else if (!name.isTextual()) {
            report(at, path, "must be a string such as dev-team, not " + kind(name));
        } else if (!NAME.matcher(name.asText()).matches()) {
            report(at, path, quote(name.asText()) + " is not a valid policy name; use up to 63 lower-case letters, "
                    + "digits, '.', '_' or '-', starting with a letter or digit, e.g. dev-team");
        } else {
            String first = pathByName.putIfAbsent(name.asText(), parentPath);
            if (first != null) {
                report(at, path, quote(name.asText()) + " is already the name of " + first
                        + "; give each policy its own name");
            }
        }
    }

    private void permissions(JsonNode list, String parentAt, String parentPath) {
        String at = pointer(parentAt, "permissions");
        String path = parentPath + ".permissions";
        if (list == null) {
            report(parentAt, path, "missing; list what the policy grants, e.g. permissions: [read:config]");
        } else if (!list.isArray()) {
            report(at, path, "must be a list such as [read:config, write:service], not " + kind(list));
        } else if (list.isEmpty()) {
            report(at, path, "is empty; a policy must grant at least one permission, e.g. read:config");
        } else {
            for (int i = 0; i < list.size(); i++) {
                permission(list.get(i), pointer(at, i), path + "[" + i + "]");
            }
        }
    }

    private void permission(JsonNode grant, String at, String path) {
        if (!grant.isTextual()) {
            report(at, path, "must be a string such as read:config, not " + kind(grant));
        } else if (Permissions.unknownVerb(grant.asText()) != null) {
            String verb = Permissions.unknownVerb(grant.asText());
            report(at, path, quote(grant.asText()) + " has the unknown verb " + quote(verb) + "; use read, write or call"
                    + Suggestions.hint(verb, Permissions.VERBS));
        } else if (!Permissions.isGrant(grant.asText())) {
            report(at, path, quote(grant.asText()) + " is not a permission; write VERB:TYPE or VERB:TYPE:SCOPE, "
                    + "e.g. read:config or write:config:payment/*");
        }
    }

    /** Checks a users or groups list; returns whether it names anyone. */
    private boolean members(JsonNode list, String parentAt, String parentPath, String field, String what) {
        if (list == null) {
            return false;
        }
        String at = pointer(parentAt, field);
        String path = parentPath + "." + field;
        if (!list.isArray()) {
            report(at, path, "must be a list of " + what + ", not " + kind(list));
            return true; // the list is wrong, not absent: one problem is enough
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode member = list.get(i);
            if (!member.isTextual() || member.asText().isBlank()) {
                report(pointer(at, i), path + "[" + i + "]", "must be a non-empty string, not " + kind(member));
            }
        }
        return !list.isEmpty();
    }

    private void unknownFields(JsonNode object, String at, String path, List<String> known, String which) {
        object.fieldNames().forEachRemaining(field -> {
            if (!known.contains(field)) {
                report(pointer(at, field), path.isEmpty() ? field : path + "." + field,
                        "unknown field" + Suggestions.hint(field, known) + "; " + which);
            }
        });
    }

    private void report(String at, String path, String message) {
        findings.add(new Finding(at, path, message));
    }

    /** YAML reads {@code users:} with nothing after it as an empty string; it means the field was left out. */
    private static JsonNode present(JsonNode node) {
        boolean blank = node == null || node.isNull() || (node.isTextual() && node.asText().isEmpty());
        return blank ? null : node;
    }

    /** As {@link io.mcphub.core.doc.DocumentParser} spells pointers, so that its positions find them. */
    private static String pointer(String parent, String field) {
        return parent + "/" + field.replace("~", "~0").replace("/", "~1");
    }

    private static String pointer(String parent, int index) {
        return parent + "/" + index;
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT, POJO -> "an object";
            case STRING, BINARY -> node.asText().isEmpty() ? "an empty string" : "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL, MISSING -> "null";
        };
    }
}
