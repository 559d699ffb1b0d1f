package io.mcphub.deploy.probe;

import static io.mcphub.deploy.probe.Fixtures.context;
import static io.mcphub.deploy.probe.Fixtures.probe;
import static io.mcphub.deploy.probe.Fixtures.root;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcphub.deploy.probe.NodeFacts.Kubernetes;
import io.mcphub.deploy.probe.NodeFacts.Kubernetes.Access;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A pod's service-account directory and a developer's kubeconfig as fixtures; no API server is contacted. */
class KubernetesProbeTest {

    static final Map<String, String> IN_POD = Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1", "KUBERNETES_SERVICE_PORT", "443");

    @Test
    void aServiceAccountAndTheServiceHostMeanInCluster() throws Exception {
        assertThat(kubernetes("k8s-pod", IN_POD)).isEqualTo(new Kubernetes(Access.IN_CLUSTER, "https://10.96.0.1:443", "mcphub",
                null, "/var/run/secrets/kubernetes.io/serviceaccount"));
    }

    @Test
    void anIpv6ServiceHostIsBracketed() throws Exception {
        assertThat(kubernetes("k8s-pod", Map.of("KUBERNETES_SERVICE_HOST", "fd00:10:96::1")).server())
                .isEqualTo("https://[fd00:10:96::1]:443");
    }

    @Test
    void aTokenWithoutTheServiceHostIsNotInCluster() throws Exception {
        assertThat(kubernetes("k8s-pod", Map.of("HOME", "/nowhere"))).isNull();
    }

    @Test
    void theServiceHostWithoutATokenIsNotInCluster() throws Exception {
        assertThat(kubernetes("x86-server", IN_POD)).isNull();
    }

    @Test
    void aKubeconfigInHomeNamesTheCurrentContextsServer() throws Exception {
        assertThat(kubernetes("kubeconfig", Map.of("HOME", "/home/dev"))).isEqualTo(new Kubernetes(Access.KUBECONFIG,
                "https://127.0.0.1:41337", "mcp", "kind-dev", "/home/dev/.kube/config"));
    }

    @Test
    void kubeconfigIsAPathListAndTheFirstFileNamingAServerWins() throws Exception {
        Map<String, String> env = Map.of("HOME", "/nowhere",
                "KUBECONFIG", "/home/dev/.kube/missing:/home/dev/.kube/no-server:/home/dev/.kube/config");

        assertThat(kubernetes("kubeconfig", env).source()).isEqualTo("/home/dev/.kube/config");
    }

    @Test
    void aKubeconfigWithoutAServerIsNotKubernetes() throws Exception {
        assertThat(kubernetes("kubeconfig", Map.of("KUBECONFIG", "/home/dev/.kube/no-server"))).isNull();
    }

    @Test
    void inClusterWinsOverAKubeconfig() throws Exception {
        Map<String, String> env = Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1", "KUBECONFIG", "/home/dev/.kube/config");

        assertThat(kubernetes("k8s-pod", env).access()).isEqualTo(Access.IN_CLUSTER);
    }

    @Test
    void aBrokenKubeconfigFailsTheProbeNamingTheFileAndLine() {
        ProbeContext ctx = context(root("kubeconfig"), Map.of("KUBECONFIG", "/home/dev/.kube/broken"));

        assertThatThrownBy(() -> probe(new KubernetesProbe(), ctx))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("kubeconfig /home/dev/.kube/broken:")
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void withoutACurrentContextTheFirstClusterIsTaken() {
        String config = """
                clusters:
                - name: a
                  cluster: {server: "https://127.0.0.1:6443"}
                - name: b
                  cluster: {server: "https://127.0.0.2:6443"}
                """;

        assertThat(KubernetesProbe.kubeconfig("/k", config)).contains(
                new Kubernetes(Access.KUBECONFIG, "https://127.0.0.1:6443", null, null, "/k"));
        assertThat(KubernetesProbe.kubeconfig("/k", "")).isEmpty();
    }

    private static Kubernetes kubernetes(String machine, Map<String, String> env) throws Exception {
        return probe(new KubernetesProbe(), context(root(machine), env)).kubernetes();
    }
}
