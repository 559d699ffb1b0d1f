package io.mcphub.deploy.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.mcphub.deploy.runtime.ExitInfo;
import io.mcphub.deploy.runtime.Instance;
import io.mcphub.deploy.runtime.InstanceSpec;
import io.mcphub.deploy.runtime.InstanceState;
import io.mcphub.deploy.runtime.InstanceStatus;
import io.mcphub.deploy.runtime.McpChannel;
import io.mcphub.deploy.runtime.StateListener;
import io.mcphub.deploy.runtime.Subscription;
import io.mcphub.deploy.runtime.log.LogReader;
import io.mcphub.deploy.runtime.log.RotatingLog;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance as one pod. The kubelet keeps the container alive (restart policy, probes); this object creates and
 * deletes the pod, reads its state from the runtime's watch, and copies the container's log into the instance's
 * {@link RotatingLog} so the same {@link LogReader} serves it as for a process.
 */
final class PodInstance implements Instance {

    private static final Logger LOG = LoggerFactory.getLogger(PodInstance.class);

    private final InstanceSpec spec;
    private final Pod template;
    private final String podName;
    private final String container;
    private final String owner;
    private final PodApi api;
    private final Path configDir;
    private final PodConfigFiles files;
    private final KubernetesRuntime.Options options;
    /** The watch's latest copy of a pod by name, to catch up on events that came before the pod's uid was known. */
    private final Function<String, Optional<Pod>> watched;
    private final RotatingLog log;
    private final LogReader logReader;
    private final List<StateListener> listeners = new CopyOnWriteArrayList<>();

    /** Guards the fields below and orders every state change, whichever thread reports it. */
    private final Object lock = new Object();
    /** Serialises the operations that delete a pod (stop, restart). */
    private final Object lifecycle = new Object();
    private volatile InstanceStatus status;
    private volatile String address;
    /** The pod this instance watches; events of any other pod of the same name (an older one) are ignored. */
    private String uid;
    private long resourceVersion;
    private boolean stopping;
    private boolean gone;
    /** Restarts of earlier pods of this instance ({@link #restart}); the kubelet counts only within one pod. */
    private int earlierRestarts;
    private String followedContainer;
    private LogWatch logWatch;

    PodInstance(InstanceSpec spec, Path instanceDir, Path configDir, String owner, PodApi api, KubernetesRuntime.Options options,
                Function<String, Optional<Pod>> watched) {
        this.spec = spec;
        this.configDir = configDir;
        this.files = PodConfigFiles.of(configDir);
        this.watched = watched;
        this.owner = owner;
        this.api = api;
        this.options = options;
        this.template = PodTemplate.build(spec, owner, options.hostNetwork(), files.items());
        this.podName = template.getMetadata().getName();
        this.container = PodTemplate.containerName(spec);
        this.logReader = LogReader.ofInstance(instanceDir);
        this.log = new RotatingLog(logReader.dir(), options.logPolicy());
        this.status = new InstanceStatus(spec.instanceId(), spec.service(), InstanceState.NEW, null, spec.port(), 0, null,
                Instant.now(), null);
    }

    String podName() {
        return podName;
    }

    private boolean needsSecret() {
        return !files.isEmpty() || !spec.secretEnv().isEmpty();
    }

    private java.util.Map<String, String> secretEnv() {
        java.util.Map<String, String> values = new java.util.TreeMap<>();
        spec.secretEnv().forEach(name -> values.put(name, spec.env().get(name)));
        return values;
    }

    /** The agent rewrote the files in place: the Secret gets them, and the kubelet the mounted volume. */
    @Override
    public void filesChanged() {
        if (files.isEmpty()) {
            log.event("config files reach pod " + podName + " when it is created again (it was created without any)");
            return;
        }
        api.apply(files.secret(podName, template.getMetadata().getLabels(), configDir, secretEnv()));
        log.event("updated secret " + PodConfigFiles.secretName(podName) + "; the kubelet refreshes the mounted files");
        files.added(configDir).forEach(p -> log.event("config file " + p + " is new: it reaches the pod when it is created again"));
    }

    Optional<String> address() {
        return Optional.ofNullable(address);
    }

    /** Whether the instance's pod is known to be deleted (after {@link #stop}); such an instance can be forgotten. */
    boolean gone() {
        synchronized (lock) {
            return gone;
        }
    }

