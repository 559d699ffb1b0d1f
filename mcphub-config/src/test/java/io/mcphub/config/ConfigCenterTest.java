package io.mcphub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.core.Json;
import io.mcphub.core.doc.DocumentFormat;
import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import io.mcphub.security.crypto.EnvelopeCipher;
import io.mcphub.security.crypto.MasterKey;
import io.mcphub.store.KeyValue;
import io.mcphub.store.Store;
import io.mcphub.store.Stores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCenterTest {

    @TempDir
    Path dir;
    Store store;
    ConfigCenter config;

    @BeforeEach
    void open() {
        store = Stores.open("embedded", dir);
        config = new ConfigCenter(store, new EnvelopeCipher(MasterKey.loadOrCreate(dir)));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private PublishResult publish(String key, String content) {
        return config.publish(new Publish(key, content, null, "alice", "msg", null, null));
    }

    /** Everything the store holds, to prove a refused write wrote nothing. */
    private String snapshot() {
        return store.range("").kvs().stream().map(kv -> kv.key() + "@" + kv.modRevision()).collect(Collectors.joining(","))
                + "#" + store.currentRevision();
    }

    @Test
    void everyPublishIsANewNumberedVersionWithMetadata() {
        assertThat(publish("time-mcp", "{\"interval\":60,\"name\":\"t\"}").version()).isEqualTo(1);
        assertThat(publish("time-mcp", "{\"interval\":30,\"name\":\"t\"}").version()).isEqualTo(2);
        List<VersionInfo> history = config.history("time-mcp");
        assertThat(history).extracting(VersionInfo::version).containsExactly(2L, 1L);
        assertThat(history.get(0).author()).isEqualTo("alice");
        assertThat(history.get(0).hash()).startsWith("sha256:");
        assertThat(history.get(0).time()).isNotNull();
        assertThat(config.get("time-mcp", 1L, false).json().get("interval").asInt()).isEqualTo(60);
    }

    @Test
    void changingOneFieldIsOneReplaceOp() {
        publish("time-mcp", "{\"interval\":60,\"name\":\"t\"}");
        publish("time-mcp", "{\"interval\":30,\"name\":\"t\"}");
        DiffResult diff = config.diff("time-mcp", 1, 2);
        assertThat(diff.patch().toString()).isEqualTo("[{\"op\":\"replace\",\"path\":\"/interval\",\"value\":30}]");
        assertThat(diff.changes()).singleElement().satisfies(c -> {
            assertThat(c.old().asInt()).isEqualTo(60);
            assertThat(c.value().asInt()).isEqualTo(30);
        });
    }

    @Test
    void identicalContentWritesNothing() {
        publish("a", "x: 1\n");
        String before = snapshot();
        PublishResult again = publish("a", "x: 1\n");
        assertThat(again.changed()).isFalse();
        assertThat(again.version()).isEqualTo(1);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void yamlIsKeptAsWrittenAndReadableAsJson() {
        String yaml = "# polling\ninterval: 60   # seconds\nhosts:\n  - a\n  - b\n";
        publish("poller/main", yaml);
        DocumentView view = config.get("poller/main", null, false);
        assertThat(view.raw()).isEqualTo(yaml);
        assertThat(view.format()).isEqualTo(DocumentFormat.YAML);
        assertThat(view.json().toString()).isEqualTo("{\"interval\":60,\"hosts\":[\"a\",\"b\"]}");
    }

    @Test
    void rollbackPublishesTheOldContentAsANewVersion() {
        publish("a", "{\"v\":1}");
        publish("a", "{\"v\":2}");
        PublishResult r = config.rollback("a", 1, "bob", null, null);
        assertThat(r.version()).isEqualTo(3);
        assertThat(config.get("a", null, false).json().get("v").asInt()).isEqualTo(1);
        assertThat(config.history("a").get(0).rollbackOf()).isEqualTo(1L);
        assertThat(config.history("a").get(0).message()).isEqualTo("rollback to version 1");
    }

    @Test
    void staleExpectVersionIsAConflictAndWritesNothing() {
        publish("a", "{\"v\":1}");
        publish("a", "{\"v\":2}");
        String before = snapshot();
        assertThatThrownBy(() -> config.publish(new Publish("a", "{\"v\":3}", null, "alice", null, 1L, null)))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.type()).isEqualTo(ProblemType.CONFLICT);
                    assertThat(e.detail()).startsWith("a is at version 2, not version 1 as expected; nothing was written");
                });
        assertThat(snapshot()).isEqualTo(before);
        assertThat(config.publish(new Publish("a", "{\"v\":3}", null, "alice", null, 2L, null)).version()).isEqualTo(3);
    }

    @Test
    void malformedYamlNamesLineColumnAndWritesNothing() {
        publish("a", "x: 1\n");
        String before = snapshot();
        assertThatThrownBy(() -> publish("a", "x: 1\ny: [1, 2\n"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.type()).isEqualTo(ProblemType.INVALID_DOCUMENT);
                    assertThat(e.detail()).matches("a:\\d+:\\d+: malformed YAML: .*");
                    assertThat(e.errors().get(0).line()).isPositive();
                });
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void schemaViolationNamesPathRuleAndPositionAndWritesNothing() {
        String schema = "{\"type\":\"object\",\"properties\":{\"interval\":{\"type\":\"integer\",\"minimum\":1}},\"required\":[\"interval\"]}";
        config.publish(new Publish("t", "{\"interval\": 60}", null, "alice", null, null, Json.tree(schema.getBytes(StandardCharsets.UTF_8))));
        String before = snapshot();
        assertThatThrownBy(() -> publish("t", "name: t\ninterval: sixty\n"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.type()).isEqualTo(ProblemType.SCHEMA_VIOLATION);
                    assertThat(e.detail()).startsWith("t:2:11: $.interval: string found, integer expected (rule: type)");
                    assertThat(e.errors()).singleElement().satisfies(l -> assertThat(l.path()).isEqualTo("$.interval"));
                });
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aSchemaTheCurrentVersionFailsIsRefused() {
        publish("t", "{\"interval\": \"60\"}");
        JsonNode schema = Json.tree("{\"properties\":{\"interval\":{\"type\":\"integer\"}}}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> config.setSchema("t", schema))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.detail()).startsWith("t version 1: $.interval"));
        assertThatThrownBy(() -> config.schema("t")).hasMessageContaining("t has no schema");
    }

    @Test
    void anInvalidSchemaIsRefused() {
        JsonNode schema = Json.tree("{\"type\": 12}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> config.setSchema("t", schema))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.detail()).startsWith("t schema: not a valid JSON Schema"));
    }

    @Test
    void unknownKeySuggestsTheClosest() {
        publish("payment", "{}");
        assertThatThrownBy(() -> config.get("paymnt", null, false))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.type()).isEqualTo(ProblemType.NOT_FOUND);
                    assertThat(e.detail()).isEqualTo("no configuration document \"paymnt\"; did you mean \"payment\"? list documents with 'mcphub config list'");
                });
        assertThatThrownBy(() -> config.get("payment", 7L, false)).hasMessage("payment has versions 1 to 1; there is no version 7");
        assertThatThrownBy(() -> config.get("Bad Key", null, false)).hasMessageStartingWith("invalid configuration key \"Bad Key\"");
    }

    @Test
    void secretsAreSealedAtRestMaskedOnReadAndRevealedOnRequest() {
        String yaml = "# keys\napiKey: secret://s3cr3t-v@lue  # rotate monthly\nregion: eu\n";
        publish("amap", yaml);
        for (KeyValue kv : store.range("").kvs()) {
            assertThat(kv.valueAsString()).doesNotContain("s3cr3t-v@lue");
        }
        DocumentView masked = config.get("amap", null, false);
        assertThat(masked.raw()).isEqualTo("# keys\napiKey: \"******\"  # rotate monthly\nregion: eu\n");
        assertThat(masked.json().get("apiKey").asText()).isEqualTo("******");
        DocumentView revealed = config.get("amap", null, true);
        assertThat(revealed.json().get("apiKey").asText()).isEqualTo("secret://s3cr3t-v@lue");
        assertThat(revealed.raw()).isEqualTo("# keys\napiKey: \"secret://s3cr3t-v@lue\"  # rotate monthly\nregion: eu\n");
        // a revealed document published back is the same content
        assertThat(publish("amap", revealed.raw()).changed()).isFalse();
    }

    @Test
    void aChangedSecretShowsInTheDiffOnlyAsAFingerprint() {
        publish("amap", "{\"apiKey\": \"secret://one\", \"n\": 1}");
        publish("amap", "{\"apiKey\": \"secret://two\", \"n\": 1}");
        DiffResult diff = config.diff("amap", 1, 2);
        assertThat(diff.patch().toString()).doesNotContain("one").doesNotContain("two");
        assertThat(diff.changes()).singleElement().satisfies(c -> {
            assertThat(c.path()).isEqualTo("/apiKey");
            assertThat(c.old().asText()).matches("\\*{6}\\([0-9a-f]{8}\\)");
            assertThat(c.value().asText()).matches("\\*{6}\\([0-9a-f]{8}\\)").isNotEqualTo(c.old().asText());
        });
    }

    @Test
    void aSecretIsValidatedByItsValueNotItsNotation() {
        String schema = "{\"properties\":{\"pin\":{\"type\":\"string\",\"pattern\":\"^[0-9]{4}$\"}}}";
        config.publish(new Publish("s", "{\"pin\": \"secret://1234\"}", null, "a", null, null, Json.tree(schema.getBytes(StandardCharsets.UTF_8))));
        assertThatThrownBy(() -> publish("s", "{\"pin\": \"secret://12x4\"}")).hasMessageContaining("$.pin");
    }

    @Test
    void userWrittenSealedPrefixIsRefused() {
        assertThatThrownBy(() -> publish("s", "{\"k\": \"enc:v1:deadbeef:AAAA:BBBB\"}"))
                .hasMessageContaining("reserved prefix");
    }

    @Test
    void pushFansOutTheMultiServiceFormAndDryRunWritesNothing() {
        publish("time-mcp", "{\"interval\": 60}");
        String before = snapshot();
        List<PushFile> files = List.of(
                new PushFile("services/all.json", "{\"services\": {\"time-mcp\": {\"interval\": 30}, \"slack-mcp\": {\"channel\": \"ops\"}}}"),
                new PushFile("services/weather.yaml", "units: metric\n"));
        PushResult plan = config.push(files, "alice", null, true);
        assertThat(plan.dryRun()).isTrue();
        assertThat(plan.documents()).extracting(PushResult.Document::key, PushResult.Document::action)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("time-mcp", "update"),
                        org.assertj.core.groups.Tuple.tuple("slack-mcp", "create"),
                        org.assertj.core.groups.Tuple.tuple("weather", "create"));
        assertThat(plan.documents().get(0).patch().toString()).isEqualTo("[{\"op\":\"replace\",\"path\":\"/interval\",\"value\":30}]");
        assertThat(snapshot()).isEqualTo(before);

        PushResult done = config.push(files, "alice", "batch", false);
        assertThat(done.documents()).extracting(PushResult.Document::toVersion).containsExactly(2L, 1L, 1L);
        assertThat(config.get("slack-mcp", null, false).json().get("channel").asText()).isEqualTo("ops");
        assertThat(config.get("weather", null, false).raw()).isEqualTo("units: metric\n");
    }

    @Test
    void aPushWithOneBadDocumentWritesNone() {
        String before = snapshot();
        List<PushFile> files = List.of(new PushFile("services/good.json", "{\"a\": 1}"),
                new PushFile("services/bad.json", "{\"a\": }"));
        assertThatThrownBy(() -> config.push(files, "alice", null, false))
                .hasMessageStartingWith("services/bad.json:1:7: malformed JSON");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aDocumentGivenTwiceInOnePushIsRefused() {
        List<PushFile> files = List.of(new PushFile("a/x.json", "{}"), new PushFile("b/x.yaml", "k: 1\n"));
        assertThatThrownBy(() -> config.push(files, "alice", null, true))
                .hasMessage("document \"x\" is given twice, by a/x.json and by b/x.yaml; push each document from one file only");
    }

    @Test
    void concurrentPublishersNeverLoseAVersion() throws Exception {
        int writers = 4;
        int each = 10;
        Thread[] threads = new Thread[writers];
        for (int w = 0; w < writers; w++) {
            int id = w;
            threads[w] = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < each; i++) {
                    publish("hot", "{\"writer\": " + id + ", \"i\": " + i + "}");
                }
            });
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(config.history("hot")).extracting(VersionInfo::version)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, writers * each).map(v -> writers * each + 1 - v).boxed().toList());
    }
}
