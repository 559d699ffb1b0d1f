package io.mcphub.deploy.probe;

import java.time.Duration;

/**
 * One concern of the node fingerprint (cpu, memory, docker…), as Nomad's fingerprinters are. A probe reads the
 * machine only through its {@link ProbeContext} and writes only into its builder: the {@link Fingerprinter} keeps
 * what it wrote only if it returns normally, so a probe may simply throw when it cannot tell.
 */
public interface NodeProbe {

    /** The name it is registered under in {@link Probes}, and reported under in {@link NodeFingerprint#probes()}. */
    String name();

    /** Fills in what this probe knows; {@code facts.known()} shows what earlier probes found, for refining. */
    void probe(ProbeContext ctx, NodeFacts.Builder facts) throws Exception;

    /** How often the facts may change enough to probe again; {@link Duration#ZERO} means they never do. */
    default Duration refreshEvery() {
        return Duration.ZERO;
    }
}
