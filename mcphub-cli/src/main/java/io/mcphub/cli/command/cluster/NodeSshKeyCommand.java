package io.mcphub.cli.command.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.cli.common.CliException;
import io.mcphub.cli.output.OutputFormat;
import picocli.CommandLine.Command;

/**
 * The key is the one line on stdout, so {@code mcphub node ssh-key >> ~/.ssh/authorized_keys} works on a target
 * (through whatever way the operator has there); what to do with it goes to stderr.
 */
@Command(name = "ssh-key", description = "Print the hub's SSH public key, for the authorized_keys of the user 'node add --ssh' logs in as.")
public final class NodeSshKeyCommand extends ClusterCommandBase {
    @Override
    protected void execute() {
        JsonNode key = nodes().sshKey();
        if (format() != OutputFormat.TABLE) {
            print(key, k -> "");
            return;
        }
        String line = key.path("publicKey").asText("");
        if (line.isEmpty()) {
            throw CliException.failed("the hub did not send its SSH key; try again and report this if it persists");
        }
        cli().out().println(line);
        cli().err().println("add this line to ~/.ssh/authorized_keys of the user on the target, then: mcphub node add NAME --ssh"
                + " USER@HOST --host-key SHA256:… (the key fingerprint: " + key.path("fingerprint").asText() + ")");
    }
}
