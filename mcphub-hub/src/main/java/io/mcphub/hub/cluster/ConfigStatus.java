package io.mcphub.hub.cluster;

import io.mcphub.config.ConfigCenter;
import io.mcphub.config.DocumentRelease;
import io.mcphub.config.GrayRelease;
import io.mcphub.core.Json;
import io.mcphub.core.stack.ConfigRef;
import io.mcphub.core.stack.ServiceSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code config status KEY}: every instance whose service uses a document, the version it runs (as its agent
 * reports; unknown for {@code reload: live}, which the service reads itself) and the version it should run.
 */
public final class ConfigStatus {

    private final ConfigCenter config;
    private final Instances instances;
    private final Nodes nodes;

    public ConfigStatus(ConfigCenter config, Instances instances, Nodes nodes) {
        this.config = config;
        this.instances = instances;
        this.nodes = nodes;
    }

    /**
     * One instance using the document.
     *
     * @param version   what it runs, null while unknown
     * @param desired   what it should run: the stable version, or the gray candidate if the release chose it
     * @param candidate whether {@code desired} is the gray release's candidate
     */
    public record Row(String instance, String service, String node, String state, String reload, Long version, long desired,
                      boolean candidate) {}

    /** The document's stable version, its gray release if one runs, and its instances. */
    public record View(String key, long stable, GrayRelease gray, List<Row> instances) {}

    public View of(String key) {
        DocumentRelease release = config.requireRelease(key);
        Map<String, NodeRecord> nodeRecords = new HashMap<>();
        nodes.list().forEach(n -> nodeRecords.put(n.name(), n));
        Map<String, InstanceStatus> statuses = instances.statuses();
        List<Row> rows = new ArrayList<>();
        for (InstanceRecord i : instances.list()) {
            ServiceSpec spec = Json.JSON.convertValue(i.spec(), ServiceSpec.class);
            Optional<String> reload = reloadOf(spec, key);
            if (reload.isEmpty()) {
                continue;
            }
            long desired = release.versionFor(i.id(), ConfigTargets.attributes(i, spec, nodeRecords.get(i.node())));
            InstanceStatus status = statuses.get(i.id());
            rows.add(new Row(i.id(), i.serviceKey(), i.node(), status == null ? "pending" : status.state(), reload.get(),
                    status == null ? null : status.config().get(key), desired,
                    release.gray() != null && desired == release.gray().candidate()));
        }
        rows.sort(Comparator.comparing(Row::service).thenComparing(Row::instance));
        return new View(release.key(), release.stable(), release.gray(), rows);
    }

    /** How the service takes the document: its {@code config} entry's reload, or restart for secrets only. */
    private static Optional<String> reloadOf(ServiceSpec spec, String key) {
        Optional<String> ref = spec.config().stream().filter(r -> r.key().equals(key)).map(ConfigRef::reload)
                .map(ConfigRef.Reload::spelling).findFirst();
        if (ref.isPresent()) {
            return ref;
        }
        return spec.secrets().values().stream().anyMatch(s -> s.key().equals(key)) ? Optional.of("restart") : Optional.empty();
    }
}
