package io.mcphub.bench.gateway;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * CPU time used so far by this JVM (client, gateway and bridge alike) and by its child processes (npx and the
 * node servers), so a phase can say what each call cost in CPU: on a 2-core machine that cost, not waiting,
 * bounds throughput with many calls in flight.
 */
record Cpu(long jvmNanos, long childNanos) {

    static Cpu now() {
        long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        long children = ProcessHandle.current().descendants()
                .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
                .sum();
        return new Cpu(jvm, children);
    }

    Cpu minus(Cpu earlier) {
        return new Cpu(jvmNanos - earlier.jvmNanos, childNanos - earlier.childNanos);
    }
}
