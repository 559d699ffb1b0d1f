package io.mcphub.deploy.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.mcphub.deploy.runtime.InstanceSpec;
import io.mcphub.deploy.runtime.InstanceSpec.Health;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pod one instance becomes: its name, labels and single container, derived from the {@link InstanceSpec} alone,
 * so the same spec always yields the same pod.
 */
final class PodTemplate {

    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String MANAGER = "mcphub";
    static final String INSTANCE = "mcphub.io/instance";
    static final String SERVICE = "mcphub.io/service";
    static final String OWNER = "mcphub.io/owner";
    /** The exact instance id and service name, which labels can only carry sanitised. */
    static final String INSTANCE_ID_ANNOTATION = "mcphub.io/instance-id";
    static final String SERVICE_ANNOTATION = "mcphub.io/service-name";
    static final String PORT_NAME = "main";

    private static final int MAX_NAME = 63;

    private PodTemplate() {}

    /**
     * {@code mcphub-<instanceId>} as a DNS-1123 label (it is also the pod's hostname). When the id had to change to
     * fit (upper case, '.', '_', length), a hash of the exact id keeps two ids from meeting on one name.
     */
    static String podName(String instanceId) {
        String wanted = "mcphub-" + instanceId;
        String clean = dnsLabel(wanted.toLowerCase(Locale.ROOT));
        if (clean.equals(wanted)) {
            return clean;
        }
        String suffix = "-" + hash(instanceId);
        return trimEnd(clean.substring(0, Math.min(clean.length(), MAX_NAME - suffix.length()))) + suffix;
    }

    /** A label value: at most 63 of {@code [A-Za-z0-9._-]}, starting and ending with a letter or digit. */
    static String labelValue(String text) {
        String clean = text.replaceAll("[^A-Za-z0-9._-]", "-").replaceAll("^[^A-Za-z0-9]+", "");
        return clean.substring(0, Math.min(clean.length(), MAX_NAME)).replaceAll("[^A-Za-z0-9]+$", "");
    }

    /** The labels that find every pod of this runtime's owner, in a fixed order (the selector's text is stable). */
    static Map<String, String> ownerSelector(String owner) {
        return new TreeMap<>(Map.of(MANAGED_BY, MANAGER, OWNER, labelValue(owner)));
    }

    static Pod build(InstanceSpec spec, String owner, boolean hostNetwork) {
        return build(spec, owner, hostNetwork, List.of());
    }

