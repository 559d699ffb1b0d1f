package io.mcphub.core.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.core.doc.DocumentFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/stacks.md is the reference people write stacks from: its examples must work and its errors be real. */
class StackDocsTest {

    private static final String DOCS = RepoFiles.read("docs/stacks.md");
    private static final Pattern FENCE = Pattern.compile("(?ms)^```(\\w*)\\n(.*?)^```");

    @Test
    void everyExampleIsAcceptedByTheParserAndTheSchema() {
        List<String> examples = blocks().stream().filter(b -> b.lines().anyMatch("kind: Stack"::equals)).toList();
        assertThat(examples).hasSizeGreaterThanOrEqualTo(7);
        for (String example : examples) {
            assertThat(StackParser.parse(example, DocumentFormat.YAML, "docs/stacks.md")).isNotNull();
            assertThat(StackSchemaTest.validate(example)).as(example).isEmpty();
        }
    }

    @Test
    void theFirstExampleIsTheIssueExample() {
        assertThat(blocks().get(0)).endsWith(StackParserTest.EXAMPLE);
    }

    @Test
    void everyDocumentedErrorIsOneTheParserGives() {
        List<String> documented = blocks(section("## Error messages")).stream()
                .flatMap(b -> b.lines())
                .filter(l -> l.startsWith("stack.yaml:"))
                .toList();
        List<String> real = BadSpecs.ALL.stream().map(BadSpecs.BadSpec::detail).toList();
        assertThat(documented).hasSizeGreaterThanOrEqualTo(40);
        assertThat(real).containsAll(documented);
    }

    @Test
    void theServiceTableListsEveryField() {
        List<String> fields = section("## Services").lines()
                .takeWhile(l -> !l.startsWith("Durations"))
                .map(l -> Pattern.compile("^\\| `(\\w+)`").matcher(l))
                .filter(Matcher::find)
                .map(m -> m.group(1))
                .toList();
        assertThat(fields).containsExactlyElementsOf(ServiceReader.FIELDS);
    }

    private static List<String> blocks() {
        return blocks(DOCS);
    }

    private static List<String> blocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        Matcher m = FENCE.matcher(markdown);
        while (m.find()) {
            blocks.add(m.group(2));
        }
        return blocks;
    }

    /** From a level-2 heading to the next one. */
    private static String section(String heading) {
        int start = DOCS.indexOf("\n" + heading + "\n");
        assertThat(start).as(heading).isNotNegative();
        int end = DOCS.indexOf("\n## ", start + heading.length() + 2);
        return DOCS.substring(start, end < 0 ? DOCS.length() : end);
    }
}
