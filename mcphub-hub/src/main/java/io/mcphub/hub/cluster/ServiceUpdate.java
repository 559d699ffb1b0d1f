package io.mcphub.hub.cluster;

import io.mcphub.config.ConfigCenter;
import io.mcphub.config.Publish;
import io.mcphub.config.PublishResult;
import io.mcphub.core.doc.DocumentFormat;
import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import io.mcphub.core.stack.ConfigRef;
import io.mcphub.core.stack.ServiceSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code service update --name=S --config=F}: publishes a service's configuration and waits until it has reached the
 * service's running instances as its stack says — {@code file} references are rewritten in place by the agents (no
 * restart), {@code restart} ones are rolled out by {@link ConfigRollouts} (one instance at a time, each drained by the
 * gateway first), {@code live} ones are read by the service itself.
 */
public final class ServiceUpdate {

    private final Deployments deployments;
    private final ConfigCenter config;
    private final ConfigRollouts rollouts;

    public ServiceUpdate(Deployments deployments, ConfigCenter config, ConfigRollouts rollouts) {
        this.deployments = deployments;
        this.config = config;
        this.rollouts = rollouts;
    }

    /** What was published and what was done with it; {@code note} says why nothing was restarted, if nothing was. */
    public record Result(String service, String key, long version, boolean changed, String reload,
                         List<Rollout.Step> restarted, String note) {}

    /** Which document a service's update goes to: the one named, else the service's only one, else its own name. */
    public String keyFor(String serviceName, String explicitKey) {
        ServiceSpec spec = spec(serviceName);
        if (explicitKey != null) {
            return explicitKey;
        }
        if (spec.config().size() > 1) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "service " + serviceName + " uses "
                    + spec.config().stream().map(ConfigRef::key).toList() + "; say which with --key");
        }
        return spec.config().isEmpty() ? spec.name() : spec.config().get(0).key();
    }

    public Result update(String serviceName, String key, String content, DocumentFormat format, String author,
                         String message, Duration perInstance) {
        ServiceSpec spec = spec(serviceName);
        String serviceKey = deployments.stackOfService(serviceName).name() + "/" + spec.name();
        long mark = rollouts.mark();
        PublishResult published = config.publish(new Publish(key, content, format, author,
                message != null ? message : "service update " + serviceName, null, null));
        Optional<ConfigRef> ref = spec.config().stream().filter(r -> r.key().equals(key)).findFirst();
        if (ref.isEmpty()) {
            return new Result(serviceName, key, published.version(), published.changed(), null, List.of(), "service "
                    + serviceName + " does not reference config " + key + ", so nothing was rolled out; add it to the"
                    + " service's config in its stack");
        }
        String reload = ref.get().reload().spelling();
        if (ref.get().reload() == ConfigRef.Reload.LIVE) {
            return new Result(serviceName, key, published.version(), published.changed(), reload, List.of(),
                    "reload live: the service reads the new version itself");
        }
        if (!published.changed()) {
            return new Result(serviceName, key, published.version(), false, reload, List.of(),
                    "the document did not change, so no instance was restarted");
        }
        int replicas = deployments.instancesOf(serviceName).size();
        List<Rollout.Step> steps = rollouts.awaitConverged(serviceKey, mark, perInstance.multipliedBy(replicas + 1L));
        String note = ref.get().reload() == ConfigRef.Reload.FILE ? "reload file: rewritten in place on " + replicas
                + " instance" + (replicas == 1 ? "" : "s") + ", none restarted" : null;
        return new Result(serviceName, key, published.version(), true, reload, steps, note);
    }

    private ServiceSpec spec(String serviceName) {
        StackRecord record = deployments.stackOfService(serviceName);
        return deployments.parse(record).services().get(Deployments.serviceOnly(serviceName));
    }
}
