package io.mcphub.deploy.probe;

import static io.mcphub.deploy.probe.Fixtures.context;
import static io.mcphub.deploy.probe.Fixtures.root;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.core.Json;
import io.mcphub.deploy.probe.NodeFingerprint.ProbeRun;
import io.mcphub.deploy.probe.Probes.Stage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprinterTest {

    static final ProbeContext X86 = context(root("x86-server"), Map.of());

    @Test
    void probesThisMachine(@TempDir Path dataDir) {
        ProbeContext system = ProbeContext.system(dataDir);

        NodeFingerprint fingerprint = Fingerprinter.run(system);
        long started = System.nanoTime();
        NodeFingerprint again = Fingerprinter.run(system);
        double warmMillis = (System.nanoTime() - started) / 1e6;

        NodeFacts facts = fingerprint.facts();
        assertThat(fingerprint.probes()).noneMatch(ProbeRun::failed);
        assertThat(facts.cpu().cores()).isPositive();
        assertThat(facts.memory().totalMb()).isPositive();
        assertThat(facts.memory().availableMb()).isPositive();
        assertThat(facts.disk().totalMb()).isPositive();
        assertThat(facts.os().arch()).isEqualTo("amd64");
        assertThat(facts.os().hostname()).isNotBlank();
        assertThat(facts.addresses()).isNotEmpty();
        assertThat(facts.runtimes()).containsKeys("process", "java", "node", "npx", "python3");
        assertThat(facts.type()).isNotNull();
        assertThat(facts.typeReason()).isNotBlank();
        // Measured, not asserted (docs/benchmarks.md has the figures); the bound only catches a hang.
        System.out.printf("full fingerprint: first run %.1f ms, second run %.1f ms (measured by the caller %.1f ms)%n%s%n",
                fingerprint.millis(), again.millis(), warmMillis, again.toJson());
        assertThat(again.millis()).isLessThan(5_000);
    }

    @Test
    void aFailingProbeLeavesItsFactsOutAndTheOthersIntact() {
        Probes probes = Probes.standard().with(Stage.HOST, "boom", () -> probe("boom", Duration.ZERO, (ctx, facts) -> {
            facts.runtime("half-written", "1.0");
            throw new IllegalStateException("cannot read /dev/boom");
        }));

        NodeFingerprint fingerprint = new Fingerprinter(X86, probes, Fingerprinter.PROBE_TIMEOUT).run();

        assertThat(fingerprint.probe("boom")).get().extracting(ProbeRun::error)
                .isEqualTo("IllegalStateException: cannot read /dev/boom");
        assertThat(fingerprint.facts().runtimes()).doesNotContainKey("half-written");
        assertThat(fingerprint.facts().cpu().cores()).isEqualTo(4);
        assertThat(fingerprint.facts().type()).isEqualTo(NodeType.BARE_METAL);
        assertThat(fingerprint.probes()).filteredOn(ProbeRun::failed).extracting(ProbeRun::name).containsExactly("boom");
    }

    @Test
    void aHungProbeIsGivenUpOnAndTheOthersIntact() {
        Probes probes = Probes.standard().with(Stage.ENVIRONMENT, "hang", () -> probe("hang", Duration.ZERO, (ctx, facts) -> {
            facts.runtime("never", "1.0");
            Thread.sleep(30_000);
        }));

        NodeFingerprint fingerprint = new Fingerprinter(X86, probes, Duration.ofMillis(300)).run();

        assertThat(fingerprint.millis()).isLessThan(3_000);
        assertThat(fingerprint.probe("hang").orElseThrow().error()).isEqualTo("did not finish within 300 ms");
        assertThat(fingerprint.facts().runtimes()).doesNotContainKey("never");
        assertThat(fingerprint.facts().memory()).isEqualTo(new NodeFacts.Memory(15714, 11575));
        assertThat(fingerprint.facts().type()).isEqualTo(NodeType.BARE_METAL);
    }

    @Test
    void aFailedDecisionLeavesOnlyTheTypeOut() {
        Probes probes = Probes.standard().with(Stage.DECISION, NodeTypeProbe.NAME, () -> probe(NodeTypeProbe.NAME, Duration.ZERO,
                (ctx, facts) -> { throw new IllegalStateException("undecided"); }));

        NodeFingerprint fingerprint = new Fingerprinter(X86, probes, Fingerprinter.PROBE_TIMEOUT).run();

        assertThat(fingerprint.facts().type()).isNull();
        assertThat(fingerprint.facts().typeReason()).isNull();
        assertThat(fingerprint.facts().os().name()).isEqualTo("Ubuntu 22.04.4 LTS");
    }

    @Test
    void serialisesFlatWithoutAbsentPartsAndReadsBack() throws Exception {
        NodeFingerprint fingerprint = Fingerprinter.run(X86);

        String json = fingerprint.toJson();
        JsonNode tree = Json.JSON.readTree(json);

        assertThat(tree.path("type").asText()).isEqualTo("BARE_METAL");
        assertThat(tree.path("cpu").path("model").asText()).isEqualTo("Intel(R) Xeon(R) Platinum 8259CL CPU @ 2.50GHz");
        assertThat(tree.path("memory").path("totalMb").asLong()).isEqualTo(15714);
        assertThat(tree.path("os").path("hostname").asText()).isEqualTo("ip-10-0-3-17");
        assertThat(tree.path("runtimes").path("process").asText()).isEqualTo("builtin");
        assertThat(tree.path("probedAt").isTextual()).isTrue();
        assertThat(tree.has("facts")).isFalse();
        assertThat(tree.has("docker")).isFalse();
        assertThat(tree.has("kubernetes")).isFalse();
        assertThat(tree.path("probes").get(0).has("error")).isFalse();
        assertThat(Json.JSON.readValue(json, NodeFingerprint.class)).isEqualTo(fingerprint);
    }

    @Test
    void refreshRerunsOnlyDueProbesAndThenTheDecisions() {
        MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
        AtomicInteger runs = new AtomicInteger();
        Probes probes = Probes.standard().with(Stage.HOST, "counter", () -> probe("counter", Duration.ofMinutes(1),
                (ctx, facts) -> facts.runtime("counted-" + runs.incrementAndGet(), "1")));
        Fingerprinter fingerprinter = new Fingerprinter(X86.withClock(clock), probes, Fingerprinter.PROBE_TIMEOUT);

        NodeFingerprint first = fingerprinter.run();
        assertThat(fingerprinter.nextRefresh()).contains(Instant.parse("2025-01-01T00:00:30Z"));

        clock.now = Instant.parse("2025-01-01T00:00:20Z");
        assertThat(fingerprinter.refresh()).isSameAs(first);

        clock.now = Instant.parse("2025-01-01T00:01:00Z");
        NodeFingerprint second = fingerprinter.refresh();

        assertThat(runs).hasValue(2);
        assertThat(second.facts().runtimes()).containsKey("counted-2").doesNotContainKey("counted-1");
        assertThat(ranAt(second, "counter")).isEqualTo(clock.now);
        assertThat(ranAt(second, "docker")).isEqualTo(clock.now);
        assertThat(ranAt(second, NodeTypeProbe.NAME)).isEqualTo(clock.now);
        assertThat(ranAt(second, CpuProbe.NAME)).isEqualTo(ranAt(first, CpuProbe.NAME));
        assertThat(second.facts().cpu()).isEqualTo(first.facts().cpu());
    }

    @Test
    void aProbeFailingOnRefreshKeepsItsLastGoodFacts() {
        MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
        AtomicInteger runs = new AtomicInteger();
        Probes probes = Probes.standard().with(Stage.HOST, "flaky", () -> probe("flaky", Duration.ofMinutes(1), (ctx, facts) -> {
            if (runs.incrementAndGet() > 1) {
                throw new IllegalStateException("flaked");
            }
            facts.runtime("flaky", "1.0");
        }));
        Fingerprinter fingerprinter = new Fingerprinter(X86.withClock(clock), probes, Fingerprinter.PROBE_TIMEOUT);
        fingerprinter.run();

        clock.now = clock.now.plus(Duration.ofMinutes(2));
        NodeFingerprint refreshed = fingerprinter.refresh();

        assertThat(refreshed.facts().runtimes()).containsEntry("flaky", "1.0");
        assertThat(refreshed.probe("flaky").orElseThrow().error()).isEqualTo("IllegalStateException: flaked");
    }

    @Test
    void probesAreRegisteredByNameHostFirst() {
        assertThat(Probes.standard().names())
                .containsExactly("cpu", "memory", "disk", "os", "network", "runtimes", "docker", "kubernetes", "nodetype");
        Probes extended = Probes.standard().with(Stage.HOST, "gpu", () -> probe("gpu", Duration.ZERO, (ctx, facts) -> {}));
        assertThat(extended.names()).containsSubsequence("runtimes", "gpu", "docker");
        assertThat(extended.without("gpu").names()).isEqualTo(Probes.standard().names());
    }

    @Test
    void aProbeMustAnswerToTheNameItIsRegisteredUnder() {
        Probes misnamed = Probes.none().with(Stage.HOST, "cpu", MemoryProbe::new);

        assertThatThrownBy(() -> new Fingerprinter(X86, misnamed, Fingerprinter.PROBE_TIMEOUT))
                .hasMessage("probe registered as 'cpu' calls itself 'memory'");
    }

    private static Instant ranAt(NodeFingerprint fingerprint, String probe) {
        return fingerprint.probe(probe).orElseThrow().ranAt();
    }

    interface Body {
        void probe(ProbeContext ctx, NodeFacts.Builder facts) throws Exception;
    }

    private static NodeProbe probe(String name, Duration every, Body body) {
        return new NodeProbe() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void probe(ProbeContext ctx, NodeFacts.Builder facts) throws Exception {
                body.probe(ctx, facts);
            }

            @Override
            public Duration refreshEvery() {
                return every;
            }
        };
    }

    static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
