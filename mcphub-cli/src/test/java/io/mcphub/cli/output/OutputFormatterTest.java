package io.mcphub.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.cli.common.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutputFormatterTest {
    private static final JsonNode DOCS = json("""
            [{"key": "payment", "version": 12, "author": "alice", "message": "raise limit"},
             {"key": "time-mcp", "version": 3, "author": "bob", "message": null}]""");

    private static Table docsTable(JsonNode docs) {
        Table table = Table.of("KEY", "VERSION", "AUTHOR", "MESSAGE").whenEmpty("no documents");
        docs.forEach(d -> table.row(Cells.text(d.path("key")), Cells.text(d.path("version")),
                Cells.text(d.path("author")), Cells.text(d.path("message"))));
        return table;
    }

    @Test
    void tableAlignsColumnsWithoutTrailingBlanks() {
        String table = new OutputFormatter(OutputFormat.TABLE).render(DOCS, d -> docsTable(d).render());

        assertThat(table).isEqualTo("""
                KEY        VERSION   AUTHOR   MESSAGE
                payment    12        alice    raise limit
                time-mcp   3         bob      -
                """);
    }

    @Test
    void tableKeepsEachRowOnOneLine() {
        String table = Table.of("A", "B").row("one\ntwo", "x").render();

        assertThat(table).isEqualTo("A         B\none two   x\n");
    }

    @Test
    void emptyTablePrintsItsNoteOnStderrOnly() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        new OutputFormatter(OutputFormat.TABLE).printTable(stream(out), stream(err), json("[]"), OutputFormatterTest::docsTable);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("no documents\n");
    }

    @Test
    void jsonIsPrettyLikeJq() {
        String rendered = new OutputFormatter(OutputFormat.JSON).render(json("""
                {"key": "payment", "tags": ["a", "b"], "empty": [], "none": {}, "limit": 1.10}"""), d -> "unused");

        assertThat(rendered).isEqualTo("""
                {
                  "key": "payment",
                  "tags": [
                    "a",
                    "b"
                  ],
                  "empty": [],
                  "none": {},
                  "limit": 1.10
                }
                """);
    }

    @Test
    void jsonOfATableCommandIsTheDataNotTheTable() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new OutputFormatter(OutputFormat.JSON).printTable(stream(out), stream(new ByteArrayOutputStream()), DOCS,
                OutputFormatterTest::docsTable);

        assertThat(json(out.toString(StandardCharsets.UTF_8))).isEqualTo(DOCS);
    }

    @Test
    void yamlKeepsStringsThatLookLikeOtherTypesAsStrings() throws Exception {
        JsonNode data = json("""
                {"port": "8080", "enabled": "true", "answer": "no", "count": 3, "name": "time-mcp", "list": [1, "x"]}""");

        String yaml = new OutputFormatter(OutputFormat.YAML).render(data, d -> "unused");

        assertThat(yaml).doesNotStartWith("---").contains("name: time-mcp").contains("count: 3");
        assertThat(Json.YAML.readTree(yaml)).isEqualTo(data);
    }

    @Test
    void cellsShowAbsentValuesAndDiffValuesUnambiguously() {
        JsonNode row = json("""
                {"s": "60", "n": 60, "nul": null, "hash": "sha256:0123456789abcdef0123", "time": "2025-11-25T16:57:03.123456Z"}""");

        assertThat(Cells.value(row.path("s"))).isEqualTo("\"60\"");
        assertThat(Cells.value(row.path("n"))).isEqualTo("60");
        assertThat(Cells.value(row.path("nul"))).isEqualTo("null");
        assertThat(Cells.value(row.path("missing"))).isEqualTo("-");
        assertThat(Cells.text(row.path("nul"))).isEqualTo("-");
        assertThat(Cells.shortHash(row.path("hash"))).isEqualTo("sha256:0123456789ab");
        assertThat(Cells.time(row.path("time"))).isEqualTo("2025-11-25T16:57:03Z");
        assertThat(Cells.shortText(Json.JSON.getNodeFactory().textNode("x".repeat(100)))).hasSize(60).endsWith("…");
    }

    @Test
    void formatNamesAreCaseInsensitive() {
        OutputFormat.Converter converter = new OutputFormat.Converter();

        assertThat(converter.convert("JSON")).isEqualTo(OutputFormat.JSON);
        assertThat(converter.convert("yaml")).isEqualTo(OutputFormat.YAML);
        assertThat(OutputFormat.TABLE).hasToString("table");
    }

    private static PrintStream stream(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private static JsonNode json(String text) {
        try {
            return Json.JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
