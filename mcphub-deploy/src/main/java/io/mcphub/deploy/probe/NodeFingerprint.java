package io.mcphub.deploy.probe;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.mcphub.core.Json;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What an agent reports about its node: the facts, flat in JSON, plus when they were probed and how each probe went.
 *
 * @param probedAt when the latest run started; facts of probes that did not run again are older (see {@code probes})
 * @param millis   how long the latest run took
 * @param probes   every registered probe's latest run, in running order
 */
public record NodeFingerprint(@JsonUnwrapped NodeFacts facts, Instant probedAt, double millis, List<ProbeRun> probes) {

    public NodeFingerprint {
        probes = List.copyOf(probes);
    }

    /**
     * One probe's latest run; {@code error} says why it failed, in which case its facts are those of its last
     * successful run, or absent if it never had one.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProbeRun(String name, Instant ranAt, double millis, String error) {
        public boolean failed() {
            return error != null;
        }
    }

    public Optional<ProbeRun> probe(String name) {
        return probes.stream().filter(run -> run.name().equals(name)).findFirst();
    }

    /** As the agent sends it to the hub; {@link Json#JSON} reads it back. */
    public String toJson() {
        return Json.writePretty(this);
    }
}
