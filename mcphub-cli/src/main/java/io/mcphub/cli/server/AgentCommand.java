package io.mcphub.cli.server;

import io.mcphub.agent.Agent;
import io.mcphub.agent.AgentSettings;
import io.mcphub.cli.common.CliRoot;
import io.mcphub.cli.common.ExitCodes;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code mcphub agent}: joins a hub over mutual TLS and runs the instances the hub places on this node. */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = {"Join a hub with a one-time token (mcphub node token create), then run the instances it places",
                "on this node until SIGTERM or Ctrl-C, which stops them all. Later starts need no token."})
public final class AgentCommand implements Callable<Integer> {

    @ParentCommand
    CliRoot root;

    @Option(names = "--join-token", paramLabel = "TOKEN",
            description = "One-time token from 'mcphub node token create' (first start only; default: $MCPHUB_JOIN_TOKEN).")
    String joinToken;

    @Option(names = "--agent-endpoint", paramLabel = "URL",
            description = {"The hub's agent endpoint as this machine reaches it (default: the one the join answers),",
                    "e.g. the loopback port of an SSH tunnel to the hub."})
    String agentEndpoint;

    @Option(names = "--name", paramLabel = "NAME", description = "The node's name (default: the host name).")
    String name;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Key, certificates and instance files (default: ~/.mcphub/agent).")
    Path dataDir;

    @Option(names = "--labels", paramLabel = "K=V[,K=V…]", split = ",", description = "Labels for placement, e.g. zone=a,gpu=no.")
    Map<String, String> labels = new LinkedHashMap<>();

    @Override
    public Integer call() {
        // --hub is the root's inherited option; the agent needs it spelled out rather than taken from a login.
        String hub = root.hubUrl();
        if (hub == null) {
            root.context().err().println("error: mcphub agent needs --hub URL, the hub's address, e.g. --hub http://127.0.0.1:7420");
            return ExitCodes.USAGE;
        }
        Path dir = dataDir != null ? dataDir : root.context().home().resolve(".mcphub").resolve("agent");
        Agent agent;
        try {
            // The environment keeps the token off the command line, where other users of the machine could read it.
            String token = joinToken != null ? joinToken : root.context().env("MCPHUB_JOIN_TOKEN");
            agent = Agent.start(new AgentSettings(hub, token, name != null ? name : hostName(), dir, labels, "127.0.0.1", agentEndpoint));
        } catch (RuntimeException e) {
            root.context().err().println("error: " + e.getMessage());
            return ExitCodes.FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            stopped.countDown();
        }, "mcphub-agent-shutdown"));
        root.context().out().println("agent " + agent.name() + " joined " + hub + "; press Ctrl-C to stop it and its instances");
        root.context().out().flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ExitCodes.OK;
    }

    static String hostName() {
        try {
            String host = InetAddress.getLocalHost().getHostName().toLowerCase(java.util.Locale.ROOT);
            return host.replaceAll("[^a-z0-9-]", "-");
        } catch (UnknownHostException e) {
            return "node";
        }
    }
}
