package io.mcphub.deploy.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.mcphub.deploy.probe.NodeFacts;
import io.mcphub.deploy.runtime.Instance;
import io.mcphub.deploy.runtime.InstanceSpec;
import io.mcphub.deploy.runtime.Runtime;
import io.mcphub.deploy.runtime.log.LogPolicy;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each instance as one pod through the Kubernetes API. The kubelet supervises the container (the spec's restart
 * policy becomes the pod's, its health check the pod's readiness and liveness probes); this runtime creates and
 * deletes pods, follows their state through one watch over all of them, and copies their logs into the instance
 * directory. Every pod carries the label {@code mcphub.io/owner}, so an agent finds (and {@link #reapOrphans reaps})
 * the pods a predecessor left, and never touches another agent's.
 *
 * <p>A listening instance is reached at its pod IP and container port ({@link #address}); with
 * {@link Options#hostNetwork()} the pod shares its node's network and the port is the node's.
 */
public final class KubernetesRuntime implements Runtime {

    public static final String NAME = "kubernetes";
    /** Overrides the namespace the node's service account or kubeconfig context names. */
    public static final String NAMESPACE_VARIABLE = "MCPHUB_KUBERNETES_NAMESPACE";

    private static final Logger LOG = LoggerFactory.getLogger(KubernetesRuntime.class);

    /**
     * @param namespace where the pods go
     * @param owner the {@code mcphub.io/owner} label of every pod this runtime makes; the node's name
     * @param hostNetwork run pods in their node's network namespace, so {@code PORT} is a port of the node
     * @param stopGrace the pods' termination grace period when the runtime itself deletes them (close, reaping)
     * @param deleteWait how long past the grace period a stop waits for the pod to be gone before giving up
     * @param watchStartTimeout how long the first list of pods may take before a start fails
     */
    public record Options(String namespace, String owner, boolean hostNetwork, LogPolicy logPolicy, Duration stopGrace,
                          Duration deleteWait, Duration watchStartTimeout) {

        public Options {
            namespace = namespace == null || namespace.isBlank() ? "default" : namespace;
            if (owner == null || owner.isBlank()) {
                throw new IllegalArgumentException("the Kubernetes runtime needs an owner (the node's name) for its pods' labels");
            }
            logPolicy = logPolicy == null ? LogPolicy.DEFAULT : logPolicy;
            stopGrace = stopGrace == null ? Duration.ofSeconds(10) : stopGrace;
            deleteWait = deleteWait == null ? Duration.ofSeconds(30) : deleteWait;
            watchStartTimeout = watchStartTimeout == null ? Duration.ofSeconds(30) : watchStartTimeout;
        }

        public static Options of(String namespace, String owner) {
            return new Options(namespace, owner, false, null, null, null, null);
        }

        public Options withHostNetwork(boolean on) {
            return new Options(namespace, owner, on, logPolicy, stopGrace, deleteWait, watchStartTimeout);
        }
    }

    private final KubernetesClient client;
    private final boolean ownsClient;
    private final Options options;
    private final PodApi api;
    private final Map<String, PodInstance> instances = new ConcurrentHashMap<>();
    private final Thread shutdownHook = new Thread(this::close, "kubernetes-runtime-shutdown");
    private SharedIndexInformer<Pod> informer;
    private volatile boolean closed;

    /** A runtime on a client the caller keeps: closing the runtime deletes its pods but leaves the client open. */
    public KubernetesRuntime(KubernetesClient client, Options options) {
        this(client, false, options);
    }

    private KubernetesRuntime(KubernetesClient client, boolean ownsClient, Options options) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.options = options;
        this.api = new PodApi(client, options.namespace());
        java.lang.Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * The runtime for the cluster the node probe found, with the same credentials: the service account's token and
     * CA in-cluster (the token is read again on each request, as the kubelet rotates it), or the kubeconfig file and
     * context. The namespace is {@value #NAMESPACE_VARIABLE}, else the one the service account or context names,
     * else {@code default}. Nothing is contacted yet.
     */
    public static KubernetesRuntime forCluster(NodeFacts.Kubernetes cluster, String owner) {
        Config config = switch (cluster.access()) {
            case IN_CLUSTER -> new ConfigBuilder(Config.empty())
                    .withMasterUrl(cluster.server())
                    .withCaCertFile(cluster.source() + "/ca.crt")
                    .withOauthTokenProvider(() -> readToken(Path.of(cluster.source(), "token")))
                    .build();
            case KUBECONFIG -> Config.fromKubeconfig(cluster.context(), new File(cluster.source()));
        };
        // A start must fail within seconds when the server is away, not after the client's ten retries.
        config.setRequestRetryBackoffLimit(2);
        String namespace = Optional.ofNullable(System.getenv(NAMESPACE_VARIABLE)).filter(s -> !s.isBlank())
                .orElse(cluster.namespace());
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        return new KubernetesRuntime(client, true, Options.of(namespace, owner));
    }

    @Override
    public String name() {
        return NAME;
    }

    public String namespace() {
        return options.namespace();
    }

    /**
     * A pod does not see this node's disk: files are kept in the instance's directory (never at the pod's working
     * directory on the host) and reach the pod as a Secret (see {@link PodConfigFiles}).
     */
    @Override
    public Path configDir(InstanceSpec spec, Path instanceDir) throws java.io.IOException {
        return java.nio.file.Files.createDirectories(io.mcphub.deploy.runtime.Runtime.separateConfigDir(instanceDir));
    }

    @Override
    public Instance start(InstanceSpec spec, Path instanceDir) {
        if (closed) {
            throw new IllegalStateException("the Kubernetes runtime is closed; the agent is shutting down");
        }
        if (spec.transport() == InstanceSpec.Transport.STDIO) {
            throw new IllegalArgumentException("instance " + spec.instanceId() + " speaks MCP over stdio, which the"
                    + " Kubernetes runtime cannot attach to: run it with runtime process or docker, or give it transport"
                    + " streamable-http");
        }
        if (spec.image() == null) {
            throw new IllegalArgumentException("instance " + spec.instanceId() + " has no image, and a pod runs a"
                    + " container image: give the service an image, or run " + spec.command() + " with runtime process");
        }
        try {
            Files.createDirectories(instanceDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the instance directory " + instanceDir, e);
        }
        return instances.compute(spec.instanceId(), (id, existing) -> {
            if (existing != null && !existing.state().isFinal()) {
                throw new IllegalStateException("instance " + id + " is already running; stop it before starting it again");
            }
            if (existing != null) {
                existing.stop(options.stopGrace()); // an ended pod may still exist, under the name the new one needs
            }
            watch();
            PodInstance instance = new PodInstance(spec, instanceDir, io.mcphub.deploy.runtime.Runtime.separateConfigDir(instanceDir), options.owner(), api, options,
                    this::watched);
            try {
                instance.create();
            } catch (RuntimeException e) {
                instance.abandon();
                throw e;
            }
            return instance;
        });
    }

    /** Where a listening instance answers ({@code podIP:port}), once the kubelet has given its pod an IP. */
    public Optional<String> address(String instanceId) {
        return Optional.ofNullable(instances.get(instanceId)).flatMap(PodInstance::address);
    }

    /**
     * Deletes the pods with this runtime's owner label that it did not start: those a crashed predecessor left. The
     * agent calls it once at startup, before it starts anything. Returns the names of the pods it deleted.
     */
    public List<String> reapOrphans() {
        List<String> known = instances.values().stream().map(PodInstance::podName).toList();
        List<String> reaped = new ArrayList<>();
        for (Pod pod : api.list(PodTemplate.ownerSelector(options.owner()))) {
            String name = pod.getMetadata().getName();
            if (!known.contains(name)) {
                LOG.info("deleting orphaned pod {}/{} of owner {}", options.namespace(), name, options.owner());
                api.delete(name, options.stopGrace());
                reaped.add(name);
            }
        }
        for (io.fabric8.kubernetes.api.model.Secret secret : api.secrets(PodTemplate.ownerSelector(options.owner()))) {
            String name = secret.getMetadata().getName();
            if (known.stream().noneMatch(pod -> PodConfigFiles.secretName(pod).equals(name))) {
                LOG.info("deleting orphaned secret {}/{} of owner {}", options.namespace(), name, options.owner());
                api.deleteSecret(name);
            }
        }
        return reaped;
    }

    /**
     * Deletes every pod this runtime started (all at once, so closing takes one grace period) and stops watching;
     * also from a JVM shutdown hook, so an agent stopped by SIGTERM leaves no pod behind.
     */
    @Override
    public void close() {
        closed = true;
        try {
            java.lang.Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: this is the hook, or it has run
        }
        try (ExecutorService stoppers = Executors.newVirtualThreadPerTaskExecutor()) { // closing waits for every stop
            instances.values().forEach(i -> stoppers.execute(() -> i.stop(options.stopGrace())));
        }
        instances.values().removeIf(PodInstance::gone);
        synchronized (this) {
            if (informer != null) {
                informer.stop();
                informer = null;
            }
        }
        if (ownsClient) {
            client.close();
        }
    }

    /** Starts the one watch over this owner's pods, at the first start (so a node whose API is away can still boot). */
    private synchronized void watch() {
        if (informer != null) {
            return;
        }
        informer = api.inform(PodTemplate.ownerSelector(options.owner()), new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                instanceOf(pod).ifPresent(i -> i.observe(pod));
            }

            @Override
            public void onUpdate(Pod before, Pod pod) {
                instanceOf(pod).ifPresent(i -> i.observe(pod));
            }

            @Override
            public void onDelete(Pod pod, boolean finalStateUnknown) {
                instanceOf(pod).ifPresent(i -> i.deleted(pod));
            }
        }, options.watchStartTimeout());
    }

    private synchronized Optional<Pod> watched(String podName) {
        return informer == null ? Optional.empty()
                : Optional.ofNullable(informer.getStore().getByKey(options.namespace() + "/" + podName));
    }

    private Optional<PodInstance> instanceOf(Pod pod) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        String id = annotations == null ? null : annotations.get(PodTemplate.INSTANCE_ID_ANNOTATION);
        return Optional.ofNullable(id == null ? null : instances.get(id));
    }

    private static String readToken(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the service-account token " + file, e);
        }
    }
}