    /** Creates the pod; a leftover pod of the same name that this owner made is deleted first. */
    void create() {
        publish(InstanceState.STARTING, "creating pod " + podName + " in namespace " + api.namespace());
        if (needsSecret()) {
            api.apply(files.secret(podName, template.getMetadata().getLabels(), configDir, secretEnv()));
        }
        Pod created;
        try {
            created = api.create(template);
        } catch (IllegalStateException e) {
            if (!KubernetesErrors.conflict(e)) {
                throw e;
            }
            Pod old = api.get(podName).orElse(null);
            String oldOwner = old == null || old.getMetadata().getLabels() == null ? null
                    : old.getMetadata().getLabels().get(PodTemplate.OWNER);
            if (old != null && !PodTemplate.labelValue(owner).equals(oldOwner)) {
                throw new IllegalStateException("pod " + podName + " already exists in namespace " + api.namespace()
                        + " and belongs to " + (oldOwner == null ? "no mcphub agent" : "agent " + oldOwner)
                        + ": delete it, or run the instance from that agent", e);
            }
            if (old != null) {
                log.event("deleting leftover pod " + podName + " (uid " + old.getMetadata().getUid() + ")");
                api.delete(podName, options.stopGrace());
                api.awaitGone(podName, old.getMetadata().getUid(), options.stopGrace().plus(options.deleteWait()));
            }
            created = api.create(template);
        }
        synchronized (lock) {
            uid = created.getMetadata().getUid();
            resourceVersion = 0;
        }
        log.event("created pod " + podName + " (uid " + created.getMetadata().getUid() + ") in namespace " + api.namespace()
                + ": image " + spec.image());
        observe(created);
        watched.apply(podName).ifPresent(this::observe);
    }

    /** Gives up an instance whose first pod could not be created: nothing will write to its log. */
    void abandon() {
        log.close();
    }

    /** A new version of the pod from the watch (or the API's answer to create). */
    void observe(Pod pod) {
        synchronized (lock) {
            if (stopping || status.state().isFinal() || uid == null || !uid.equals(pod.getMetadata().getUid())
                    || older(pod.getMetadata().getResourceVersion())) {
                return;
            }
            PodStates.Observation o = PodStates.observe(pod, container, spec.port(), status.state());
            address = o.address();
            set(o.state(), o.detail(), earlierRestarts + o.restartCount(), o.lastExit());
            follow(o.runningContainer());
        }
    }

