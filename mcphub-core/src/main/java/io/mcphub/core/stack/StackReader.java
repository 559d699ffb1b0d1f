package io.mcphub.core.stack;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;

/** Reads the top of a spec (apiVersion, kind, metadata) and each service, then checks what spans services. */
final class StackReader {

    static final List<String> FIELDS = List.of("apiVersion", "kind", "metadata", "services");
    static final List<String> METADATA_FIELDS = List.of("name", "labels");
    private static final String SHAPE = "apiVersion: " + Stack.API_VERSION + ", kind: " + Stack.KIND
            + ", metadata.name and services";

    private StackReader() {}

    /** The stack as read; meaningful only if nothing was reported to {@code problems}. */
    static Stack read(JsonNode root, Problems problems) {
        if (root == null || root.isMissingNode() || root.isNull()) {
            problems.report(Where.ROOT, "the document is empty; a stack has " + SHAPE);
            return null;
        }
        return SpecObject.of(root, Where.ROOT, problems, "a stack: an object with " + SHAPE)
                .map(StackReader::stack)
                .orElse(null);
    }

    private static Stack stack(SpecObject top) {
        top.allow(FIELDS, "a stack has only apiVersion, kind, metadata and services");
        constant(top, "apiVersion", Stack.API_VERSION, "is not a supported apiVersion");
        constant(top, "kind", Stack.KIND, "is not a kind this file can have");
        String name = null;
        Map<String, String> labels = Map.of();
        if (!top.has("metadata")) {
            top.missing("metadata", "name the stack, e.g. metadata: {name: demo}");
        }
        var metadata = top.object("metadata", "an object such as {name: demo}");
        if (metadata.isPresent()) {
            metadata.get().allow(METADATA_FIELDS, "metadata has only name and labels");
            name = name(metadata.get());
            labels = Labels.read(metadata.get(), "labels");
        }
        return new Stack(Stack.API_VERSION, Stack.KIND, name, labels, services(top));
    }

    private static void constant(SpecObject top, String field, String expected, String wrong) {
        if (!top.has(field)) {
            top.missing(field, "write " + field + ": " + expected);
        }
        top.text(field).filter(v -> !v.equals(expected))
                .ifPresent(v -> top.report(field, Quote.of(v) + " " + wrong + "; write " + field + ": " + expected));
    }

    private static String name(SpecObject metadata) {
        if (!metadata.has("name")) {
            metadata.missing("name", "name the stack, e.g. name: demo");
        }
        return metadata.require("name", metadata.text("name"), Names::valid, name -> Quote.of(name)
                + " is not a valid stack name; " + Names.RULE + ", e.g. " + Names.fix(name, "demo")).orElse(null);
    }

    private static SequencedMap<String, ServiceSpec> services(SpecObject top) {
        SequencedMap<String, ServiceSpec> services = new LinkedHashMap<>();
        if (!top.has("services")) {
            top.missing("services", "declare the services, e.g. services: {memory: {command: npx, args: [-y, "
                    + "\"@modelcontextprotocol/server-memory\"]}}");
            return services;
        }
        top.object("services", "an object of named services, e.g. services: {memory: {command: npx}}")
                .ifPresent(named -> eachService(named, services));
        return services;
    }

    private static void eachService(SpecObject named, SequencedMap<String, ServiceSpec> services) {
        SequencedMap<String, JsonNode> declared = named.fields();
        if (declared.isEmpty()) {
            named.problems().report(named.where(), "is empty; declare at least one service");
        }
        SequencedMap<String, List<Text>> dependsOn = new LinkedHashMap<>();
        declared.forEach((name, value) -> {
            Where at = named.at(name);
            if (!Names.valid(name)) {
                named.problems().report(at, Quote.of(name) + " is not a valid service name; " + Names.RULE
                        + ", e.g. " + Names.fix(name, "memory"));
            }
            dependsOn.put(name, List.of());
            service(name, value, at, named.problems()).ifPresent(read -> {
                services.put(name, read.spec());
                dependsOn.put(name, read.dependsOn());
            });
        });
        DependencyRules.check(dependsOn, named.problems());
    }

    private static Optional<ServiceReader.Read> service(String name, JsonNode value, Where at, Problems problems) {
        if (value.isNull() || (value.isTextual() && value.asText().isEmpty())) {
            problems.report(at, "is empty; a service needs at least a command or an image, e.g. command: npx");
            return Optional.empty();
        }
        return SpecObject.of(value, at, problems, "a service: an object with a command or an image, and more")
                .map(service -> ServiceReader.read(name, service));
    }
}
