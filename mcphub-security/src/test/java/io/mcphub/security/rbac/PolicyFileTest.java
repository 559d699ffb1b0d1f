package io.mcphub.security.rbac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mcphub.core.doc.DocumentFormat;
import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyFileTest {

    static final String SEED = """
            policies:
              - name: dev-team
                permissions: [read:config, write:service]
                users: [user1, user2]
              - name: payment-ops
                permissions: ["write:config:payment/*", "read:secret:payment/*", "call:tool:amap/*"]
                groups: [payments]
            """;

    private static ProblemException refused(String yaml) {
        ProblemException e = catchThrowableOfType(ProblemException.class,
                () -> PolicyFile.parse(yaml, DocumentFormat.YAML, "p.yaml"));
        assertThat(e).as("refused").isNotNull();
        assertThat(e.type()).isEqualTo(ProblemType.INVALID_DOCUMENT);
        assertThat(e.type().status()).isEqualTo(422);
        return e;
    }

    /** The one problem of a file with exactly one: where it is (line, column, path) and what it says. */
    private static ProblemException.Location only(String yaml) {
        ProblemException e = refused(yaml);
        assertThat(e.errors()).hasSize(1);
        ProblemException.Location l = e.errors().get(0);
        assertThat(l.source()).isEqualTo("p.yaml");
        assertThat(e.detail()).isEqualTo(l.describe());
        return l;
    }

    @Test
    void theSeedsFileIsAcceptedVerbatim() {
        assertThat(PolicyFile.parse(SEED, DocumentFormat.YAML, "policies.yaml")).containsExactly(
                new Policy("dev-team", List.of("read:config", "write:service"), List.of("user1", "user2"), List.of()),
                new Policy("payment-ops", List.of("write:config:payment/*", "read:secret:payment/*", "call:tool:amap/*"),
                        List.of(), List.of("payments")));
    }

    @Test
    void jsonIsReadTheSameWay() {
        String json = """
                {"policies": [{"name": "all", "permissions": ["*"], "users": ["root"], "groups": ["admins"]}]}
                """;
        assertThat(PolicyFile.parse(json, DocumentFormat.JSON, "p.json"))
                .containsExactly(new Policy("all", List.of("*"), List.of("root"), List.of("admins")));
    }

    @Test
    void aMistypedVerbIsRefusedWithASuggestion() {
        ProblemException.Location l = only("""
                policies:
                  - name: dev-team
                    permissions: [raed:config]
                    users: [user1]
                """);
        assertThat(l.describe()).isEqualTo("p.yaml:3:19: policies[0].permissions[0]: \"raed:config\" has the unknown verb "
                + "\"raed\"; use read, write or call (did you mean \"read\"?)");
    }

    @Test
    void aBadPermissionIsNamedWithItsLineColumnAndPath() {
        ProblemException.Location l = only("""
                policies:
                  - name: dev-team
                    permissions: [read:config, writeconfig]
                    users: [user1]
                """);
        assertThat(l.describe()).isEqualTo("p.yaml:3:32: policies[0].permissions[1]: \"writeconfig\" is not a permission; "
                + "write VERB:TYPE or VERB:TYPE:SCOPE, e.g. read:config or write:config:payment/*");
        assertThat(l.line()).isEqualTo(3);
        assertThat(l.column()).isEqualTo(32);
        assertThat(l.path()).isEqualTo("policies[0].permissions[1]");
    }

    @Test
    void permissionsFollowTheLanguage() {
        for (String good : List.of("*", "read:config", "write:config:payment", "write:config:payment/*",
                "write:config:payment/db", "call:tool:amap/getWeather", "read:secret:*", "call:tool:a.b_c-d/*")) {
            assertThat(Permissions.isGrant(good)).as(good).isTrue();
        }
        for (String bad : List.of("writeconfig", "Read:config", "read:Config", "read:", ":config", "read:*",
                "read:config:", "read:config:payment/", "read:config:/payment", "read:config:pay*", "read:config:a//b",
                "read:config:a/*/b", "**", "read config", "read:config:a b")) {
            assertThat(Permissions.isGrant(bad)).as(bad).isFalse();
        }
    }

    @Test
    void malformedYamlIsReportedAtItsPosition() {
        ProblemException e = refused("""
                policies:
                  - name: dev-team
                    permissions: [read:config
                    users: [user1]
                """);
        assertThat(e.errors()).singleElement().satisfies(l -> assertThat(l.line()).isGreaterThanOrEqualTo(3));
        assertThat(e.detail()).startsWith("p.yaml:").contains("malformed YAML");
    }

    @Test
    void malformedJsonIsReportedAtItsPosition() {
        ProblemException e = catchThrowableOfType(ProblemException.class,
                () -> PolicyFile.parse("{\"policies\": [\n  {\"name\": \"x\",}\n]}", DocumentFormat.JSON, "p.json"));
        assertThat(e.type()).isEqualTo(ProblemType.INVALID_DOCUMENT);
        assertThat(e.errors()).singleElement().satisfies(l -> assertThat(l.line()).isEqualTo(2));
        assertThat(e.detail()).startsWith("p.json:2:").contains("malformed JSON");
    }

    @Test
    void aFileWithoutAPoliciesListIsRefused() {
        assertThat(only("{}\n").describe()).isEqualTo(
                "p.yaml:1:1: policies: missing; write a \"policies\" list, each with name, permissions and users or groups");
        ProblemException e = refused("""
                policy:
                  - name: dev-team
                """);
        assertThat(e.errors()).extracting(ProblemException.Location::describe).containsExactly(
                "p.yaml:1:1: policies: missing; write a \"policies\" list, each with name, permissions and users or groups",
                "p.yaml:2:3: policy: unknown field; a policy file has only \"policies\"");
        assertThat(e.detail()).isEqualTo(e.errors().get(0).describe() + " (and 1 more problem)");
    }

    @Test
    void policiesMustBeANonEmptyListOfObjects() {
        assertThat(only("policies: dev-team\n").describe())
                .isEqualTo("p.yaml:1:11: policies: must be a list of policies, not a string");
        assertThat(only("policies: []\n").describe()).isEqualTo("p.yaml:1:11: policies: is empty; list at least one "
                + "policy, each with name, permissions and users or groups");
        assertThat(only("policies:\n  - dev-team\n").describe()).isEqualTo("p.yaml:2:5: policies[0]: must be a policy "
                + "object, each with name, permissions and users or groups, not a string");
        assertThat(only("- name: x\n").describe())
                .isEqualTo("p.yaml:1:1: the top level is a list, but a policy file is an object with a \"policies\" list");
    }

    @Test
    void anEmptyDocumentIsRefused() {
        ProblemException e = refused("");
        assertThat(e.detail()).isEqualTo("p.yaml: the document is empty; write a \"policies\" list, each with name, "
                + "permissions and users or groups");
    }

    @Test
    void aPolicyWithoutANameIsRefusedAtThePolicy() {
        ProblemException.Location l = only("""
                policies:
                  - permissions: [read:config]
                    users: [user1]
                """);
        assertThat(l.describe()).isEqualTo("p.yaml:2:5: policies[0].name: missing; every policy needs a name, e.g. name: dev-team");
    }

    @Test
    void aBadNameIsRefused() {
        assertThat(only("""
                policies:
                  - name: Dev Team
                    permissions: [read:config]
                    users: [user1]
                """).describe()).isEqualTo("p.yaml:2:11: policies[0].name: \"Dev Team\" is not a valid policy name; use "
                + "up to 63 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit, e.g. dev-team");
        assertThat(only("""
                policies:
                  - name: 42
                    permissions: [read:config]
                    users: [user1]
                """).describe()).isEqualTo("p.yaml:2:11: policies[0].name: must be a string such as dev-team, not a number");
        assertThat(PolicyChecker.NAME.matcher("a".repeat(63)).matches()).isTrue();
        assertThat(PolicyChecker.NAME.matcher("a".repeat(64)).matches()).isFalse();
        assertThat(PolicyChecker.NAME.matcher("-a").matches()).isFalse();
    }

    @Test
    void duplicateNamesAreRefusedAtTheSecond() {
        assertThat(only("""
                policies:
                  - name: dev-team
                    permissions: [read:config]
                    users: [user1]
                  - name: dev-team
                    permissions: [write:config]
                    users: [user2]
                """).describe()).isEqualTo("p.yaml:5:11: policies[1].name: \"dev-team\" is already the name of policies[0]; "
                + "give each policy its own name");
    }

    @Test
    void unknownFieldsAreRefusedWithASuggestion() {
        ProblemException e = refused("""
                policies:
                  - name: dev-team
                    permisions: [read:config]
                    permissions: [read:config]
                    grops: [g]
                    users: [user1]
                """);
        String fields = "a policy has only name, permissions, users and groups";
        assertThat(e.errors()).extracting(ProblemException.Location::describe).containsExactly(
                "p.yaml:3:17: policies[0].permisions: unknown field (did you mean \"permissions\"?); " + fields,
                "p.yaml:5:12: policies[0].grops: unknown field (did you mean \"groups\"?); " + fields);
        assertThat(only("""
                policies:
                  - name: dev-team
                    permissions: [read:config]
                    users: [user1]
                    colour: blue
                """).describe()).isEqualTo("p.yaml:5:13: policies[0].colour: unknown field; "
                + "a policy has only name, permissions, users and groups");
    }

    @Test
    void aPolicyMustGrantSomething() {
        assertThat(only("""
                policies:
                  - name: dev-team
                    users: [user1]
                """).describe()).isEqualTo("p.yaml:2:5: policies[0].permissions: missing; list what the policy grants, "
                + "e.g. permissions: [read:config]");
        assertThat(only("""
                policies:
                  - name: dev-team
                    permissions: read:config
                    users: [user1]
                """).describe()).isEqualTo("p.yaml:3:18: policies[0].permissions: must be a list such as "
                + "[read:config, write:service], not a string");
        assertThat(only("""
                policies:
                  - name: dev-team
                    permissions: []
                    users: [user1]
                """).describe()).isEqualTo("p.yaml:3:18: policies[0].permissions: is empty; a policy must grant at least "
                + "one permission, e.g. read:config");
    }

    @Test
    void aPolicyMustNameUsersOrGroups() {
        String neither = "names neither users nor groups, so it would grant nothing to anyone; "
                + "add users: [NAME, ...] or groups: [NAME, ...]";
        assertThat(only("""
                policies:
                  - name: dev-team
                    permissions: [read:config]
                """).describe()).isEqualTo("p.yaml:2:5: policies[0]: " + neither);
        assertThat(only("""
                policies:
                  - name: dev-team
                    permissions: [read:config]
                    users: []
                    groups:
                """).describe()).isEqualTo("p.yaml:2:5: policies[0]: " + neither);
        assertThat(only("""
                policies:
                  - name: dev-team
                    permissions: [read:config]
                    groups: devs
                """).describe()).isEqualTo("p.yaml:4:13: policies[0].groups: must be a list of group names, not a string");
        assertThat(only("""
                policies:
                  - name: dev-team
                    permissions: [read:config]
                    users: [alice, 7]
                """).describe()).isEqualTo("p.yaml:4:20: policies[0].users[1]: must be a non-empty string, not a number");
    }

    @Test
    void everyProblemIsReportedInSourceOrder() {
        ProblemException e = refused("""
                policies:
                  - name: ok
                    permissions: [read:config]
                    users: [user1]
                  - name: Bad
                    permissions: [readconfig, "write:config:payment/*", "x"]
                  - permissions: [read:config]
                    groups: [g]
                """);
        assertThat(e.errors()).extracting(l -> l.line() + ":" + l.column() + " " + l.path()).containsExactly(
                "5:5 policies[1]",
                "5:11 policies[1].name",
                "6:19 policies[1].permissions[0]",
                "6:57 policies[1].permissions[2]",
                "7:5 policies[2].name");
        assertThat(e.detail()).isEqualTo(e.errors().get(0).describe() + " (and 4 more problems)");
    }

    @Test
    void policiesBuiltInCodeAreHeldToTheSameRules() {
        ProblemException e = catchThrowableOfType(ProblemException.class, () -> PolicyFile.check(List.of(
                new Policy("ok", List.of("read:config"), List.of("a"), null),
                new Policy(null, List.of("nope"), null, List.of("g")))));
        assertThat(e.type()).isEqualTo(ProblemType.INVALID_DOCUMENT);
        assertThat(e.errors()).extracting(ProblemException.Location::describe).containsExactly(
                "policies[1].name: missing; every policy needs a name, e.g. name: dev-team",
                "policies[1].permissions[0]: \"nope\" is not a permission; write VERB:TYPE or VERB:TYPE:SCOPE, "
                        + "e.g. read:config or write:config:payment/*");
    }
}
