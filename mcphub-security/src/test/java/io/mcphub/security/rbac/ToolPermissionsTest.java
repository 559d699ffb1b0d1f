package io.mcphub.security.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.security.auth.Principal;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The gateway's questions: may the caller call this tool, and may it see this service at all. */
class ToolPermissionsTest {

    private static Principal with(String... grants) {
        return new Principal("u", Set.of(), Set.of(grants), null, "jwt");
    }

    @Test
    void aToolGrantShowsItsServiceAndCallsOnlyThatTool() {
        Principal p = with("call:tool:everything/echo");
        assertThat(p.allowsSomeWithin("call:tool", "everything")).isTrue();
        assertThat(p.allows("call:tool", "everything/echo")).isTrue();
        assertThat(p.allows("call:tool", "everything/add")).isFalse();
        assertThat(p.allowsSomeWithin("call:tool", "memory")).isFalse();
        assertThat(p.allowsSomeWithin("call:tool", "every")).as("a prefix of a name is another name").isFalse();
    }

    @Test
    void wildcardsCoverEveryToolBelowThem() {
        assertThat(with("call:tool:everything/*").allowsSomeWithin("call:tool", "everything")).isTrue();
        assertThat(with("call:tool").allowsSomeWithin("call:tool", "memory")).isTrue();
        assertThat(with("*").allows("call:tool", "memory/read_graph")).isTrue();
        assertThat(with("read:config").allowsSomeWithin("call:tool", "memory")).isFalse();
    }

    @Test
    void aTokensRestrictionNarrowsWhatItsOwnerMaySee() {
        Principal restricted = new Principal("u", Set.of(), Set.of("*"), Set.of("call:tool:memory/*"), "api-token:t1");
        assertThat(restricted.allowsSomeWithin("call:tool", "memory")).isTrue();
        assertThat(restricted.allowsSomeWithin("call:tool", "everything")).isFalse();
    }
}
