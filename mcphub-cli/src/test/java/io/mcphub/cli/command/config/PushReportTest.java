package io.mcphub.cli.command.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.cli.common.Json;
import org.junit.jupiter.api.Test;

class PushReportTest {
    @Test
    void showsEachDocumentAndItsMinimalChangeSet() throws Exception {
        var answer = Json.JSON.readTree("""
                {"dryRun": true, "documents": [
                  {"key": "time-mcp", "source": "services/time-mcp.json", "action": "update", "fromVersion": 3,
                   "toVersion": 4, "changes": [
                     {"op": "replace", "path": "/interval", "old": 60, "new": 30},
                     {"op": "add", "path": "/new", "new": 1},
                     {"op": "remove", "path": "/old", "old": true},
                     {"op": "replace", "path": "/name", "old": "a", "new": "b"}]},
                  {"key": "weather", "source": "services/all.json", "action": "create", "toVersion": 1, "changes": []},
                  {"key": "amap", "source": "services/all.json", "action": "unchanged", "fromVersion": 2, "toVersion": 2}
                ]}""");

        assertThat(PushReport.render(answer, true)).isEqualTo("""
                time-mcp (services/time-mcp.json): update v3 → v4
                  ~ /interval: 60 → 30
                  + /new: 1
                  - /old
                  ~ /name: "a" → "b"
                weather (services/all.json): create v1
                amap (services/all.json): unchanged at v2
                dry run: nothing was written
                """);
    }

    @Test
    void aRealPushSaysWhatItWrote() throws Exception {
        var answer = Json.JSON.readTree("""
                {"dryRun": false, "documents": [
                  {"key": "a", "source": "a.json", "action": "create", "toVersion": 1},
                  {"key": "b", "source": "b.json", "action": "unchanged", "fromVersion": 4}]}""");

        assertThat(PushReport.render(answer, false)).endsWith("pushed 2 documents: 1 created, 0 updated, 1 unchanged\n")
                .doesNotContain("dry run");
    }
}
