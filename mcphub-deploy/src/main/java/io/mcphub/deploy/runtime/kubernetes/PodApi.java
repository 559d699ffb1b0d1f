package io.mcphub.deploy.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The few pod operations the runtime needs, in one namespace, each failing with a sentence from
 * {@link KubernetesErrors} instead of the client's exception.
 */
final class PodApi {

    private static final Logger LOG = LoggerFactory.getLogger(PodApi.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final KubernetesClient client;
    private final String namespace;
    private final String server;

    PodApi(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
        this.server = String.valueOf(client.getMasterUrl());
    }

    String namespace() {
        return namespace;
    }

    Pod create(Pod pod) {
        return call("create", "pod " + pod.getMetadata().getName(), () -> client.pods().inNamespace(namespace).resource(pod).create());
    }

    Optional<Pod> get(String name) {
        return Optional.ofNullable(call("get", "pod " + name, () -> pod(name).get()));
    }

    List<Pod> list(Map<String, String> labels) {
        return call("list", "pods", () -> client.pods().inNamespace(namespace).withLabels(labels).list().getItems());
    }

    /** Creates the Secret, or replaces its data if it exists. */
    void apply(io.fabric8.kubernetes.api.model.Secret secret) {
        call("apply", "secret " + secret.getMetadata().getName(), () -> client.secrets().inNamespace(namespace)
                .resource(secret).createOr(io.fabric8.kubernetes.client.dsl.NonDeletingOperation::update));
    }

    /** A Secret that is already gone is fine. */
    void deleteSecret(String name) {
        call("delete", "secret " + name, () -> client.secrets().inNamespace(namespace).withName(name).delete());
    }

    List<io.fabric8.kubernetes.api.model.Secret> secrets(Map<String, String> labels) {
        return call("list", "secrets", () -> client.secrets().inNamespace(namespace).withLabels(labels).list().getItems());
    }

    /** Asks the kubelet to stop the pod within {@code grace}; a pod that is already gone is fine. */
    void delete(String name, Duration grace) {
        call("delete", "pod " + name, () -> pod(name).withGracePeriod(Math.max(0, grace.toSeconds())).delete());
    }

    /**
     * Waits until the pod with this uid no longer exists (a new pod of the same name does not count); false when it
     * still does after {@code max}.
     */
    boolean awaitGone(String name, String uid, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            Optional<Pod> pod = get(name);
            if (pod.isEmpty() || (uid != null && !uid.equals(pod.get().getMetadata().getUid()))) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /**
     * Follows the container's log into {@code out} on the client's own threads until closed or the container ends.
     * A follow does not report the API's refusal (it would stream the error as log text), so one line is read first:
     * that read fails with the reason, e.g. a service account without {@code get} on {@code pods/log}.
     */
    LogWatch followLog(String name, String container, OutputStream out) {
        return call("get", "the log of pod " + name + " (pods/log)", () -> {
            pod(name).inContainer(container).tailingLines(1).getLog();
            return pod(name).inContainer(container).watchLog(out);
        });
    }

    /**
     * One watch over all pods with these labels, started before it returns: an informer lists, then watches, and
     * lists again when its watch falls too far behind, so no change of a pod is missed for good.
     */
    SharedIndexInformer<Pod> inform(Map<String, String> labels, ResourceEventHandler<Pod> handler, Duration startTimeout) {
        SharedIndexInformer<Pod> informer = client.pods().inNamespace(namespace).withLabels(labels).runnableInformer(0);
        informer.addEventHandler(handler);
        informer.exceptionHandler((started, t) -> {
            LOG.warn("watching pods in namespace {} failed ({}){}", namespace, t.getMessage(), started ? "; watching again" : "");
            return started;
        });
        try {
            informer.start().toCompletableFuture().get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return informer;
        } catch (ExecutionException e) {
            informer.stop();
            KubernetesClientException k = e.getCause() instanceof KubernetesClientException c ? c
                    : new KubernetesClientException(String.valueOf(e.getCause().getMessage()), e.getCause());
            throw KubernetesErrors.explain(k, server, namespace, "list and watch", "pods");
        } catch (TimeoutException e) {
            informer.stop();
            throw new IllegalStateException("the Kubernetes API server at " + server + " did not list the pods in namespace "
                    + namespace + " within " + startTimeout.toSeconds() + " s: check that it runs and this node can reach it", e);
        } catch (InterruptedException e) {
            informer.stop();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting to watch pods in namespace " + namespace, e);
        }
    }

    private PodResource pod(String name) {
        return client.pods().inNamespace(namespace).withName(Objects.requireNonNull(name));
    }

    private <T> T call(String verb, String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (KubernetesClientException e) {
            throw KubernetesErrors.explain(e, server, namespace, verb, what);
        }
    }
}
