package io.mcphub.deploy.probe;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;

/** Total and available memory, which the scheduler checks a service's demand against. */
final class MemoryProbe implements NodeProbe {

    static final String NAME = "memory";

    @Override
    public String name() {
        return NAME;
    }

    /** Available memory moves with every service started, so it is worth re-reading. */
    @Override
    public Duration refreshEvery() {
        return Duration.ofMinutes(1);
    }

    @Override
    public void probe(ProbeContext ctx, NodeFacts.Builder facts) {
        facts.memory(ctx.read("/proc/meminfo").map(MemoryProbe::fromMeminfo).orElseGet(MemoryProbe::fromJvm));
    }

    static NodeFacts.Memory fromMeminfo(String meminfo) {
        Map<String, String> fields = Text.firstValues(Text.pairs(meminfo, ':'));
        long total = kibibytes(fields.get("MemTotal"));
        // Kernels before 3.14 have no MemAvailable; MemFree understates it but is the honest lower bound.
        String available = fields.getOrDefault("MemAvailable", fields.get("MemFree"));
        if (total <= 0 || available == null) {
            throw new IllegalStateException("/proc/meminfo has no MemTotal or MemAvailable");
        }
        return new NodeFacts.Memory(total / 1024, kibibytes(available) / 1024);
    }

    /** Where there is no /proc (macOS, a fixture without it), the JVM's view of the machine. */
    private static NodeFacts.Memory fromJvm() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new NodeFacts.Memory(os.getTotalMemorySize() >> 20, os.getFreeMemorySize() >> 20);
    }

    /** A meminfo value, "16318476 kB". */
    private static long kibibytes(String value) {
        return value == null ? -1 : Long.parseLong(value.replace("kB", "").trim());
    }
}
