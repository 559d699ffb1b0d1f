package io.mcphub.cli.command.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.cli.common.CliException;
import io.mcphub.cli.output.Cells;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The agentless way to a node: the hub does over SSH what an operator would do by hand (copy the distribution, run
 * 'mcphub agent' with a join token) and keeps a tunnel for the agent's traffic, so the machine needs only sshd and a
 * Java, and no port of its own open to the hub.
 */
@Command(name = "add", description = {"Make a machine a node over SSH: the hub checks its Java, uploads the agent, starts it",
        "and tunnels its traffic. Add the key from 'mcphub node ssh-key' to the user's authorized_keys there first."})
public final class NodeAddCommand extends ClusterCommandBase {
    @Parameters(index = "0", paramLabel = "NAME", description = "The node's name (lower-case letters, digits, '-' and '.').")
    String name;

    @Option(names = "--ssh", required = true, paramLabel = "USER@HOST[:PORT]", description = "Where the hub logs in, e.g. root@10.0.0.5:22.")
    String ssh;

    @Option(names = "--host-key", paramLabel = "SHA256:…",
            description = "The target's host key fingerprint, as 'ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub' prints it there.")
    String hostKey;

    @Option(names = "--accept-new-host-key",
            description = "Trust whatever host key the target shows now and pin it (trust on first use), instead of --host-key.")
    boolean acceptNewHostKey;

    @Option(names = "--labels", split = ",", paramLabel = "KEY=VALUE", description = "Labels for placement, e.g. zone=edge,gpu=no.")
    Map<String, String> labels;

    @Option(names = "--java", paramLabel = "PATH", description = "The target's java, 21 or newer (default: java on the user's PATH there).")
    String java;

    @Override
    protected void execute() {
        if (hostKey != null && acceptNewHostKey) {
            throw CliException.usage("pass --host-key or --accept-new-host-key, not both: --host-key pins the key you checked,"
                    + " --accept-new-host-key pins whatever the target shows");
        }
        print(nodes().addSsh(name, ssh, hostKey, acceptNewHostKey, labels, java), NodeAddCommand::describe);
    }

    private static String describe(JsonNode a) {
        return "added node " + Cells.text(a.path("name")) + " over ssh " + Cells.text(a.path("ssh")) + "\n"
                + "host key:  " + Cells.text(a.path("hostKey")) + " (pinned)\n"
                + "agent:     pid " + Cells.text(a.path("pid")) + " in " + Cells.text(a.path("dir")) + ", Java "
                + Cells.text(a.path("java").path("version")) + "\n"
                + "uploaded:  " + a.path("uploaded").asInt() + " files (" + a.path("unchanged").asInt() + " already there)\n"
                + "tunnel:    the target's 127.0.0.1:" + a.path("tunnel").path("hubPort").asInt() + " → hub API, 127.0.0.1:"
                + a.path("tunnel").path("agentPort").asInt() + " → agent endpoint";
    }
}
