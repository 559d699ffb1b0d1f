package io.mcphub.core.stack;

import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * A parsed, valid stack spec. {@code services} keeps declaration order, which breaks ties in the start order.
 */
public record Stack(String apiVersion, String kind, String name, Map<String, String> labels,
                    SequencedMap<String, ServiceSpec> services) {

    public static final String API_VERSION = "mcphub/v1";
    public static final String KIND = "Stack";

    public Stack {
        labels = Copies.map(labels);
        services = Copies.map(services);
    }

    public Optional<ServiceSpec> service(String name) {
        return Optional.ofNullable(services.get(name));
    }

    public Dependencies dependencies() {
        return Dependencies.of(this);
    }
}
