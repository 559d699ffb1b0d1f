package io.mcphub.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcphub.gateway.GatewayOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

class NamingTest {

    @Test
    void namespacedResourceUrisReverseToServiceAndOriginal() {
        Names names = new Names("__");
        String uri = names.uri("everything", "demo://resource/static/document/architecture.md");
        assertThat(uri).isEqualTo("mcphub://everything/demo://resource/static/document/architecture.md");
        assertThat(Names.parseUri(uri)).isEqualTo(new Names.ResourceUri("everything",
                "demo://resource/static/document/architecture.md"));
        assertThat(Names.parseUri(names.uri("files", "file:///etc/hosts")).uri()).isEqualTo("file:///etc/hosts");
        assertThat(Names.parseUri("demo://resource/1")).isNull();
        assertThat(Names.parseUri("mcphub://nothing-after-the-service")).isNull();
    }

    @Test
    void separatorsMustNotOccurInServiceNames() {
        assertThat(GatewayOptions.DEFAULTS.withSeparator(".").separator()).isEqualTo(".");
        assertThatThrownBy(() -> GatewayOptions.DEFAULTS.withSeparator("-")).hasMessageContaining("'_' or '.'");
        assertThatThrownBy(() -> GatewayOptions.DEFAULTS.withSeparator("/")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void typosGetASuggestionAndNonsenseNone() {
        List<String> tools = List.of("everything__echo", "everything__get-sum", "memory__read_graph");
        assertThat(Suggest.closest("everything__ecoh", tools)).isEqualTo("everything__echo");
        assertThat(Suggest.closest("memory__read-graph", tools)).isEqualTo("memory__read_graph");
        assertThat(Suggest.closest("launch_missiles", tools)).isNull();
    }
}
