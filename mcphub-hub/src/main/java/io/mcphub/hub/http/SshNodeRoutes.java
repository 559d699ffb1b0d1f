package io.mcphub.hub.http;

import static io.mcphub.hub.http.Access.requires;

import io.javalin.http.Context;
import io.mcphub.hub.ssh.HubSshKey;
import io.mcphub.hub.ssh.NodeRemoval;
import io.mcphub.hub.ssh.SshNodes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Nodes the hub brings up itself over SSH, and removing any node. Mounted before the cluster routes, whose
 * {@code GET /api/v1/nodes/{name}} would otherwise take {@code ssh-key} for a node name.
 */
public final class SshNodeRoutes implements RouteGroup {

    private final HubSshKey key;
    private final SshNodes ssh;
    private final NodeRemoval removal;

    public SshNodeRoutes(HubSshKey key, SshNodes ssh, NodeRemoval removal) {
        this.key = key;
        this.ssh = ssh;
        this.removal = removal;
    }

    @Override
    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/api/v1/nodes/ssh-key", requires("read:node"), "node.ssh_key", ctx -> Responses.json(ctx, Map.of(
                        "publicKey", key.authorizedKeysLine(), "fingerprint", key.fingerprint()))),
                ApiRoute.post("/api/v1/nodes/ssh", requires("write:node"), "node.add_ssh", this::add),
                ApiRoute.delete("/api/v1/nodes/{name}", requires("write:node", "name"), "node.remove", this::remove));
    }

    /** Blocks until the new node's agent heartbeats, or the add failed and was undone: the answer is the outcome. */
    private void add(Context ctx) {
        SshNodes.Request req = Bodies.read(ctx, SshNodes.Request.class);
        RequestState.resource(ctx, req.name());
        SshNodes.Added added = ssh.add(req);
        RequestState.label(ctx, "node.ssh", added.node().address().toString());
        RequestState.label(ctx, "node.host_key", added.node().hostKey());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", added.node().name());
        body.put("ssh", added.node().address().toString());
        body.put("hostKey", added.node().hostKey());
        body.put("dir", added.node().dir());
        body.put("java", Map.of("path", added.node().java(), "version", added.javaVersion()));
        body.put("tunnel", Map.of("hubPort", added.node().hubPort(), "agentPort", added.node().agentPort()));
        body.put("pid", added.pid());
        body.put("uploaded", added.files().uploaded().size());
        body.put("unchanged", added.files().unchanged().size());
        Responses.json(ctx.status(201), body);
    }

    private void remove(Context ctx) {
        NodeRemoval.Removed removed = removal.remove(ctx.pathParam("name"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", removed.node());
        body.put("revokedSerial", removed.revokedSerial());
        body.put("agent", removed.agent().orElse(null));
        Responses.json(ctx, body);
    }
}
