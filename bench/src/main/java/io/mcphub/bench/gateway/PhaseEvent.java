package io.mcphub.bench.gateway;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A measured phase of the bench, in a flight recording when one runs ({@code MCPHUB_BENCH_JAVA_OPTS=
 * -XX:StartFlightRecording=…}), so {@link JfrProfile} can attribute CPU samples to one path and concurrency.
 */
@Name("io.mcphub.bench.gateway.Phase")
@Label("Bench phase")
@Category("MCP Hub bench")
@Description("One measured phase of bench/gateway: a path (direct or gateway) at a number of calls in flight")
@StackTrace(false)
final class PhaseEvent extends Event {

    @Label("Path")
    String path;

    @Label("In flight")
    int inFlight;

    @Label("Calls")
    long calls;
}
