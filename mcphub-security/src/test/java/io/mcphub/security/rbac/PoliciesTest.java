package io.mcphub.security.rbac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mcphub.core.doc.DocumentFormat;
import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import io.mcphub.security.auth.Principal;
import io.mcphub.store.KeyValue;
import io.mcphub.store.Store;
import io.mcphub.store.Stores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoliciesTest {

    @TempDir
    Path dir;
    Store store;
    Policies policies;

    @BeforeEach
    void open() {
        store = Stores.open("embedded", dir);
        policies = new Policies(store);
    }

    @AfterEach
    void close() {
        policies.close();
        store.close();
    }

    static List<Policy> seed() {
        return PolicyFile.parse(PolicyFileTest.SEED, DocumentFormat.YAML, "seed.yaml");
    }

    static Policy policy(String name, List<String> permissions, List<String> users, List<String> groups) {
        return new Policy(name, permissions, users, groups);
    }

    /** Everything the store holds, to prove a refused write wrote nothing. */
    private String snapshot() {
        return store.range("").kvs().stream().map(kv -> kv.key() + "@" + kv.modRevision()).collect(Collectors.joining(","))
                + "#" + store.currentRevision();
    }

    private Principal principal(String user, Set<String> groups) {
        return new Principal(user, groups, policies.grantsFor(user, groups), null, "jwt");
    }

    @Test
    void appliedPoliciesAreStoredOneKeyEachAndListedInNameOrder() {
        assertThat(policies.apply(List.of(seed().get(1), seed().get(0)))).containsExactly("payment-ops", "dev-team");
        assertThat(policies.list()).containsExactlyElementsOf(seed());
        assertThat(store.range(Policies.PREFIX).kvs()).extracting(KeyValue::key)
                .containsExactly(Policies.PREFIX + "dev-team", Policies.PREFIX + "payment-ops");
        try (Policies restarted = new Policies(store)) {
            assertThat(restarted.list()).containsExactlyElementsOf(seed());
            assertThat(restarted.get("dev-team")).contains(seed().get(0));
        }
    }

    @Test
    void oneApplyIsOneTransaction() {
        long before = store.currentRevision();
        policies.apply(seed());
        assertThat(store.currentRevision()).isEqualTo(before + 1);
        assertThat(store.range(Policies.PREFIX).kvs()).extracting(KeyValue::modRevision).containsOnly(before + 1);
    }

    @Test
    void applyReplacesAPolicyWhole() {
        policies.apply(seed());
        policies.apply(List.of(policy("dev-team", List.of("write:config"), null, List.of("dev"))));
        assertThat(policies.get("dev-team")).contains(policy("dev-team", List.of("write:config"), null, List.of("dev")));
        assertThat(policies.grantsFor("user1", Set.of())).containsExactly(Permissions.READ_SELF);
        assertThat(policies.grantsFor("alice", Set.of("dev"))).containsExactlyInAnyOrder(Permissions.READ_SELF, "write:config");
        assertThat(policies.get("payment-ops")).contains(seed().get(1));
    }

    @Test
    void aRefusedApplyWritesNothing() {
        policies.apply(seed());
        String before = snapshot();
        List<Policy> halfGood = List.of(
                policy("dev-team", List.of("*"), List.of("user1"), null),
                policy("auditors", List.of("read:audit", "readaudit"), null, List.of("audit")));
        assertThatThrownBy(() -> policies.apply(halfGood))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.type()).isEqualTo(ProblemType.INVALID_DOCUMENT);
                    assertThat(e.detail()).isEqualTo("policies[1].permissions[1]: \"readaudit\" is not a permission; "
                            + "write VERB:TYPE or VERB:TYPE:SCOPE, e.g. read:config or write:config:payment/*");
                });
        assertThat(snapshot()).isEqualTo(before);
        assertThat(policies.list()).containsExactlyElementsOf(seed());
        assertThat(policies.grantsFor("user1", Set.of())).doesNotContain("*");
    }

    @Test
    void aUserGetsTheUnionOfThePoliciesNamingThemOrTheirGroups() {
        policies.apply(seed());
        assertThat(policies.grantsFor("user1", Set.of()))
                .containsExactlyInAnyOrder(Permissions.READ_SELF, "read:config", "write:service");
        assertThat(policies.grantsFor("bob", Set.of("payments", "other")))
                .containsExactlyInAnyOrder(Permissions.READ_SELF, "write:config:payment/*", "read:secret:payment/*", "call:tool:amap/*");
        assertThat(policies.grantsFor("user2", Set.of("payments")))
                .containsExactlyInAnyOrder(Permissions.READ_SELF, "read:config", "write:service",
                        "write:config:payment/*", "read:secret:payment/*", "call:tool:amap/*");
    }

    @Test
    void everythingNotGrantedIsDenied() {
        policies.apply(seed());
        Principal carol = principal("carol", Set.of("dev"));
        assertThat(carol.grants()).containsExactly(Permissions.READ_SELF);
        assertThat(carol.allows("read:self", null)).isTrue();
        assertThat(carol.allows("read:config", null)).isFalse();
        assertThat(carol.allows("read:config", "payment")).isFalse();
        Principal user1 = principal("user1", Set.of());
        assertThat(user1.allows("read:config", "anything")).isTrue();
        assertThat(user1.allows("write:config", "anything")).isFalse();
        assertThat(user1.allows("write:policy", null)).isFalse();
    }

    @Test
    void aScopedGrantCoversItsResourceAndWhatIsBelowIt() {
        policies.apply(seed());
        Principal bob = principal("bob", Set.of("payments"));
        assertThat(bob.allows("write:config", "payment")).isTrue();
        assertThat(bob.allows("write:config", "payment/db")).isTrue();
        assertThat(bob.allows("write:config", "paymentx")).isFalse();
        assertThat(bob.allows("write:config", "billing")).isFalse();
        assertThat(bob.allows("write:config", null)).as("a scoped grant never covers an unscoped request").isFalse();
        assertThat(bob.allows("read:config", "payment")).isFalse();
        assertThat(bob.allows("call:tool", "amap/maps_geo")).isTrue();
        assertThat(bob.allows("call:tool", "weather/forecast")).isFalse();
    }

    @Test
    void deleteRemovesAPolicyAndWhatItGranted() {
        policies.apply(seed());
        policies.delete("payment-ops");
        assertThat(policies.list()).extracting(Policy::name).containsExactly("dev-team");
        assertThat(store.get(Policies.PREFIX + "payment-ops")).isEmpty();
        assertThat(policies.grantsFor("bob", Set.of("payments"))).containsExactly(Permissions.READ_SELF);
    }

    @Test
    void deletingAnUnknownPolicySuggestsTheClosestName() {
        assertThatThrownBy(() -> policies.delete("dev-team")).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.type()).isEqualTo(ProblemType.NOT_FOUND);
            assertThat(e.detail()).isEqualTo("no policy named \"dev-team\"; there are no policies");
        });
        policies.apply(seed());
        String before = snapshot();
        assertThatThrownBy(() -> policies.delete("dev-tem"))
                .hasMessage("no policy named \"dev-tem\"; did you mean \"dev-team\"?");
        assertThatThrownBy(() -> policies.delete("ops"))
                .hasMessage("no policy named \"ops\"; the policies are dev-team, payment-ops");
        assertThatThrownBy(() -> policies.delete("../tokens/x"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.NOT_FOUND));
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aChangeOnAnotherHubAppliesHereWithinASecond() {
        policies.apply(seed());
        try (Policies otherHub = new Policies(store)) {
            otherHub.apply(List.of(policy("auditors", List.of("read:audit"), List.of("carol"), null)));
            await().atMost(Duration.ofSeconds(1))
                    .until(() -> policies.grantsFor("carol", Set.of()).contains("read:audit"));
            otherHub.delete("dev-team");
            await().atMost(Duration.ofSeconds(1))
                    .until(() -> !policies.grantsFor("user1", Set.of()).contains("read:config"));
        }
        assertThat(policies.list()).extracting(Policy::name).containsExactly("auditors", "payment-ops");
    }

    @Test
    void anUnreadableStoredPolicyGrantsNothingAndSpoilsNothingElse() {
        policies.apply(seed());
        store.put(Policies.PREFIX + "broken", "{not json".getBytes(StandardCharsets.UTF_8));
        store.put(Policies.PREFIX + "null", "null".getBytes(StandardCharsets.UTF_8));
        store.put(Policies.PREFIX + "shape", "{\"permissions\": \"*\"}".getBytes(StandardCharsets.UTF_8));
        try (Policies restarted = new Policies(store)) {
            assertThat(restarted.list()).containsExactlyElementsOf(seed());
        }
        await().atMost(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(policies.list()).containsExactlyElementsOf(seed());
            assertThat(policies.grantsFor("user1", Set.of())).contains("read:config");
        });
    }

    @Test
    void theFirstStartCreatesTheAdminsPolicy() {
        assertThat(policies.grantsFor("admin", Set.of("admins"))).containsExactly(Permissions.READ_SELF);
        assertThat(policies.ensureBootstrap()).isTrue();
        assertThat(policies.list()).containsExactly(Policies.BOOTSTRAP);
        assertThat(Policies.BOOTSTRAP.groups()).containsExactly("admins");
        Principal admin = principal("admin", Set.of("admins"));
        assertThat(admin.allows("write:policy", null)).isTrue();
        assertThat(admin.allows("write:config", "payment/db")).isTrue();
        assertThat(principal("mallory", Set.of("users")).allows("write:policy", null)).isFalse();

        long revision = store.currentRevision();
        assertThat(policies.ensureBootstrap()).isFalse();
        assertThat(store.currentRevision()).isEqualTo(revision);
    }

    @Test
    void noBootstrapOnceAnyPolicyExists() {
        policies.apply(seed());
        String before = snapshot();
        assertThat(policies.ensureBootstrap()).isFalse();
        assertThat(snapshot()).isEqualTo(before);
        assertThat(policies.get("admins")).isEmpty();
    }
}
