package io.mcphub.deploy.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.mcphub.deploy.probe.NodeFacts;
import io.mcphub.deploy.runtime.Instance;
import io.mcphub.deploy.runtime.InstanceSpec;
import io.mcphub.deploy.runtime.InstanceSpec.Health;
import io.mcphub.deploy.runtime.InstanceSpec.Restart;
import io.mcphub.deploy.runtime.InstanceSpec.Transport;
import io.mcphub.deploy.runtime.InstanceState;
import io.mcphub.deploy.runtime.log.LogPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes runtime against fabric8's mock API server in CRUD mode — an in-memory stand-in for the API server
 * that stores, lists, watches and deletes objects, NOT a cluster: no kubelet runs the pods, no scheduler places them.
 * The tests play the kubelet by writing pod status through the API, the way a kubelet reports it. Kubernetes itself
 * cannot run on our machines.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class KubernetesRuntimeTest {

    private static final String NS = "mcphub-test";
    private static final Duration WAIT = Duration.ofSeconds(5);

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path dir;

    private KubernetesRuntime runtime;

    @BeforeEach
    void setUp() {
        runtime = runtime("node-1");
    }

    @AfterEach
    void tearDown() {
        runtime.close();
        // Drop the client's connections (the informer's watch among them) before the extension closes the mock
        // server, which otherwise may wait out its 10 s close timeout for them on a loaded machine.
        client.close();
    }

    private KubernetesRuntime runtime(String owner) {
        return new KubernetesRuntime(client, new KubernetesRuntime.Options(NS, owner, false, LogPolicy.DEFAULT,
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5)));
    }

    private static InstanceSpec.Builder spec(String id) {
        return InstanceSpec.builder(id, "demo/time", null).image("mcp/time:1").transport(Transport.STREAMABLE_HTTP);
    }

    private Pod stored(String instanceId) {
        return client.pods().inNamespace(NS).withName(PodTemplate.podName(instanceId)).get();
    }

    private List<Pod> pods() {
        return client.pods().inNamespace(NS).list().getItems();
    }

    /** What a kubelet writes: the phase, the Ready condition and the container's status. */
    private void kubelet(String instanceId, String phase, boolean ready, ContainerStatus container) {
        client.pods().inNamespace(NS).withName(PodTemplate.podName(instanceId)).editStatus(p -> new PodBuilder(p)
                .withStatus(status(phase, ready, container)).build());
    }

    private static PodStatus status(String phase, boolean ready, ContainerStatus container) {
        return new PodStatusBuilder().withPhase(phase).withPodIP("10.1.2.3")
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .withContainerStatuses(container).build();
    }

    private static ContainerStatusBuilder container(int restarts) {
        return new ContainerStatusBuilder().withName("demo-time").withImage("mcp/time:1").withRestartCount(restarts)
                .withContainerID("containerd://c" + restarts).withReady(false);
    }

    @Test
    void startCreatesOnePodWithTheSpecsContainerProbesAndRestartPolicy() {
        InstanceSpec spec = InstanceSpec.builder("Time_1", "demo/time", "/bin/server").image("mcp/time:1")
                .transport(Transport.STREAMABLE_HTTP).args("--verbose", "--port=8080")
                .env("TZ", "UTC").port(8080).workdir("/srv")
                .health(new Health(Health.Type.HTTP, "/healthz", Duration.ofSeconds(5), Duration.ofSeconds(2), 4,
                        Duration.ofSeconds(20)))
                .restart(new Restart(Restart.Policy.ON_FAILURE, null, null))
                .resources(new InstanceSpec.Resources(0.5, 256L)).build();

        Instance instance = runtime.start(spec, dir.resolve("time-1"));

        Pod pod = stored("Time_1");
        assertThat(pod.getMetadata().getName()).startsWith("mcphub-time-1-").matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
        assertThat(pod.getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "app.kubernetes.io/managed-by", "mcphub", "mcphub.io/instance", "Time_1",
                "mcphub.io/service", "demo-time", "mcphub.io/owner", "node-1"));
        assertThat(pod.getMetadata().getAnnotations()).containsEntry("mcphub.io/instance-id", "Time_1");
        assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("OnFailure");
        assertThat(pod.getSpec().getHostNetwork()).isNotEqualTo(Boolean.TRUE);
        Container c = pod.getSpec().getContainers().get(0);
        assertThat(c.getImage()).isEqualTo("mcp/time:1");
        assertThat(c.getResources().getRequests()).containsEntry("cpu", new io.fabric8.kubernetes.api.model.Quantity("500m"))
                .containsEntry("memory", new io.fabric8.kubernetes.api.model.Quantity("256Mi"));
        assertThat(c.getResources().getLimits()).containsOnlyKeys("memory"); // no cpu cap: see InstanceSpec.Resources
        assertThat(c.getCommand()).containsExactly("/bin/server");
        assertThat(c.getArgs()).containsExactly("--verbose", "--port=8080");
        assertThat(c.getEnv()).extracting(EnvVar::getName, EnvVar::getValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("PORT", "8080"), org.assertj.core.groups.Tuple.tuple("TZ", "UTC"));
        assertThat(c.getPorts()).singleElement().satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(8080));
        assertThat(c.getWorkingDir()).isEqualTo("/srv");
        assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        assertThat(c.getReadinessProbe().getHttpGet().getPort().getIntVal()).isEqualTo(8080);
        assertThat(c.getReadinessProbe().getPeriodSeconds()).isEqualTo(5);
        assertThat(c.getReadinessProbe().getTimeoutSeconds()).isEqualTo(2);
        assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        assertThat(c.getLivenessProbe().getFailureThreshold()).isEqualTo(4);
        assertThat(c.getLivenessProbe().getInitialDelaySeconds()).isEqualTo(20);

        assertThat(instance.state()).isEqualTo(InstanceState.STARTING);
        assertThat(instance.pid()).isEmpty();
        assertThat(instance.mcp()).isEmpty();
        assertThat(instance.logs().tail(10)).anyMatch(l -> l.contains("created pod " + pod.getMetadata().getName()));
    }

    @Test
    void configFilesReachThePodAsASecretThatInPlaceRewritesUpdateAndStopDeletes() throws Exception {
        InstanceSpec spec = spec("conf").port(9000).workdir("/srv").secretEnv("API_KEY", "sk-live-42").build();
        Path instanceDir = dir.resolve("conf");
        Path configDir = runtime.configDir(spec, instanceDir);
        assertThat(configDir).isEqualTo(instanceDir.resolve("config")); // never /srv on the node
        java.nio.file.Files.createDirectories(configDir.resolve("etc"));
        java.nio.file.Files.writeString(configDir.resolve("etc/app.json"), "{\"v\":1}");
        java.nio.file.Files.writeString(configDir.resolve("top.json"), "{}");

        Instance instance = runtime.start(spec, instanceDir);

        io.fabric8.kubernetes.api.model.Secret secret = client.secrets().inNamespace(NS).withName("mcphub-conf-config").get();
        assertThat(secret.getStringData()).containsExactly(Map.entry("env-API_KEY", "sk-live-42"),
                Map.entry("file-0", "{\"v\":1}"), Map.entry("file-1", "{}"));
        assertThat(secret.getMetadata().getLabels()).containsEntry("mcphub.io/owner", "node-1");
        assertThat(client.configMaps().inNamespace(NS).list().getItems()).as("files may hold secrets: never a ConfigMap").isEmpty();
        Pod pod = stored("conf");
        assertThat(pod.getSpec().getVolumes().get(0).getSecret().getSecretName()).isEqualTo("mcphub-conf-config");
        assertThat(pod.getSpec().getVolumes().get(0).getSecret().getItems())
                .extracting(io.fabric8.kubernetes.api.model.KeyToPath::getKey, io.fabric8.kubernetes.api.model.KeyToPath::getPath)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("file-0", "etc/app.json"),
                        org.assertj.core.groups.Tuple.tuple("file-1", "top.json"));
        Container c = pod.getSpec().getContainers().get(0);
        assertThat(io.fabric8.kubernetes.client.utils.Serialization.asJson(pod)).doesNotContain("sk-live-42");
        EnvVar key = c.getEnv().stream().filter(e -> e.getName().equals("API_KEY")).findFirst().orElseThrow();
        assertThat(key.getValueFrom().getSecretKeyRef().getName()).isEqualTo("mcphub-conf-config");
        assertThat(key.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("env-API_KEY");
        assertThat(c.getVolumeMounts().get(0).getMountPath()).isEqualTo("/mcphub/config");
        assertThat(c.getVolumeMounts().get(0).getReadOnly()).isTrue();
        assertThat(c.getEnv()).extracting(EnvVar::getName, EnvVar::getValue)
                .contains(org.assertj.core.groups.Tuple.tuple("MCPHUB_CONFIG_DIR", "/mcphub/config"));

        java.nio.file.Files.writeString(configDir.resolve("etc/app.json"), "{\"v\":2}");
        instance.filesChanged();
        assertThat(client.secrets().inNamespace(NS).withName("mcphub-conf-config").get().getStringData())
                .containsEntry("file-0", "{\"v\":2}");

        instance.stop(Duration.ofSeconds(1));
        assertThat(client.secrets().inNamespace(NS).withName("mcphub-conf-config").get()).isNull();
    }

    @Test
    void aTcpCheckBecomesTcpSocketProbesAndARelativeWorkdirIsLeftToTheImage() {
        runtime.start(spec("tcp").port(9000).workdir("data").restart(new Restart(Restart.Policy.NEVER, null, null)).build(),
                dir.resolve("tcp"));

        Container c = stored("tcp").getSpec().getContainers().get(0);
        assertThat(stored("tcp").getMetadata().getName()).isEqualTo("mcphub-tcp");
        assertThat(stored("tcp").getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(c.getCommand()).isEmpty();
        assertThat(c.getReadinessProbe().getTcpSocket().getPort().getIntVal()).isEqualTo(9000);
        assertThat(c.getLivenessProbe().getTcpSocket().getPort().getIntVal()).isEqualTo(9000);
        assertThat(c.getWorkingDir()).isNull();
    }

    @Test
    void theKubeletsReportsDriveTheStateAndTheListenersHearEveryChange() {
        Instance instance = runtime.start(spec("web").port(8080).build(), dir.resolve("web"));
        List<String> heard = new CopyOnWriteArrayList<>();
        instance.onStateChange((i, from, to) -> heard.add(from + "->" + to));

        kubelet("web", "Running", true, container(0).withReady(true).withNewState().withNewRunning().endRunning().endState().build());
        await().atMost(WAIT).until(() -> instance.state() == InstanceState.HEALTHY);
        assertThat(instance.status().detail()).isEqualTo("pod ready at 10.1.2.3:8080");
        assertThat(runtime.address("web")).contains("10.1.2.3:8080");
        assertThat(heard).containsExactly("STARTING->HEALTHY");

        kubelet("web", "Running", false, container(2).withNewState().withNewWaiting().withReason("CrashLoopBackOff")
                .withMessage("back-off 20s restarting failed container").endWaiting().endState()
                .withNewLastState().withNewTerminated().withExitCode(1).withReason("Error").endTerminated().endLastState().build());
        await().atMost(WAIT).until(() -> instance.state() == InstanceState.RESTARTING);
        assertThat(instance.restarts()).isEqualTo(2);
        assertThat(instance.status().detail()).contains("CrashLoopBackOff", "exit code 1");
        assertThat(instance.lastExit()).hasValueSatisfying(e -> assertThat(e.code()).isEqualTo(1));

        kubelet("web", "Failed", false, container(2).withNewState().withNewTerminated().withExitCode(3).withReason("Error")
                .withMessage("config missing").endTerminated().endState().build());
        await().atMost(WAIT).until(() -> instance.state() == InstanceState.FAILED);
        assertThat(instance.status().detail()).isEqualTo("pod failed: Error: config missing (exit code 3)");
        assertThat(instance.lastExit()).hasValueSatisfying(e -> assertThat(e.code()).isEqualTo(3));
        assertThat(heard).containsExactly("STARTING->HEALTHY", "HEALTHY->RESTARTING", "RESTARTING->FAILED");
        assertThat(instance.logs().tail(50)).anyMatch(l -> l.contains("state RESTARTING -> FAILED"));
    }

    @Test
    void aPodRunningButNotReadyIsStartingThenUnhealthyOnceItWasReady() {
        Instance instance = runtime.start(spec("slow").port(8080).build(), dir.resolve("slow"));
        ContainerStatus running = container(0).withNewState().withNewRunning().endRunning().endState().build();

        kubelet("slow", "Running", false, running);
        await().atMost(WAIT).until(() -> "running, waiting for the readiness probe".equals(instance.status().detail()));
        assertThat(instance.state()).isEqualTo(InstanceState.STARTING);

        kubelet("slow", "Running", true, running);
        await().atMost(WAIT).until(() -> instance.state() == InstanceState.HEALTHY);
        kubelet("slow", "Running", false, running);
        await().atMost(WAIT).until(() -> instance.state() == InstanceState.UNHEALTHY);

        kubelet("slow", "Succeeded", false, container(0).withNewState().withNewTerminated().withExitCode(0)
                .withReason("Completed").endTerminated().endState().build());
        await().atMost(WAIT).until(() -> instance.state() == InstanceState.STOPPED);
    }

    @Test
    void aPodDeletedFromOutsideFailsTheInstance() {
        Instance instance = runtime.start(spec("gone").build(), dir.resolve("gone"));

        client.pods().inNamespace(NS).withName(PodTemplate.podName("gone")).delete();

        await().atMost(WAIT).until(() -> instance.state() == InstanceState.FAILED);
        assertThat(instance.status().detail()).contains("pod deleted");
    }

    @Test
    void stopDeletesThePodAndRestartMakesANewOne() {
        Instance instance = runtime.start(spec("cycle").build(), dir.resolve("cycle"));
        String firstUid = stored("cycle").getMetadata().getUid();

        instance.restart(Duration.ZERO);
        assertThat(stored("cycle").getMetadata().getUid()).isNotEqualTo(firstUid);
        assertThat(instance.restarts()).isEqualTo(1);
        assertThat(instance.state()).isEqualTo(InstanceState.STARTING);

        instance.stop(Duration.ofSeconds(1));
        assertThat(stored("cycle")).isNull();
        assertThat(instance.state()).isEqualTo(InstanceState.STOPPED);

        Instance again = runtime.start(spec("cycle").build(), dir.resolve("cycle"));
        assertThat(again.state()).isEqualTo(InstanceState.STARTING);
        assertThat(stored("cycle")).isNotNull();
    }

    @Test
    void closeDeletesEveryPodTheRuntimeMade() {
        runtime.start(spec("a").build(), dir.resolve("a"));
        runtime.start(spec("b").build(), dir.resolve("b"));
        assertThat(pods()).hasSize(2);

        runtime.close();

        assertThat(pods()).isEmpty();
        assertThatThrownBy(() -> runtime.start(spec("c").build(), dir.resolve("c"))).hasMessageContaining("closed");
    }

    @Test
    void reapOrphansDeletesThisOwnersUnknownPodsAndLeavesOtherOwnersAlone() {
        try (KubernetesRuntime predecessor = runtime("node-1"); KubernetesRuntime neighbour = runtime("node-2")) {
            client.pods().inNamespace(NS).resource(PodTemplate.build(spec("left-over").build(), "node-1", false)).create();
            neighbour.start(spec("theirs").build(), dir.resolve("theirs"));
            runtime.start(spec("mine").build(), dir.resolve("mine"));

            List<String> reaped = runtime.reapOrphans();

            assertThat(reaped).containsExactly("mcphub-left-over");
            assertThat(pods()).extracting(p -> p.getMetadata().getName())
                    .containsExactlyInAnyOrder("mcphub-theirs", "mcphub-mine");
            assertThat(predecessor.reapOrphans()).containsExactly("mcphub-mine"); // it does not know "mine"
        }
    }

    @Test
    void stdioSpecsAndSpecsWithoutImageAreRefusedWithWhatToDoAndMakeNoPod() {
        InstanceSpec stdio = spec("std").transport(Transport.STDIO).build();
        InstanceSpec noImage = InstanceSpec.builder("plain", "demo/plain", "npx").args("-y", "x").build();

        assertThatThrownBy(() -> runtime.start(stdio, dir.resolve("std"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("instance std speaks MCP over stdio, which the Kubernetes runtime cannot attach to: run it"
                        + " with runtime process or docker, or give it transport streamable-http");
        assertThatThrownBy(() -> runtime.start(noImage, dir.resolve("plain"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("instance plain has no image, and a pod runs a container image: give the service an image,"
                        + " or run npx with runtime process");
        assertThat(pods()).isEmpty();
    }

    @Test
    void aSecondStartOfARunningInstanceIsRefused() {
        runtime.start(spec("twice").build(), dir.resolve("twice"));

        assertThatThrownBy(() -> runtime.start(spec("twice").build(), dir.resolve("twice")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already running");
        assertThat(pods()).hasSize(1);
    }

    @Test
    void aLeftoverPodOfTheSameNameAndOwnerIsReplacedAndAnotherOwnersIsNot() {
        client.pods().inNamespace(NS).resource(PodTemplate.build(spec("same").build(), "node-1", false)).create();
        String oldUid = stored("same").getMetadata().getUid();

        runtime.start(spec("same").build(), dir.resolve("same"));
        assertThat(stored("same").getMetadata().getUid()).isNotEqualTo(oldUid);

        client.pods().inNamespace(NS).resource(PodTemplate.build(spec("foreign").build(), "node-2", false)).create();
        assertThatThrownBy(() -> runtime.start(spec("foreign").build(), dir.resolve("foreign")))
                .hasMessage("pod mcphub-foreign already exists in namespace " + NS + " and belongs to agent node-2:"
                        + " delete it, or run the instance from that agent");
    }

    @Test
    void hostNetworkPutsThePodInItsNodesNetwork() {
        try (KubernetesRuntime host = new KubernetesRuntime(client, KubernetesRuntime.Options.of(NS, "node-3").withHostNetwork(true))) {
            host.start(spec("hosted").port(7000).build(), dir.resolve("hosted"));

            assertThat(stored("hosted").getSpec().getHostNetwork()).isTrue();
            assertThat(stored("hosted").getSpec().getDnsPolicy()).isEqualTo("ClusterFirstWithHostNet");
        }
    }

    @Test
    void theRunningContainersLogIsCopiedIntoTheInstanceLog() {
        server.expect().get().withPath(logPath("logs")).andReturn(200, "hello\r\nworld\n").once();
        Instance instance = runtime.start(spec("logs").build(), dir.resolve("logs"));

        kubelet("logs", "Running", true, container(0).withReady(true).withNewState().withNewRunning().endRunning().endState().build());

        await().atMost(WAIT).until(() -> instance.logs().tail(50).containsAll(List.of("hello", "world")));
    }

    @Test
    void aLogEndpointThatFailsIsALoggedEventNotACrash() {
        for (String query : List.of("tailLines=1", "follow=true")) { // an RBAC denial refuses every read of pods/log
            server.expect().get().withPath(logPath("nolog").replace("follow=true", query)).andReturn(403, new StatusBuilder()
                    .withCode(403).withReason("Forbidden")
                    .withMessage("pods \"mcphub-nolog\" is forbidden: cannot get resource \"pods/log\"").build()).always();
        }
        Instance instance = runtime.start(spec("nolog").build(), dir.resolve("nolog"));

        kubelet("nolog", "Running", true, container(0).withReady(true).withNewState().withNewRunning().endRunning().endState().build());

        await().atMost(WAIT).until(() -> instance.logs().tail(50).stream().anyMatch(l -> l.contains("cannot follow the log")));
        assertThat(instance.logs().tail(50)).anyMatch(l -> l.contains("the agent may not get the log of pod mcphub-nolog"
                + " (pods/log) in namespace " + NS + " (403 Forbidden"));
        assertThat(instance.state()).isEqualTo(InstanceState.HEALTHY);
    }

    @Test
    void aServiceAccountThatMayNotListPodsGetsASentenceNamingTheNamespaceAndTheRole() {
        String selector = "labelSelector=app.kubernetes.io%2Fmanaged-by%3Dmcphub%2Cmcphub.io%2Fowner%3Dnode-1";
        for (String path : List.of("/api/v1/namespaces/locked/pods?" + selector + "&resourceVersion=0",
                "/api/v1/namespaces/locked/pods?" + selector)) {
            server.expect().get().withPath(path).andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden")
                    .withMessage("pods is forbidden: User \"system:serviceaccount:locked:agent\" cannot list resource"
                            + " \"pods\" in API group \"\" in the namespace \"locked\"").build()).always();
        }
        try (KubernetesRuntime locked = new KubernetesRuntime(client, KubernetesRuntime.Options.of("locked", "node-1"))) {
            assertThatThrownBy(() -> locked.start(spec("denied").build(), dir.resolve("denied")))
                    .hasMessageStartingWith("the agent may not list and watch pods in namespace locked (403 Forbidden: pods is"
                            + " forbidden: User \"system:serviceaccount:locked:agent\" cannot list")
                    .hasMessageEndingWith("grant its service account or kubeconfig user a Role there, e.g. kubectl create role"
                            + " mcphub-agent --verb=get,list,watch,create,delete --resource=pods,pods/log -n locked and a"
                            + " RoleBinding to it");
            assertThatThrownBy(locked::reapOrphans).hasMessageStartingWith("the agent may not list pods in namespace locked");
        }
        assertThat(client.pods().inNamespace("locked").list().getItems()).isEmpty();
    }

    @Test
    void anUnreachableApiServerIsOneSentenceNamingItAndTheNamespace() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl("http://127.0.0.1:" + port)
                .withRequestRetryBackoffLimit(0).build();
        try (KubernetesClient away = new KubernetesClientBuilder().withConfig(config).build();
             KubernetesRuntime runtime = new KubernetesRuntime(away, KubernetesRuntime.Options.of("prod", "node-1"))) {
            assertThatThrownBy(() -> runtime.start(spec("far").build(), dir.resolve("far")))
                    .hasMessageStartingWith("cannot reach the Kubernetes API server at http://127.0.0.1:" + port
                            + "/ to list and watch pods in namespace prod (")
                    .hasMessageEndingWith("): check that the server runs and this node can reach it");
        }
    }

    @Test
    void forClusterUsesTheKubeconfigTheProbeFoundAndItsContextsNamespace() throws Exception {
        Path kubeconfig = dir.resolve("kubeconfig");
        java.nio.file.Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                current-context: lab
                clusters: [{name: mock, cluster: {server: "%s"}}]
                users: [{name: agent, user: {token: not-checked-by-the-mock}}]
                contexts: [{name: lab, context: {cluster: mock, user: agent, namespace: lab-ns}}]
                """.formatted(server.url("/")));
        NodeFacts.Kubernetes found = new NodeFacts.Kubernetes(NodeFacts.Kubernetes.Access.KUBECONFIG, server.url("/"),
                "lab-ns", "lab", kubeconfig.toString());

        try (KubernetesRuntime fromProbe = KubernetesRuntime.forCluster(found, "node-9")) {
            assertThat(fromProbe.namespace()).isEqualTo("lab-ns");
            fromProbe.start(spec("probed").build(), dir.resolve("probed"));

            assertThat(client.pods().inNamespace("lab-ns").withName("mcphub-probed").get().getMetadata().getLabels())
                    .containsEntry("mcphub.io/owner", "node-9");
        }
        assertThat(client.pods().inNamespace("lab-ns").list().getItems()).isEmpty();
    }

    @Test
    void namesAndLabelsAreSanitisedAndDistinctIdsKeepDistinctNames() {
        assertThat(PodTemplate.podName("time-1")).isEqualTo("mcphub-time-1");
        assertThat(PodTemplate.podName("a.b")).matches("mcphub-a-b-[0-9a-f]{8}").isNotEqualTo(PodTemplate.podName("a_b"));
        String longId = "x".repeat(128);
        assertThat(PodTemplate.podName(longId)).hasSizeLessThanOrEqualTo(63).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
        assertThat(PodTemplate.labelValue("stack/service_")).isEqualTo("stack-service");
        assertThat(PodTemplate.labelValue("-" + "y".repeat(100))).isEqualTo("y".repeat(63));
    }

    private static String logPath(String instanceId) {
        return "/api/v1/namespaces/" + NS + "/pods/" + PodTemplate.podName(instanceId) + "/log?pretty=false&container=demo-time&follow=true";
    }
}
