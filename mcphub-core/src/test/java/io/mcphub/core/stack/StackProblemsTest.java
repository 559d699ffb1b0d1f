package io.mcphub.core.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.mcphub.core.doc.DocumentFormat;
import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemException.Location;
import io.mcphub.core.error.ProblemType;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StackProblemsTest {

    static Stream<BadSpecs.BadSpec> badSpecs() {
        return BadSpecs.ALL.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSpecs")
    void eachProblemIsReportedExactlyWithLineColumnAndPath(BadSpecs.BadSpec bad) {
        ProblemException e = refusal(bad.yaml(), DocumentFormat.YAML);
        assertThat(e.type()).isEqualTo(ProblemType.INVALID_DOCUMENT);
        assertThat(e.detail()).isEqualTo(bad.detail());
        assertThat(e.errors()).singleElement().satisfies(l -> {
            assertThat(l.source()).isEqualTo("stack.yaml");
            assertThat(l.describe()).isEqualTo(bad.detail());
        });
    }

    @Test
    void everyProblemIsReportedAtOnceInSourceOrder() {
        String yaml = BadSpecs.HEADER + """
                  memory:
                    runtime: podman
                    command: npx
                    dependsOn: [everythng]
                    replicas: -1
                """;
        ProblemException e = refusal(yaml, DocumentFormat.YAML);
        assertThat(e.detail()).isEqualTo("stack.yaml:6:14: services.memory.runtime: unknown runtime \"podman\"; use "
                + "process, docker, kubernetes or auto (and 2 more problems)");
        assertThat(e.errors()).extracting(Location::line, Location::column, Location::path).containsExactly(
                tuple(6, 14, "services.memory.runtime"),
                tuple(8, 17, "services.memory.dependsOn[0]"),
                tuple(9, 15, "services.memory.replicas"));
        assertThat(e.errors().get(1).message()).isEqualTo("unknown service \"everythng\"; the stack declares memory");
    }

    @Test
    void oneMoreProblemIsSingular() {
        String yaml = BadSpecs.HEADER + """
                  memory:
                    command: npx
                    port: 0
                """;
        assertThat(refusal(yaml, DocumentFormat.YAML).detail()).endsWith("(and 1 more problem)");
    }

    @Test
    void theStyleGuideExampleReadsAsPromised() {
        String yaml = """
                apiVersion: mcphub/v1
                kind: Stack
                metadata: {name: demo}
                services:
                  everything:
                    command: npx
                  memory:
                    command: npx
                    dependsOn:
                      - everythng
                """;
        assertThat(refusal(yaml, DocumentFormat.YAML).detail()).isEqualTo("stack.yaml:10:9: "
                + "services.memory.dependsOn[0]: unknown service \"everythng\" (did you mean \"everything\"?)");
    }

    @Test
    void jsonSpecsAreLocatedToo() {
        String json = """
                {
                  "apiVersion": "mcphub/v1",
                  "kind": "Stack",
                  "metadata": {"name": "demo"},
                  "services": {
                    "memory": {"command": "npx", "transport": "websocket"}
                  }
                }
                """;
        ProblemException e = refusal(json, DocumentFormat.JSON, "stack.json");
        assertThat(e.detail()).isEqualTo("stack.json:6:47: services.memory.transport: unknown transport \"websocket\"; "
                + "use stdio, streamable-http or sse");
    }

    @Test
    void malformedYamlIsRefusedWithItsPosition() {
        String yaml = BadSpecs.HEADER + "  memory: {command: npx\n";
        ProblemException e = refusal(yaml, DocumentFormat.YAML);
        assertThat(e.detail()).matches("stack\\.yaml:\\d+:\\d+: malformed YAML: .*");
        assertThat(e.errors().get(0).line()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void anEnvironmentVariableWrittenTwiceInAMapIsRefusedByTheReader() {
        String yaml = BadSpecs.HEADER + """
                  memory:
                    command: npx
                    env:
                      LOG_LEVEL: debug
                      LOG_LEVEL: info
                """;
        ProblemException e = refusal(yaml, DocumentFormat.YAML);
        assertThat(e.detail()).startsWith("stack.yaml:9:").contains("Duplicate field 'LOG_LEVEL'");
    }

    @Test
    void aWrongTypeIsOneProblemNotTwo() {
        String yaml = BadSpecs.HEADER + """
                  memory:
                    runtime: process
                    command: [npx]
                """;
        assertThat(refusal(yaml, DocumentFormat.YAML).errors()).singleElement()
                .extracting(Location::message).isEqualTo("must be a string, not a list");
    }

    @Test
    void specialCharactersInKeysStayReadableInPaths() {
        String yaml = BadSpecs.HEADER + """
                  memory:
                    command: npx
                    labels: {"app.kubernetes.io/name": [x]}
                """;
        assertThat(refusal(yaml, DocumentFormat.YAML).errors()).singleElement()
                .extracting(Location::path).isEqualTo("services.memory.labels[\"app.kubernetes.io/name\"]");
    }

    static ProblemException refusal(String text, DocumentFormat format) {
        return refusal(text, format, "stack.yaml");
    }

    static ProblemException refusal(String text, DocumentFormat format, String source) {
        try {
            StackParser.parse(text, format, source);
        } catch (ProblemException e) {
            return e;
        }
        throw new AssertionError("accepted, but should have been refused:\n" + text);
    }
}
