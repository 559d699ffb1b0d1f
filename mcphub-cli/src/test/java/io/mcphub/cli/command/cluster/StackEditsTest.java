package io.mcphub.cli.command.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.cli.common.CliException;
import io.mcphub.cli.common.ExitCodes;
import io.mcphub.cli.common.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** deploy's --env and --nodes, applied to parsed stack files. */
class StackEditsTest {
    private static JsonNode yaml(String text) throws Exception {
        return Json.YAML.readTree(text);
    }

    @Test
    void envBecomesAStackLabelAndNodesEveryServicesPlacement() throws Exception {
        JsonNode stack = yaml("""
                apiVersion: mcphub/v1
                kind: Stack
                metadata: {name: demo, labels: {team: travel}}
                services:
                  amap: {command: npx}
                  payment:
                    image: ghcr.io/acme/alipay-mcp:1.0
                    placement: {nodes: [old], labels: {zone: eu}}
                  weather: {url: https://weather.example.com/mcp}
                """);

        JsonNode edited = StackEdits.of("prod", List.of("node1", " node2")).applyTo(stack);

        assertThat(edited).isEqualTo(yaml("""
                apiVersion: mcphub/v1
                kind: Stack
                metadata: {name: demo, labels: {team: travel, env: prod}}
                services:
                  amap: {command: npx, placement: {nodes: [node1, node2]}}
                  payment:
                    image: ghcr.io/acme/alipay-mcp:1.0
                    placement: {nodes: [node1, node2], labels: {zone: eu}}
                  weather: {url: https://weather.example.com/mcp}
                """));
    }

    @Test
    void onlyWhatWasAskedForChanges() throws Exception {
        String text = """
                apiVersion: mcphub/v1
                kind: Stack
                metadata: {name: demo}
                services:
                  amap: {command: npx}
                """;

        assertThat(StackEdits.of("dev", null).applyTo(yaml(text)))
                .isEqualTo(yaml(text.replace("{name: demo}", "{name: demo, labels: {env: dev}}")));
        assertThat(StackEdits.of(null, List.of("n1")).applyTo(yaml(text)))
                .isEqualTo(yaml(text.replace("{command: npx}", "{command: npx, placement: {nodes: [n1]}}")));
        assertThat(StackEdits.of(null, null).none()).isTrue();
    }

    /** The hub refuses these with its own words; edited, they would be hidden or changed. */
    @Test
    void partsOfTheWrongShapeAreLeftAsWritten() throws Exception {
        String text = """
                apiVersion: mcphub/v1
                kind: Stack
                metadata: {name: demo, labels: [env]}
                services:
                  amap: {command: npx, placement: [node1]}
                  empty:
                """;

        assertThat(StackEdits.of("prod", List.of("n1")).applyTo(yaml(text))).isEqualTo(yaml(text));
        assertThat(StackEdits.of("prod", List.of("n1")).applyTo(yaml("[1, 2]"))).isEqualTo(yaml("[1, 2]"));
        assertThat(StackEdits.of("prod", List.of("n1")).applyTo(yaml("apiVersion: mcphub/v1\nservices: [a]\n")))
                .isEqualTo(yaml("apiVersion: mcphub/v1\nservices: [a]\n"));
    }

    @Test
    void badValuesAreUsageErrors() {
        for (Runnable bad : List.<Runnable>of(() -> StackEdits.of(" ", null), () -> StackEdits.of(null, List.of("a", "")),
                () -> StackEdits.of(null, List.of("a", "a ")))) {
            assertThatThrownBy(bad::run).isInstanceOf(CliException.class)
                    .extracting(e -> ((CliException) e).exitCode()).isEqualTo(ExitCodes.USAGE);
        }
    }
}
