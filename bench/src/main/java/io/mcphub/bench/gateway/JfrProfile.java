package io.mcphub.bench.gateway;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the CPU goes in each path, from a flight recording of a bench run: the JVM's CPU samples
 * ({@code jdk.CPUTimeSample} when recorded, else {@code jdk.ExecutionSample}) taken during the measured phases at
 * many calls in flight ({@link PhaseEvent}), sorted into parts of the call by the frames on their stacks, and counted
 * per 1,000 calls, so the two paths compare although they complete different numbers of calls.
 *
 * <p>Usage (see docs/benchmarks.md): record with
 * <pre>{@code
 * MCPHUB_BENCH_JAVA_OPTS="-XX:StartFlightRecording=filename=gw.jfr,settings=profile,jdk.CPUTimeSample#enabled=true,\
 * jdk.CPUTimeSample#throttle=1ms -XX:FlightRecorderOptions=stackdepth=256" bench/gateway.sh --rounds=3
 * }</pre>
 * then {@code java -cp bench/target/classes io.mcphub.bench.gateway.JfrProfile gw.jfr [TOP]}. The parts are told
 * apart by package; Jetty's and Javalin's own work (parsing, selectors, socket writes) cannot be, so it is one line
 * for both servers: the direct path has only the bridge's, the gateway path the bridge's and the gateway's.
 */
public final class JfrProfile {

    /** Parts of a call, tried in order against each frame's class name anywhere on the stack. */
    private static final Map<String, String> PARTS = new LinkedHashMap<>();

    static {
        PARTS.put("io.mcphub.gateway.downstream.", "gateway: its client to the bridge (Http1, DownstreamSession)");
        PARTS.put("io.mcphub.gateway.", "gateway: handler (intake, auth, routing, audit, reply)");
        PARTS.put("io.mcphub.deploy.bridge.", "bridge: handler");
        PARTS.put("io.mcphub.deploy.runtime.", "bridge: stdio channel to the node process");
        PARTS.put("jdk.internal.net.http.", "bench client (JDK HttpClient)");
        PARTS.put("io.mcphub.bench.", "bench client (JDK HttpClient)");
        PARTS.put("io.javalin.", "Jetty/Javalin outside handlers (gateway's or bridge's server)");
        PARTS.put("org.eclipse.jetty.", "Jetty/Javalin outside handlers (gateway's or bridge's server)");
    }

    private record Phase(String path, int inFlight, long calls, Instant start, Instant end) {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: JfrProfile RECORDING.jfr [TOP]");
            System.exit(2);
        }
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        List<Phase> phases = new ArrayList<>();
        boolean cpuTime = false;
        try (RecordingFile file = new RecordingFile(Path.of(args[0]))) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                String type = event.getEventType().getName();
                if (type.equals("io.mcphub.bench.gateway.Phase")) {
                    phases.add(new Phase(event.getString("path"), event.getInt("inFlight"), event.getLong("calls"),
                            event.getStartTime(), event.getEndTime()));
                } else if (type.equals("jdk.CPUTimeSample")) {
                    cpuTime = true;
                }
            }
        }
        String sampleType = cpuTime ? "jdk.CPUTimeSample" : "jdk.ExecutionSample";
        Map<String, Long> calls = new TreeMap<>();
        for (Phase phase : phases) {
            if (!phase.path.contains("warm-up")) {
                calls.merge(key(phase), phase.calls, Long::sum);
            }
        }
        Map<String, Map<String, Integer>> parts = new TreeMap<>();
        Map<String, Map<String, Integer>> selfFrames = new TreeMap<>();
        Map<String, Integer> samples = new TreeMap<>();
        Map<String, Map<String, Map<String, Integer>>> partFrames = new TreeMap<>();
        try (RecordingFile file = new RecordingFile(Path.of(args[0]))) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!event.getEventType().getName().equals(sampleType) || event.getStackTrace() == null) {
                    continue;
                }
                Phase phase = phaseAt(phases, event.getStartTime());
                if (phase == null || phase.path.contains("warm-up")) {
                    continue;
                }
                String key = key(phase);
                RecordedStackTrace stack = event.getStackTrace();
                samples.merge(key, 1, Integer::sum);
                String part = part(stack.getFrames());
                parts.computeIfAbsent(key, k -> new HashMap<>()).merge(part, 1, Integer::sum);
                if (!stack.getFrames().isEmpty()) {
                    RecordedFrame frame = stack.getFrames().getFirst();
                    String self = frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
                    selfFrames.computeIfAbsent(key, k -> new HashMap<>()).merge(self, 1, Integer::sum);
                    partFrames.computeIfAbsent(key, k -> new HashMap<>()).computeIfAbsent(part, k -> new HashMap<>())
                            .merge(self, 1, Integer::sum);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%s during measured phases; samples per 1,000 calls%n", sampleType);
        List<String> keys = new ArrayList<>(samples.keySet());
        System.out.printf(Locale.ROOT, "%-64s", "part of the call");
        for (String key : keys) {
            System.out.printf(Locale.ROOT, " %16s", key);
        }
        System.out.println();
        List<String> names = new ArrayList<>(new java.util.LinkedHashSet<>(PARTS.values()));
        names.add("other (JDK, Jackson, virtual-thread scheduling … with none of the above on the stack)");
        for (String name : names) {
            System.out.printf(Locale.ROOT, "%-64s", name.length() > 64 ? name.substring(0, 64) : name);
            for (String key : keys) {
                System.out.printf(Locale.ROOT, " %16.1f", perThousand(parts.get(key).getOrDefault(name, 0), calls.get(key)));
            }
            System.out.println();
        }
        System.out.printf(Locale.ROOT, "%-64s", "all (samples / calls)");
        for (String key : keys) {
            System.out.printf(Locale.ROOT, " %16s", String.format(Locale.ROOT, "%.1f (%d/%d)",
                    perThousand(samples.get(key), calls.get(key)), samples.get(key), calls.get(key)));
        }
        System.out.println();
        for (String key : keys) {
            System.out.printf(Locale.ROOT, "%nTop frames (self), %s, per 1,000 calls:%n", key);
            print(selfFrames.get(key), calls.get(key), top, "  ");
            for (String name : names) {
                Map<String, Integer> frames = partFrames.get(key).get(name);
                if (frames != null) {
                    System.out.printf(Locale.ROOT, "  in %s:%n", name);
                    print(frames, calls.get(key), Math.max(3, top / 3), "    ");
                }
            }
        }
    }

    private static void print(Map<String, Integer> frames, Long calls, int top, String indent) {
        frames.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(e -> System.out.printf(Locale.ROOT, "%s%7.1f  %s%n", indent, perThousand(e.getValue(), calls),
                        e.getKey()));
    }

    private static String key(Phase phase) {
        return phase.path + "@" + phase.inFlight;
    }

    private static Phase phaseAt(List<Phase> phases, Instant at) {
        for (Phase phase : phases) {
            if (!at.isBefore(phase.start) && at.isBefore(phase.end)) {
                return phase;
            }
        }
        return null;
    }

    private static String part(List<RecordedFrame> frames) {
        for (Map.Entry<String, String> part : PARTS.entrySet()) {
            for (RecordedFrame frame : frames) {
                if (frame.getMethod().getType().getName().startsWith(part.getKey())) {
                    return part.getValue();
                }
            }
        }
        return "other (JDK, Jackson, virtual-thread scheduling … with none of the above on the stack)";
    }

    private static double perThousand(long count, Long calls) {
        return calls == null || calls == 0 ? 0 : 1000.0 * count / calls;
    }
}
