package io.mcphub.cli.server;

import io.mcphub.cli.common.CliContext;
import io.mcphub.cli.common.ExitCodes;
import io.mcphub.agent.Agent;
import io.mcphub.agent.AgentSettings;
import io.mcphub.hub.Hub;
import io.mcphub.hub.HubSettings;
import io.mcphub.store.StoreException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.util.concurrent.CountDownLatch;

/** Runs a hub in the foreground until SIGTERM or Ctrl-C, then stops it cleanly (HTTP first, then the store). */
final class HubRunner {

    private HubRunner() {}

    static int run(CliContext cli, String store, ServerOptions server, String name, boolean withAgent) {
        java.nio.file.Path dataDir = server.dataDir(cli.home(), name);
        String listen = server.listen;
        configureLogging(cli);
        Hub hub;
        try {
            HubSettings settings = HubSettings.of(store, dataDir, listen);
            hub = Hub.start(server.tls() == null ? settings : settings.withTls(server.tls()));
        } catch (IllegalArgumentException | StoreException | UncheckedIOException e) {
            cli.err().println("error: " + e.getMessage());
            return ExitCodes.FAILED;
        } catch (RuntimeException e) {
            if (hasCause(e, BindException.class)) {
                cli.err().println("error: cannot listen on " + listen + ": the address is in use (is another hub running?); "
                        + "stop it or choose another address with --listen");
                return ExitCodes.FAILED;
            }
            throw e;
        }
        Agent agent;
        try {
            agent = withAgent ? localAgent(hub) : null;
        } catch (RuntimeException e) {
            hub.close();
            cli.err().println("error: the in-process agent could not start: " + e.getMessage());
            return ExitCodes.FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (agent != null) {
                agent.close(); // its instances first, so none outlives the hub
            }
            hub.close();
            stopped.countDown();
        }, "mcphub-shutdown"));
        hub.initialAdminPassword().ifPresent(password -> {
            // Shown once, here, to the person who started the hub; also kept (0600) for scripts. Never logged.
            cli.out().println("Created user admin with password " + password);
            cli.out().println("  (also in " + hub.dataDir().resolve("admin.password") + "; change it with 'mcphub user passwd admin')");
        });
        cli.out().println("MCP Hub is ready at " + hub.url() + " (store: " + hub.store().describe() + ")");
        cli.out().println("CLI settings are in " + hub.cliEnv() + "; load them with:  set -a; . " + hub.cliEnv() + "; set +a");
        cli.out().println("Press Ctrl-C to stop.");
        cli.out().flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ExitCodes.OK;
    }

    /**
     * {@code mcphub dev}'s node: an agent in this process, joined through the same token, CSR and mutual-TLS channel as
     * any other — only the token is minted here instead of by 'node token create'.
     */
    private static Agent localAgent(Hub hub) {
        return Agent.start(new AgentSettings(hub.url(), hub.createJoinToken(java.time.Duration.ofMinutes(5)),
                AgentCommand.hostName(), hub.dataDir().resolve("agent"), java.util.Map.of(), "127.0.0.1"));
    }

    /** Must run before the first logger is created: logback reads these properties once, at start-up. */
    private static void configureLogging(CliContext cli) {
        if (cli.debug()) {
            System.setProperty("mcphub.log.level", "DEBUG");
        }
        if ("json".equalsIgnoreCase(cli.env("MCPHUB_LOG_FORMAT"))) {
            System.setProperty("mcphub.log.appender", "ECS");
        }
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
