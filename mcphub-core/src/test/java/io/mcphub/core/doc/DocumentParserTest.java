package io.mcphub.core.doc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentParserTest {

    @Test
    void malformedJsonNamesLineAndColumn() {
        String text = "{\n  \"interval\": 60,\n  \"name\": }\n";
        assertThatThrownBy(() -> DocumentParser.parseObject(text, DocumentFormat.JSON, "time.json"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.type()).isEqualTo(ProblemType.INVALID_DOCUMENT);
                    assertThat(e.detail()).startsWith("time.json:3:11: malformed JSON");
                    assertThat(e.errors()).singleElement().satisfies(l -> {
                        assertThat(l.line()).isEqualTo(3);
                        assertThat(l.column()).isEqualTo(11);
                    });
                });
    }

    @Test
    void malformedYamlNamesLineAndColumn() {
        String text = "interval: 60\nname: [a, b\nother: 1\n";
        assertThatThrownBy(() -> DocumentParser.parseObject(text, DocumentFormat.YAML, "time.yaml"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.detail()).matches("time\\.yaml:\\d+:\\d+: malformed YAML: .*");
                    assertThat(e.errors().get(0).line()).isGreaterThanOrEqualTo(2);
                });
    }

    @Test
    void duplicateKeysAreRejected() {
        assertThatThrownBy(() -> DocumentParser.parseObject("a: 1\na: 2\n", DocumentFormat.YAML, "d.yaml"))
                .hasMessageContaining("Duplicate field 'a'");
    }

    @Test
    void topLevelMustBeAnObject() {
        assertThatThrownBy(() -> DocumentParser.parseObject("[1, 2]", DocumentFormat.JSON, "x.json"))
                .hasMessage("x.json: the top level is an array, but a configuration document must be an object of named settings");
        assertThatThrownBy(() -> DocumentParser.parseObject("  \n", DocumentFormat.YAML, "x.yaml"))
                .hasMessageContaining("the document is empty");
    }

    @Test
    void findsStringSpansInJsonIncludingQuotes() {
        String text = "{\"a\": {\"key\": \"secret://x\\\"y\"}, \"list\": [1, \"secret://z\"], \"plain\": \"p\"}";
        List<DocumentParser.StringSpan> spans =
                DocumentParser.stringSpans(text, DocumentFormat.JSON, v -> v.startsWith("secret://"));
        assertThat(spans).extracting(DocumentParser.StringSpan::pointer).containsExactly("/a/key", "/list/1");
        assertThat(spans.get(0).value()).isEqualTo("secret://x\"y");
        assertThat(text.substring(spans.get(0).start(), spans.get(0).end())).isEqualTo("\"secret://x\\\"y\"");
        assertThat(text.substring(spans.get(1).start(), spans.get(1).end())).isEqualTo("\"secret://z\"");
    }

    @Test
    void findsStringSpansInYamlPlainAndQuoted() {
        String text = "# db settings\ndb:\n  password: secret://hunter2\n  users:\n    - name: a\n      token: 'secret://t ok'\n";
        List<DocumentParser.StringSpan> spans =
                DocumentParser.stringSpans(text, DocumentFormat.YAML, v -> v.startsWith("secret://"));
        assertThat(spans).extracting(DocumentParser.StringSpan::pointer).containsExactly("/db/password", "/db/users/0/token");
        assertThat(text.substring(spans.get(0).start(), spans.get(0).end())).isEqualTo("secret://hunter2");
        assertThat(text.substring(spans.get(1).start(), spans.get(1).end())).isEqualTo("'secret://t ok'");
    }

    @Test
    void sniffsFormat() {
        assertThat(DocumentFormat.sniff("  {\"a\":1}")).isEqualTo(DocumentFormat.JSON);
        assertThat(DocumentFormat.sniff("a: 1")).isEqualTo(DocumentFormat.YAML);
        assertThat(DocumentFormat.ofFileName("services/time-mcp.yml")).contains(DocumentFormat.YAML);
        assertThat(DocumentFormat.parse("application/json; charset=utf-8")).contains(DocumentFormat.JSON);
    }

    @Test
    void locatesValuesByPointer() {
        String text = "name: t\nlimits:\n  interval: sixty\n  hosts: [a, b]\n";
        var found = DocumentParser.positions(text, DocumentFormat.YAML, java.util.Set.of("/limits/interval", "/limits/hosts/1", "/nope"));
        assertThat(found).containsEntry("/limits/interval", new DocumentParser.Position(3, 13))
                .containsEntry("/limits/hosts/1", new DocumentParser.Position(4, 14))
                .doesNotContainKey("/nope");
    }
}
