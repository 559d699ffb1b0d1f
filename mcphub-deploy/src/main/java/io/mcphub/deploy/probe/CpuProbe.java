package io.mcphub.deploy.probe;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Logical processors and the processor's model name. */
final class CpuProbe implements NodeProbe {

    static final String NAME = "cpu";

    /** x86 says "model name"; ARM boards say "Model" (the board) or "Hardware" (the SoC), if anything. */
    private static final List<String> MODEL_KEYS = List.of("model name", "Model", "Hardware");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void probe(ProbeContext ctx, NodeFacts.Builder facts) {
        Optional<List<Map.Entry<String, String>>> cpuinfo = ctx.read("/proc/cpuinfo").map(text -> Text.pairs(text, ':'));
        long processors = cpuinfo.map(pairs -> pairs.stream().filter(p -> p.getKey().equals("processor")).count()).orElse(0L);
        int cores = processors > 0 ? (int) processors : Runtime.getRuntime().availableProcessors();
        String model = cpuinfo.map(Text::firstValues)
                .flatMap(first -> MODEL_KEYS.stream().map(first::get).filter(v -> v != null && !v.isBlank()).findFirst())
                .orElse(null);
        facts.cpu(new NodeFacts.Cpu(cores, model));
    }
}
