package io.mcphub.cli.command.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "remove", description = {"Remove a node: revoke its certificate and forget it; for a node added over SSH, first stop",
        "its agent there (which stops its instances) and close the tunnel. Its instances move where placement allows."})
public final class NodeRemoveCommand extends ClusterCommandBase {
    @Parameters(index = "0", paramLabel = "NAME", description = "The node's name, as 'mcphub node list' shows it.")
    String name;

    @Override
    protected void execute() {
        print(nodes().remove(name), NodeRemoveCommand::describe);
    }

    private static String describe(JsonNode r) {
        String agent = r.path("agent").isTextual() ? r.path("agent").asText() + "; " : "";
        String serial = r.path("revokedSerial").isTextual() ? "revoked its certificate " + r.path("revokedSerial").asText() + "; " : "";
        return "removed node " + r.path("name").asText() + ": " + agent + serial + "it is no longer listed";
    }
}
