package io.mcphub.cli.command.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcphub.cli.common.Json;
import io.mcphub.deploy.probe.NodeFacts;
import io.mcphub.deploy.probe.NodeFingerprint;
import io.mcphub.deploy.probe.NodeType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The human views of answers that need running instances, which the live-hub tests here cannot have (no agent joins
 * them; the end-to-end suite's do). The answers are in the shapes of the hub's ClusterRoutes and PlanView.
 */
class ClusterViewsTest {
    private static JsonNode json(String text) throws Exception {
        return Json.JSON.readTree(text);
    }

    @Test
    void aPlanReadsLikeNomadJobPlan() throws Exception {
        JsonNode answer = json("""
                {"stack": "demo", "dryRun": true, "applied": false, "changes": true, "services": [
                  {"service": "demo/everything", "action": "create", "instances": [
                    {"action": "create", "id": "everything-ab12c", "node": "node1", "runtime": "process",
                     "why": "npx found on the node; fewest instances of demo/everything (0)"},
                    {"action": "create", "id": "everything-xy34z", "node": "node2", "runtime": "docker",
                     "why": "no npx, image runs in Docker; fewest instances of demo/everything (0)"}]},
                  {"service": "demo/memory", "action": "update", "instances": [
                    {"action": "create", "id": "memory-new01", "node": "node1", "runtime": "process", "why": "npx found on the node"},
                    {"action": "delete", "id": "memory-old01", "node": "node1", "runtime": "process", "why": "the service's spec changed"}]},
                  {"service": "demo/time", "action": "scale", "instances": [
                    {"action": "keep", "id": "time-aaaaa", "node": "node2", "runtime": "process", "why": "already runs here"},
                    {"action": "delete", "id": "time-bbbbb", "node": "node1", "runtime": "process", "why": "more instances than replicas"}]},
                  {"service": "demo/fetch", "action": "unchanged", "instances": [
                    {"action": "keep", "id": "fetch-ccccc", "node": "node1", "runtime": "process", "why": "already runs here"}]},
                  {"service": "demo/old", "action": "delete", "instances": [
                    {"action": "delete", "id": "old-ddddd", "node": "node2", "runtime": "docker", "why": "service removed from the stack"}]}
                ]}""");

        assertThat(PlanReport.applied(answer, true)).isEqualTo("""
                + create demo/everything (2 instances)
                  + everything-ab12c on node1 (process): npx found on the node; fewest instances of demo/everything (0)
                  + everything-xy34z on node2 (docker): no npx, image runs in Docker; fewest instances of demo/everything (0)
                ~ update demo/memory (1 instance)
                  + memory-new01 on node1 (process): npx found on the node
                  - memory-old01 on node1 (process): the service's spec changed
                ~ scale demo/time (1 instance)
                  = time-aaaaa on node2 (process): already runs here
                  - time-bbbbb on node1 (process): more instances than replicas
                = unchanged demo/fetch (1 instance)
                - delete demo/old (1 instance)
                  - old-ddddd on node2 (docker): service removed from the stack
                dry run: nothing was changed
                """);
        ((ObjectNode) answer).put("dryRun", false);
        assertThat(PlanReport.applied(answer, true)).endsWith("\napplied\n");
    }

    @Test
    void aPlanThatChangesNothingSaysSo() throws Exception {
        JsonNode answer = json("""
                {"stack": "demo", "dryRun": false, "applied": true, "changes": false, "services": [
                  {"service": "demo/fetch", "action": "unchanged", "instances": [
                    {"action": "keep", "id": "fetch-ccccc", "node": "node1", "runtime": "process", "why": "already runs here"}]}]}""");

        assertThat(PlanReport.applied(answer, false)).isEqualTo("= unchanged demo/fetch (1 instance)\nno changes\n");
        assertThat(PlanReport.unlessEmpty(answer, "scaled fetch to 1 replica")).endsWith("\nno changes\n");
        assertThat(PlanReport.render(answer, "deleted stack demo")).endsWith("\ndeleted stack demo\n");
    }

    @Test
    void healthIsCountedAgainstTheReplicasWanted() throws Exception {
        assertThat(InstanceCells.summary(json("""
                {"replicas": 2, "instances": [{"status": "healthy"}, {"status": "healthy"}]}"""))).isEqualTo("2/2 healthy");
        assertThat(InstanceCells.summary(json("""
                {"replicas": 3, "instances": [{"status": "healthy"}, {"status": "starting"}, {"status": "pending"}]}""")))
                .isEqualTo("1/3 healthy, 1 pending, 1 starting");
        assertThat(InstanceCells.summary(json("{\"replicas\": 2, \"instances\": []}"))).isEqualTo("0/2 healthy");
        assertThat(InstanceCells.allHealthy(json("""
                {"replicas": 1, "instances": [{"status": "healthy"}]}"""))).isEqualTo("yes");
        assertThat(InstanceCells.allHealthy(json("""
                {"replicas": 2, "instances": [{"status": "healthy"}, {"status": "unhealthy"}]}"""))).isEqualTo("no");
    }

    @Test
    void aServiceWithInstancesSaysWhereAndWhy() throws Exception {
        JsonNode service = json("""
                {"name": "everything", "stack": "demo", "type": "mcp", "runtime": "auto", "transport": "stdio",
                 "replicas": 2, "dependsOn": [], "instances": [
                  {"id": "everything-ab12c", "service": "everything", "node": "node1", "runtime": "process",
                   "status": "healthy", "pid": 4242, "port": null, "restarts": 0,
                   "placedBecause": "npx found on the node; fewest instances (0)", "detail": null},
                  {"id": "everything-xy34z", "service": "everything", "node": "node2", "runtime": "docker",
                   "status": "restarting", "pid": null, "port": 3001, "restarts": 2,
                   "placedBecause": "image runs in Docker; fewest instances (0)", "detail": "exited with code 1\\nrestarting in 2s"}],
                 "spec": {}}""");

        assertThat(ServiceDescribeCommand.describe(service)).isEqualTo("""
                Service:     demo/everything
                Type:        mcp
                Runtime:     auto
                Transport:   stdio
                Replicas:    2
                Depends on:  -
                Instances:   1/2 healthy, 1 restarting

                INSTANCE           NODE    STATUS       PID    PORT   RESTARTS
                everything-ab12c   node1   healthy      4242   -      0
                everything-xy34z   node2   restarting   -      3001   2

                Placed because:
                  everything-ab12c: npx found on the node; fewest instances (0)
                  everything-xy34z: image runs in Docker; fewest instances (0)

                Detail:
                  everything-xy34z: exited with code 1 restarting in 2s
                """);
    }

    /** The fingerprint as an agent sends it: the real record, serialised as the agent does. */
    @Test
    void aNodeIsDescribedFromItsFingerprint() {
        NodeFacts facts = new NodeFacts(NodeType.DOCKER, "the Docker engine answered on /var/run/docker.sock",
                new NodeFacts.Cpu(8, "AMD EPYC 7B13"), new NodeFacts.Memory(32000, 20480), null,
                new NodeFacts.Os("Linux", "6.8.0-45-generic", "amd64", "build-1"), List.of("10.0.0.5", "fd00::5"),
                Map.of("process", "", "npx", "10.8.2", "docker", "27.1.1"), null, null);
        JsonNode fingerprint = io.mcphub.core.Json.JSON.valueToTree(
                new NodeFingerprint(facts, Instant.parse("2025-06-01T12:00:00Z"), 12.5, List.of()));
        ObjectNode node = Json.object().put("name", "node1").put("status", "up").put("type", "DOCKER");
        node.putObject("labels").put("zone", "eu");
        node.put("joinedAt", "2025-06-01T11:00:00.123Z").put("lastSeen", "2025-06-01T12:00:05Z");
        node.set("fingerprint", fingerprint);
        node.putArray("instances").addObject().put("id", "everything-ab12c").put("service", "everything")
                .put("node", "node1").put("runtime", "process").put("status", "healthy").put("pid", 4242)
                .putNull("port").put("restarts", 0);

        assertThat(NodeDescribeCommand.describe(node)).isEqualTo("""
                Name:       node1
                Status:     up
                Type:       DOCKER (the Docker engine answered on /var/run/docker.sock)
                CPU:        8 cores (AMD EPYC 7B13)
                Memory:     20480 MiB available of 32000 MiB
                OS:         Linux 6.8.0-45-generic on build-1
                Arch:       amd64
                Runtimes:   docker 27.1.1, npx 10.8.2, process
                Addresses:  10.0.0.5, fd00::5
                Labels:     zone=eu
                Joined:     2025-06-01T11:00:00Z
                Last seen:  2025-06-01T12:00:05Z
                Instances:  1

                INSTANCE           SERVICE      STATUS    PID    PORT   RESTARTS
                everything-ab12c   everything   healthy   4242   -      0
                """);
    }

    @Test
    void aNodeThatSentNoFingerprintYetShowsWhatIsKnown() {
        ObjectNode node = Json.object().put("name", "node2").put("status", "down").putNull("type");
        node.putObject("labels");
        node.putNull("fingerprint");
        node.putArray("instances");

        assertThat(NodeDescribeCommand.describe(node)).contains("Type:       -\n", "CPU:        -\n", "OS:         -\n",
                "Runtimes:   -\n", "Labels:     -\n", "Instances:  0\n").doesNotContain("INSTANCE ");
    }
}
