package io.mcphub.security.rbac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import io.mcphub.security.auth.Principal;
import io.mcphub.store.Store;
import io.mcphub.store.Stores;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyExplainTest {

    @TempDir
    Path dir;
    Store store;
    Policies policies;

    @BeforeEach
    void open() {
        store = Stores.open("embedded", dir);
        policies = new Policies(store);
        policies.ensureBootstrap();
        policies.apply(List.of(
                new Policy("dev-team", List.of("read:config", "write:service"), List.of("user1"), List.of("dev")),
                new Policy("payment-ops", List.of("write:config:payment/*", "call:tool:amap/*"), null, List.of("payments")),
                new Policy("readers", List.of("read:config"), List.of("user1"), null)));
    }

    @AfterEach
    void close() {
        policies.close();
        store.close();
    }

    @Test
    void anAllowedRequestNamesThePolicyAndGrant() {
        assertThat(policies.explain("user1", Set.of(), "read:config", "payment")).isEqualTo(new Explanation(true,
                "user1", "read:config", "payment", "dev-team", "read:config", "policy dev-team grants read:config to user1"));
        assertThat(policies.explain("bob", Set.of("payments"), "write:config", "payment/db")).isEqualTo(new Explanation(true,
                "bob", "write:config", "payment/db", "payment-ops", "write:config:payment/*",
                "policy payment-ops grants write:config:payment/* to group payments, which bob is in"));
        assertThat(policies.explain("admin", Set.of("admins"), "write:policy", null).reason())
                .isEqualTo("policy admins grants * to group admins, which admin is in");
    }

    @Test
    void theFirstPolicyInNameOrderDecides() {
        policies.apply(List.of(new Policy("a-readers", List.of("read:config:payment"), List.of("user1"), null)));
        assertThat(policies.explain("user1", Set.of(), "read:config", "payment").policy()).isEqualTo("a-readers");
        assertThat(policies.explain("user1", Set.of(), "read:config", "billing").policy()).isEqualTo("dev-team");
    }

    @Test
    void readSelfNeedsNoPolicy() {
        assertThat(policies.explain("carol", Set.of(), "read:self", null)).isEqualTo(new Explanation(true,
                "carol", "read:self", null, null, "read:self", "every authenticated user has read:self"));
    }

    @Test
    void aDenialSaysWhatThePoliciesGrantInstead() {
        assertThat(policies.explain("alice", Set.of("dev"), "write:config", "payment")).isEqualTo(new Explanation(false,
                "alice", "write:config", "payment", null, null,
                "no policy grants write:config to alice or their groups [dev]; "
                        + "policy dev-team grants only read:config, write:service"));
        assertThat(policies.explain("user1", Set.of("ops", "dev"), "write:config", null).reason())
                .isEqualTo("no policy grants write:config to user1 or their groups [dev, ops]; "
                        + "policy dev-team grants only read:config, write:service; policy readers grants only read:config");
    }

    @Test
    void aDenialOutsideAScopeNamesTheScope() {
        assertThat(policies.explain("bob", Set.of("payments"), "write:config", "billing").reason())
                .isEqualTo("policy payment-ops grants write:config only on payment/*, not on billing");
        assertThat(policies.explain("bob", Set.of("payments"), "write:config", "paymentx").allowed()).isFalse();
        assertThat(policies.explain("bob", Set.of("payments"), "write:config", null).reason())
                .isEqualTo("policy payment-ops grants write:config only on payment/*, not on every resource");
    }

    @Test
    void aDenialForSomeoneNoPolicyNames() {
        assertThat(policies.explain("carol", Set.of(), "read:config", "payment").reason())
                .isEqualTo("no policy names carol (who is in no group), and what no policy grants is denied");
        assertThat(policies.explain("carol", Set.of("qa"), "read:config", "payment").reason())
                .isEqualTo("no policy names carol or their groups [qa], and what no policy grants is denied");
    }

    @Test
    void explainAgreesWithTheGrantsAPrincipalGets() {
        for (String user : List.of("user1", "bob", "carol", "admin")) {
            Set<String> groups = switch (user) {
                case "bob" -> Set.of("payments");
                case "admin" -> Set.of("admins");
                default -> Set.of();
            };
            Principal principal = new Principal(user, groups, policies.grantsFor(user, groups), null, "jwt");
            for (String permission : List.of("read:config", "write:config", "call:tool", "read:self", "write:policy")) {
                for (String resource : new String[] {null, "payment", "payment/db", "billing", "amap/geo"}) {
                    assertThat(policies.explain(user, groups, permission, resource).allowed())
                            .as("%s %s %s", user, permission, resource)
                            .isEqualTo(principal.allows(permission, resource));
                }
            }
        }
    }

    @Test
    void onlyAPlainPermissionCanBeExplained() {
        assertThatThrownBy(() -> policies.explain("bob", Set.of(), "write:config:payment", "payment"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.type()).isEqualTo(ProblemType.BAD_REQUEST);
                    assertThat(e.detail()).isEqualTo("\"write:config:payment\" is not a permission to check; ask for "
                            + "VERB:TYPE such as write:config and name the resource separately");
                });
    }
}
