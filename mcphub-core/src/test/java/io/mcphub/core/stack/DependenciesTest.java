package io.mcphub.core.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcphub.core.doc.DocumentFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;
import org.junit.jupiter.api.Test;

class DependenciesTest {

    @Test
    void startsDependenciesFirstAndOtherwiseKeepsDeclarationOrder() {
        Dependencies d = graph("web", "api", "cache", "db", "api", "db", "cache", "", "db", "");
        assertThat(d.startOrder()).containsExactly("cache", "db", "api", "web");
        assertThat(d.stopOrder()).containsExactly("web", "api", "db", "cache");
    }

    @Test
    void tiesGoToTheServiceDeclaredFirst() {
        Dependencies d = graph("a", "c", "b", "", "c", "", "d", "");
        assertThat(d.startOrder()).containsExactly("b", "c", "a", "d");
        assertThat(graph("z", "", "y", "", "x", "").startOrder()).containsExactly("z", "y", "x");
    }

    @Test
    void levelsAreWavesThatCanStartTogether() {
        Dependencies d = graph(
                "planner", "amap,weather,payment",
                "payment", "amap",
                "amap", "",
                "weather", "",
                "audit", "");
        assertThat(d.levels()).containsExactly(
                List.of("amap", "weather", "audit"),
                List.of("payment"),
                List.of("planner"));
    }

    @Test
    void aServiceIsAsLateAsItsDeepestDependency() {
        Dependencies d = graph("a", "", "b", "a", "c", "b", "d", "a,c");
        assertThat(d.levels()).containsExactly(List.of("a"), List.of("b"), List.of("c"), List.of("d"));
    }

    @Test
    void findsCyclesAndNamesThemInDependencyOrder() {
        Dependencies d = graph("a", "b", "b", "c", "c", "a", "d", "a");
        assertThat(d.hasCycle()).isTrue();
        assertThat(d.cycles()).containsExactly(List.of("a", "b", "c", "a"));
        assertThatThrownBy(d::startOrder).isInstanceOf(IllegalStateException.class)
                .hasMessage("services form a cycle: a → b → c → a");
        assertThatThrownBy(d::levels).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void findsEachCycleAndSelfDependencies() {
        Dependencies d = graph("a", "a", "b", "c", "c", "b");
        assertThat(d.cycles()).containsExactly(List.of("a", "a"), List.of("b", "c", "b"));
    }

    @Test
    void anAcyclicDiamondHasNoCycle() {
        Dependencies d = graph("top", "left,right", "left", "bottom", "right", "bottom", "bottom", "");
        assertThat(d.hasCycle()).isFalse();
        assertThat(d.startOrder()).containsExactly("bottom", "left", "right", "top");
    }

    @Test
    void repeatsCountOnce() {
        Dependencies d = graph("a", "b,b", "b", "");
        assertThat(d.dependenciesOf("a")).containsExactly("b");
        assertThat(d.startOrder()).containsExactly("b", "a");
    }

    @Test
    void refusesDependenciesOnUndeclaredServices() {
        assertThatThrownBy(() -> graph("a", "ghost")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a depends on ghost, which is not declared");
        assertThatThrownBy(() -> graph("a", "").dependenciesOf("b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void worksFromAStack() {
        Stack stack = StackParser.parse(StackParserTest.EXAMPLE, DocumentFormat.YAML, "demo.yaml");
        assertThat(Dependencies.of(stack).levels()).containsExactly(List.of("everything"), List.of("memory"));
    }

    /** Pairs of service and comma-separated dependencies, in declaration order. */
    private static Dependencies graph(String... pairs) {
        SequencedMap<String, List<String>> deps = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            deps.put(pairs[i], pairs[i + 1].isEmpty() ? List.of() : List.of(pairs[i + 1].split(",")));
        }
        return Dependencies.of(deps);
    }
}