    /** {@code files}: the config files' Secret items, mounted read-only at {@link PodConfigFiles#MOUNT}. */
    static Pod build(InstanceSpec spec, String owner, boolean hostNetwork, List<io.fabric8.kubernetes.api.model.KeyToPath> files) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MANAGED_BY, MANAGER);
        labels.put(INSTANCE, labelValue(spec.instanceId()));
        labels.put(SERVICE, labelValue(spec.service()));
        labels.put(OWNER, labelValue(owner));
        ContainerBuilder container = new ContainerBuilder()
                .withName(containerName(spec))
                .withImage(spec.image())
                .withEnv(env(spec, !files.isEmpty()));
        if (spec.command() != null) {
            container.withCommand(spec.command());
        }
        if (!spec.args().isEmpty()) {
            container.withArgs(spec.args());
        }
        if (spec.port() != null) {
            container.addNewPort().withName(PORT_NAME).withContainerPort(spec.port()).withProtocol("TCP").endPort();
        }
        if (spec.workdir() != null && spec.workdir().startsWith("/")) {
            container.withWorkingDir(spec.workdir());
        }
        resources(spec.resources()).ifPresent(container::withResources);
        Probe readiness = probe(spec, 1, Duration.ZERO);
        if (readiness != null) {
            container.withReadinessProbe(readiness)
                    .withLivenessProbe(probe(spec, spec.health().failureThreshold(), spec.health().startPeriod()));
        }
        PodBuilder pod = new PodBuilder()
                .withNewMetadata()
                    .withName(podName(spec.instanceId()))
                    .withLabels(labels)
                    .withAnnotations(Map.of(INSTANCE_ID_ANNOTATION, spec.instanceId(), SERVICE_ANNOTATION, spec.service()))
                .endMetadata()
                .withNewSpec()
                    .withRestartPolicy(restartPolicy(spec.restart().policy()))
                    .withContainers(container.build())
                .endSpec();
        if (!files.isEmpty()) {
            pod.editSpec().addNewVolume().withName(PodConfigFiles.VOLUME).withNewSecret()
                    .withSecretName(PodConfigFiles.secretName(podName(spec.instanceId()))).withItems(files).endSecret()
                    .endVolume().editFirstContainer().addNewVolumeMount().withName(PodConfigFiles.VOLUME)
                    .withMountPath(PodConfigFiles.MOUNT).withReadOnly(true).endVolumeMount().endContainer().endSpec();
        }
        if (hostNetwork) {
            pod.editSpec().withHostNetwork(true).withDnsPolicy("ClusterFirstWithHostNet").endSpec();
        }
        return pod.build();
    }

    /** Requests for both (what the scheduler reserves), a limit on memory only (see {@link InstanceSpec.Resources}). */
    static java.util.Optional<io.fabric8.kubernetes.api.model.ResourceRequirements> resources(InstanceSpec.Resources r) {
        if (r.cpus() == null && r.memoryMb() == null) {
            return java.util.Optional.empty();
        }
        Map<String, io.fabric8.kubernetes.api.model.Quantity> requests = new TreeMap<>();
        Map<String, io.fabric8.kubernetes.api.model.Quantity> limits = new TreeMap<>();
        if (r.cpus() != null) {
            requests.put("cpu", new io.fabric8.kubernetes.api.model.Quantity(Math.max(1, Math.round(r.cpus() * 1000)) + "m"));
        }
        if (r.memoryMb() != null) {
            io.fabric8.kubernetes.api.model.Quantity memory = new io.fabric8.kubernetes.api.model.Quantity(r.memoryMb() + "Mi");
            requests.put("memory", memory);
            limits.put("memory", memory);
        }
        return java.util.Optional.of(new io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder()
                .withRequests(requests).withLimits(limits).build());
    }

    static String containerName(InstanceSpec spec) {
        String name = dnsLabel(spec.service().toLowerCase(Locale.ROOT));
        return name.isEmpty() ? "main" : name;
    }

    static String restartPolicy(InstanceSpec.Restart.Policy policy) {
        return switch (policy) {
            case ALWAYS -> "Always";
            case ON_FAILURE -> "OnFailure";
            case NEVER -> "Never";
        };
    }

    /**
     * The spec's environment, sorted so equal specs make equal pods, plus {@code PORT} when a port was given; secret
     * values by reference to the instance's Secret.
     */
    private static List<EnvVar> env(InstanceSpec spec, boolean files) {
        Map<String, String> env = new TreeMap<>(spec.env());
        if (files) {
            env.put("MCPHUB_CONFIG_DIR", PodConfigFiles.MOUNT);
        }
        if (spec.port() != null) {
            env.put("PORT", String.valueOf(spec.port()));
        }
        String secret = PodConfigFiles.secretName(podName(spec.instanceId()));
        // secret values stay in the instance's Secret; the pod spec, which more people may read, only points at them
        return env.entrySet().stream().map(e -> spec.secretEnv().contains(e.getKey())
                ? new io.fabric8.kubernetes.api.model.EnvVarBuilder().withName(e.getKey()).withNewValueFrom()
                        .withNewSecretKeyRef(PodConfigFiles.envKey(e.getKey()), secret, false).endValueFrom().build()
                : new EnvVar(e.getKey(), e.getValue(), null)).toList();
    }

    /** The spec's http or tcp check as a kubelet probe; null for a spec without one. */
    private static Probe probe(InstanceSpec spec, int failureThreshold, Duration initialDelay) {
        Health health = spec.health();
        ProbeBuilder probe = new ProbeBuilder()
                .withPeriodSeconds(seconds(health.interval()))
                .withTimeoutSeconds(seconds(health.timeout()))
                .withFailureThreshold(failureThreshold)
                .withInitialDelaySeconds((int) initialDelay.toSeconds());
        IntOrString port = new IntOrString(spec.port());
        return switch (health.type()) {
            case HTTP -> probe.withNewHttpGet().withPath(health.path()).withPort(port).endHttpGet().build();
            case TCP -> probe.withNewTcpSocket().withPort(port).endTcpSocket().build();
            case MCP_PING, NONE -> null;
        };
    }

    /** Whole seconds, rounded up: the kubelet counts no finer, and a probe must not run more often than asked. */
    private static int seconds(Duration d) {
        return (int) Math.max(1, (d.toMillis() + 999) / 1000);
    }

    private static String dnsLabel(String text) {
        String clean = text.replaceAll("[^a-z0-9-]+", "-").replaceAll("-{2,}", "-").replaceAll("^-+", "");
        return trimEnd(clean.substring(0, Math.min(clean.length(), MAX_NAME)));
    }

    private static String trimEnd(String text) {
        return text.replaceAll("-+$", "");
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
