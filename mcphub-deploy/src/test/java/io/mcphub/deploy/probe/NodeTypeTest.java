package io.mcphub.deploy.probe;

import static io.mcphub.deploy.probe.Fixtures.context;
import static io.mcphub.deploy.probe.Fixtures.probe;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.deploy.probe.NodeFacts.DockerEngine;
import io.mcphub.deploy.probe.NodeFacts.Kubernetes;
import io.mcphub.deploy.probe.NodeFacts.Kubernetes.Access;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kubernetes over Docker over bare metal, first as a decision over facts, then end to end over a whole root. */
class NodeTypeTest {

    static final Kubernetes IN_CLUSTER = new Kubernetes(Access.IN_CLUSTER, "https://10.96.0.1:443", "mcphub", null,
            "/var/run/secrets/kubernetes.io/serviceaccount");
    static final Kubernetes KUBECONFIG = new Kubernetes(Access.KUBECONFIG, "https://127.0.0.1:41337", "mcp", "kind-dev",
            "/home/dev/.kube/config");
    static final DockerEngine DOCKER = new DockerEngine("/var/run/docker.sock", "27.3.1", "1.47");

    @TempDir
    Path root;

    @Test
    void kubernetesWinsOverDockerAndSaysSo() throws Exception {
        NodeFacts facts = decide(NodeFacts.EMPTY.builder().kubernetes(IN_CLUSTER).docker(DOCKER).known());

        assertThat(facts.type()).isEqualTo(NodeType.KUBERNETES);
        assertThat(facts.typeReason()).isEqualTo("in-cluster: service-account token in /var/run/secrets/kubernetes.io/serviceaccount"
                + " and KUBERNETES_SERVICE_HOST point at https://10.96.0.1:443;"
                + " a Docker engine also answers on /var/run/docker.sock, Kubernetes wins");
    }

    @Test
    void aKubeconfigNamesItsFileServerAndContext() throws Exception {
        NodeFacts facts = decide(NodeFacts.EMPTY.builder().kubernetes(KUBECONFIG).known());

        assertThat(facts.type()).isEqualTo(NodeType.KUBERNETES);
        assertThat(facts.typeReason())
                .isEqualTo("kubeconfig /home/dev/.kube/config names API server https://127.0.0.1:41337 (context kind-dev)");
    }

    @Test
    void dockerWinsOverBareMetal() throws Exception {
        NodeFacts facts = decide(NodeFacts.EMPTY.builder().docker(DOCKER).known());

        assertThat(facts.type()).isEqualTo(NodeType.DOCKER);
        assertThat(facts.typeReason()).isEqualTo("Docker engine 27.3.1 answers on /var/run/docker.sock");
    }

    @Test
    void bareMetalSaysWhatWasLookedFor() throws Exception {
        NodeFacts facts = decide(NodeFacts.EMPTY);

        assertThat(facts.type()).isEqualTo(NodeType.BARE_METAL);
        assertThat(facts.typeReason()).isEqualTo("no Kubernetes service account or kubeconfig naming a server,"
                + " and no Docker engine answers on /var/run/docker.sock");
    }

    @Test
    void endToEndAServiceAccountAndAnEngineMakeAKubernetesNode() throws Exception {
        Path serviceAccount = Files.createDirectories(root.resolve("var/run/secrets/kubernetes.io/serviceaccount"));
        Files.writeString(serviceAccount.resolve("token"), "fixture-token");
        try (UnixHttpServer engine = UnixHttpServer.dockerEngine(root.resolve("var/run/docker.sock"), "27.3.1")) {
            NodeFingerprint fingerprint = fingerprint(Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1"));

            assertThat(fingerprint.facts().type()).isEqualTo(NodeType.KUBERNETES);
            assertThat(fingerprint.facts().deployRuntimes()).containsExactly("docker", "kubernetes", "process");
            assertThat(engine.requests).contains("/_ping");
        }
    }

    @Test
    void endToEndAnEngineMakesADockerNode() throws Exception {
        try (UnixHttpServer engine = UnixHttpServer.dockerEngine(root.resolve("var/run/docker.sock"), "27.3.1")) {
            NodeFingerprint fingerprint = fingerprint(Map.of());

            assertThat(fingerprint.facts().type()).isEqualTo(NodeType.DOCKER);
            assertThat(fingerprint.facts().typeReason()).contains("27.3.1");
            assertThat(fingerprint.facts().deployRuntimes()).containsExactly("docker", "process");
            assertThat(engine.requests).contains("/_ping");
        }
    }

    @Test
    void endToEndNothingMakesABareMetalNode() {
        NodeFingerprint fingerprint = fingerprint(Map.of());

        assertThat(fingerprint.facts().type()).isEqualTo(NodeType.BARE_METAL);
        assertThat(fingerprint.facts().deployRuntimes()).containsExactly("process");
    }

    private NodeFacts decide(NodeFacts known) throws Exception {
        return probe(new NodeTypeProbe(), context(root, Map.of()), known);
    }

    private NodeFingerprint fingerprint(Map<String, String> env) {
        return Fingerprinter.run(context(root, env));
    }
}
