package io.mcphub.hub.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.gateway.CallEvent;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Label values that users create are capped, so a busy install cannot grow the scrape without bound. */
class HubMetricsTest {

    final HubMetrics metrics = new HubMetrics();

    @AfterEach
    void close() {
        metrics.close();
    }

    @Test
    void configKeysBeyondTheLimitShareOneSeries() {
        for (int i = 0; i <= HubMetrics.MAX_KEYS; i++) {
            metrics.configApplied("doc-" + i, Duration.ofMillis(10));
        }
        metrics.configApplied("doc-0", Duration.ofMillis(10)); // a key seen before keeps its own series

        String text = metrics.scrape();
        assertThat(text).contains("mcphub_config_propagation_seconds_count{key=\"doc-0\"} 2",
                "mcphub_config_propagation_seconds_count{key=\"doc-" + (HubMetrics.MAX_KEYS - 1) + "\"} 1",
                "mcphub_config_propagation_seconds_count{key=\"" + BoundedTagValues.OVERFLOW + "\"} 1");
        assertThat(text).doesNotContain("key=\"doc-" + HubMetrics.MAX_KEYS + "\"");
    }

    @Test
    void toolCallsAreTimedByServiceAndOutcomeNeverByTool() {
        metrics.toolCall(call("weather", "getForecast", CallEvent.Outcome.OK, 120));
        metrics.toolCall(call("weather", "getForecast", CallEvent.Outcome.TIMEOUT, 30_000));
        metrics.toolCall(call(null, "no-such-tool", CallEvent.Outcome.INVALID, 1));

        String text = metrics.scrape();
        assertThat(text).contains("mcphub_gateway_tool_calls_seconds_count{outcome=\"ok\",service=\"weather\"} 1",
                "mcphub_gateway_tool_calls_seconds_bucket{outcome=\"ok\",service=\"weather\",le=\"0.25\"} 1",
                "mcphub_gateway_tool_calls_seconds_bucket{outcome=\"timeout\",service=\"weather\",le=\"10.0\"} 0",
                "mcphub_gateway_tool_calls_seconds_count{outcome=\"invalid\",service=\"" + HubMetrics.NO_SERVICE + "\"} 1");
        assertThat(text).doesNotContain("getForecast", "no-such-tool");
    }

    private static CallEvent call(String service, String tool, CallEvent.Outcome outcome, long millis) {
        return new CallEvent(Instant.now(), "alice", "s1", service, tool, service == null ? null : "i1",
                Duration.ofMillis(millis), outcome, outcome == CallEvent.Outcome.OK ? null : "failed", null);
    }
}
