package io.mcphub.core.topology;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** The forms a topology renders to. */
public enum TopologyFormat {
    /** DOT, for {@code dot -Tsvg}. */
    GRAPHVIZ(DotRenderer::render),
    /** A Mermaid flowchart, which GitHub and many wikis draw inline. */
    MERMAID(MermaidRenderer::render),
    JSON(JsonRenderer::render);

    private final Function<Topology, String> renderer;

    TopologyFormat(Function<Topology, String> renderer) {
        this.renderer = renderer;
    }

    String render(Topology topology) {
        return renderer.apply(topology);
    }

    /** {@code graphviz} (or {@code dot}), {@code mermaid}, {@code json}, in any case. */
    public static Optional<TopologyFormat> parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "graphviz", "dot" -> Optional.of(GRAPHVIZ);
            case "mermaid" -> Optional.of(MERMAID);
            case "json" -> Optional.of(JSON);
            default -> Optional.empty();
        };
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
