package io.mcphub.core.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion.VersionFlag;
import com.networknt.schema.ValidationMessage;
import io.mcphub.core.Json;
import io.mcphub.core.doc.DocumentFormat;
import io.mcphub.core.doc.DocumentParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** schemas/stack.schema.json, which editors complete from, must describe what the parser accepts. */
class StackSchemaTest {

    static final JsonNode SCHEMA_NODE = tree(RepoFiles.read("schemas/stack.schema.json"), DocumentFormat.JSON);
    static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(VersionFlag.V202012).getSchema(SCHEMA_NODE);

    /** What only the parser can check: names across services, cycles, repeats in lists of NAME=value, PORT. */
    private static final Set<String> PARSER_ONLY = Set.of("theIssueExampleMistyped", "unknownDependency",
            "unknownDependencyNoSuggestion", "cycle", "selfDependency", "duplicateEnv", "envAndSecret", "portInEnv");

    @Test
    void isAValidDraft202012Schema() {
        JsonSchema meta = JsonSchemaFactory.getInstance(VersionFlag.V202012)
                .getSchema(SchemaLocation.of(JsonMetaSchema.getV202012().getIri()));
        assertThat(meta.validate(SCHEMA_NODE)).isEmpty();
        assertThat(SCHEMA_NODE.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
    }

    @Test
    void acceptsTheIssueExample() {
        assertThat(validate(StackParserTest.EXAMPLE)).isEmpty();
    }

    @Test
    void refusesAnUnknownRuntime() {
        String podman = StackParserTest.EXAMPLE.replace("runtime: process", "runtime: podman");
        assertThat(validate(podman)).extracting(ValidationMessage::getMessage).containsExactly(
                "$.services.everything.runtime: does not have a value in the enumeration "
                        + "[\"process\", \"docker\", \"kubernetes\", \"auto\"]");
    }

    static Stream<BadSpecs.BadSpec> schemaCheckable() {
        return BadSpecs.ALL.stream().filter(b -> !PARSER_ONLY.contains(b.name()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemaCheckable")
    void refusesWhatTheParserRefusesWhereASchemaCan(BadSpecs.BadSpec bad) {
        assertThat(validate(bad.yaml())).as(bad.detail()).isNotEmpty();
    }

    @Test
    void acceptsWhatOnlyTheParserRefuses() {
        // If the schema learns one of these, move it out of PARSER_ONLY so the agreement stays tested.
        BadSpecs.ALL.stream().filter(b -> PARSER_ONLY.contains(b.name()))
                .forEach(b -> assertThat(validate(b.yaml())).as(b.name()).isEmpty());
    }

    @Test
    void namesTheSameFieldsAsTheParser() {
        JsonNode service = SCHEMA_NODE.at("/$defs/service/properties");
        assertThat(names(SCHEMA_NODE.at("/properties"))).containsExactlyElementsOf(StackReader.FIELDS);
        assertThat(names(SCHEMA_NODE.at("/properties/metadata/properties"))).containsExactlyElementsOf(StackReader.METADATA_FIELDS);
        assertThat(names(service)).containsExactlyElementsOf(ServiceReader.FIELDS);
        assertThat(names(service.at("/health/properties"))).containsExactlyElementsOf(LifecycleReader.HEALTH_FIELDS);
        assertThat(names(service.at("/restart/properties"))).containsExactlyElementsOf(LifecycleReader.RESTART_FIELDS);
        assertThat(names(service.at("/restart/properties/backoff/properties"))).containsExactlyElementsOf(LifecycleReader.BACKOFF_FIELDS);
        assertThat(names(service.at("/placement/properties"))).containsExactlyElementsOf(SchedulingReader.PLACEMENT_FIELDS);
        assertThat(names(service.at("/resources/properties"))).containsExactlyElementsOf(SchedulingReader.RESOURCES_FIELDS);
        assertThat(names(service.at("/config/items/oneOf/1/properties"))).containsExactlyElementsOf(ConfigRefReader.FIELDS);
    }

    @Test
    void offersTheSameChoicesAsTheModel() {
        JsonNode service = SCHEMA_NODE.at("/$defs/service/properties");
        assertThat(texts(service.at("/type/enum"))).isEqualTo(Spellings.all(ServiceType.class));
        assertThat(texts(service.at("/runtime/enum"))).isEqualTo(Spellings.all(RuntimeKind.class));
        assertThat(texts(service.at("/transport/enum"))).isEqualTo(Spellings.all(Transport.class));
        assertThat(texts(service.at("/health/properties/type/enum"))).isEqualTo(Spellings.all(HealthCheck.Type.class));
        assertThat(texts(service.at("/restart/properties/policy/enum"))).isEqualTo(Spellings.all(RestartPolicy.Condition.class));
        assertThat(texts(service.at("/config/items/oneOf/1/properties/reload/enum"))).isEqualTo(Spellings.all(ConfigRef.Reload.class));
    }

    @Test
    void describesEveryServiceField() {
        SCHEMA_NODE.at("/$defs/service/properties").properties().forEach(e ->
                assertThat(e.getValue().path("description").asText()).as(e.getKey()).isNotBlank());
    }

    static Set<ValidationMessage> validate(String yaml) {
        return SCHEMA.validate(tree(yaml, DocumentFormat.YAML));
    }

    private static JsonNode tree(String text, DocumentFormat format) {
        JsonNode node = DocumentParser.parse(text, format, "test");
        return node == null || node.isMissingNode() ? NullNode.getInstance() : node;
    }

    private static List<String> names(JsonNode properties) {
        List<String> names = new ArrayList<>();
        properties.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        return Json.JSON.convertValue(array, Json.JSON.getTypeFactory().constructCollectionType(List.class, String.class));
    }
}