    /**
     * Whether this version of the pod is older than one already seen (the API's answer to create can race the
     * watch). Resource versions are opaque to clients; when one is not a number, every version counts as new.
     */
    private boolean older(String version) {
        try {
            long v = Long.parseLong(version);
            if (v < resourceVersion) {
                return true;
            }
            resourceVersion = v;
            return false;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The watch saw the pod go; unless mcphub deleted it, the instance has failed. */
    void deleted(Pod pod) {
        synchronized (lock) {
            if (stopping || status.state().isFinal() || uid == null || !uid.equals(pod.getMetadata().getUid())) {
                return;
            }
            gone = true;
            set(InstanceState.FAILED, "pod deleted (not by mcphub)", status.restarts(), status.lastExit());
            stopFollowing();
        }
    }

    @Override
    public String id() {
        return spec.instanceId();
    }

    @Override
    public InstanceSpec spec() {
        return spec;
    }

    @Override
    public InstanceState state() {
        return status.state();
    }

    /** A pod's processes live in another PID namespace, often on another machine: there is no pid to give. */
    @Override
    public OptionalLong pid() {
        return OptionalLong.empty();
    }

    @Override
    public int restarts() {
        return status.restarts();
    }

    @Override
    public Optional<ExitInfo> lastExit() {
        return Optional.ofNullable(status.lastExit());
    }

    @Override
    public InstanceStatus status() {
        return status;
    }

    /** Deletes the pod and creates it anew; the restarts go on counting from the old pod's. */
    @Override
    public void restart(Duration grace) {
        synchronized (lifecycle) {
            String old;
            synchronized (lock) {
                if (stopping || status.state().isFinal()) {
                    throw new IllegalStateException("instance " + id() + " has ended (" + status.state() + "); start it anew");
                }
                old = release();
                earlierRestarts = status.restarts() + 1;
                set(InstanceState.RESTARTING, "restart asked: recreating pod " + podName, earlierRestarts, status.lastExit());
            }
            try {
                deletePod(old, grace);
                create();
            } catch (RuntimeException e) {
                publish(InstanceState.FAILED, "restart failed: " + e.getMessage());
                throw e;
            }
        }
    }

    /**
     * Deletes the pod with {@code grace} as its termination grace period and waits until it is gone, or
     * {@code grace} plus the runtime's delete wait passed. Never throws: a pod that could not be deleted is logged,
     * and the runtime's {@code reapOrphans} removes it at the agent's next start.
     */
    @Override
    public void stop(Duration grace) {
        synchronized (lifecycle) {
            String current;
            synchronized (lock) {
                if (gone) {
                    log.close();
                    return;
                }
                stopping = true;
                current = release();
            }
            try {
                boolean deleted = deletePod(current, grace);
                if (needsSecret()) {
                    api.deleteSecret(PodConfigFiles.secretName(podName));
                }
                synchronized (lock) {
                    gone = deleted;
                    if (!status.state().isFinal()) {
                        set(InstanceState.STOPPED, deleted ? "stopped: pod deleted" : "stopped: pod still terminating",
                                status.restarts(), status.lastExit());
                    }
                }
                if (deleted) {
                    log.close();
                }
            } catch (RuntimeException e) {
                LOG.warn("instance {}: {}", id(), e.getMessage());
                log.event("could not delete pod " + podName + ": " + e.getMessage());
                publish(InstanceState.FAILED, "could not delete pod " + podName + ": " + e.getMessage());
            }
        }
    }

    /** Stops watching the current pod (its events are ignored from now on) and returns its uid; holding the lock. */
    private String release() {
        String old = uid;
        uid = null;
        stopFollowing();
        return old;
    }

    /** True when the pod is gone; false when it is still terminating after the wait. */
    private boolean deletePod(String podUid, Duration grace) {
        log.event("deleting pod " + podName + " with a grace period of " + grace.toSeconds() + " s");
        api.delete(podName, grace);
        boolean deleted = api.awaitGone(podName, podUid, grace.plus(options.deleteWait()));
        if (!deleted) {
            log.event("pod " + podName + " is still terminating after " + grace.plus(options.deleteWait()).toSeconds()
                    + " s; the kubelet finishes deleting it");
        }
        return deleted;
    }

    /** The kubelet owns the pod's processes; the API offers no signal, only exec, which needs a shell in the image. */
    @Override
    public void signal(String name) {
        throw new IllegalStateException("the agent cannot signal a process in Kubernetes pod " + podName + "; use reload:"
                + " restart for this service, or have it watch its configuration file");
    }

    @Override
    public LogReader logs() {
        return logReader;
    }

    @Override
    public Subscription onStateChange(StateListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Kubernetes instances speak MCP over HTTP (stdio is refused at start), so there is no channel to hand out. */
    @Override
    public Optional<McpChannel> mcp() {
        return Optional.empty();
    }

    /** Follows the log of a container the first time it is seen running: each restart is a new container. */
    private void follow(String containerId) {
        if (containerId == null || containerId.equals(followedContainer)) {
            return;
        }
        stopFollowing();
        followedContainer = containerId;
        Thread.ofVirtual().name("pod-log-" + podName).start(() -> {
            LogWatch watch;
            try {
                watch = api.followLog(podName, container, new LineSink(log));
            } catch (RuntimeException e) {
                log.event("cannot follow the log of container " + containerId + ": " + e.getMessage());
                LOG.info("instance {}: cannot follow the pod's log: {}", id(), e.getMessage());
                return;
            }
            synchronized (lock) {
                if (stopping || !containerId.equals(followedContainer)) {
                    watch.close();
                    return;
                }
                logWatch = watch;
            }
            watch.onClose().thenAccept(error -> {
                if (error != null) {
                    log.event("the log stream of container " + containerId + " ended: " + error.getMessage());
                }
            });
        });
    }

    private void stopFollowing() {
        if (logWatch != null) {
            logWatch.close();
            logWatch = null;
        }
        followedContainer = null;
    }

    private void publish(InstanceState state, String detail) {
        synchronized (lock) {
            set(state, detail, status.restarts(), status.lastExit());
        }
    }

    /** Replaces the status and tells the listeners when the state changed; called holding {@link #lock}. */
    private void set(InstanceState state, String detail, int restarts, ExitInfo lastExit) {
        InstanceStatus before = status;
        Instant since = before.state() == state ? before.since() : Instant.now();
        status = new InstanceStatus(before.id(), before.service(), state, null, before.port(), restarts, lastExit, since, detail);
        if (before.state() != state) {
            log.event("state " + before.state() + " -> " + state + (detail == null ? "" : ": " + detail));
            for (StateListener listener : listeners) {
                try {
                    listener.changed(this, before.state(), state);
                } catch (RuntimeException e) {
                    LOG.warn("state listener of instance {} failed", id(), e);
                }
            }
        }
    }

    /** Cuts the container's output into lines for the instance log; a last line without newline ends at close. */
    private static final class LineSink extends OutputStream {
        private final RotatingLog log;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineSink(RotatingLog log) {
            this.log = log;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                flushLine();
            } else {
                line.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                write(bytes[i]);
            }
        }

        @Override
        public synchronized void close() {
            if (line.size() > 0) {
                flushLine();
            }
        }

        private void flushLine() {
            byte[] bytes = line.toByteArray();
            int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
            log.line(new String(bytes, 0, end, StandardCharsets.UTF_8));
            line.reset();
        }
    }
}
