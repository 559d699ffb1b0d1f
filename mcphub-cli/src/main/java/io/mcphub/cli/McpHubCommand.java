package io.mcphub.cli;

import io.mcphub.cli.command.StatusCommand;
import io.mcphub.cli.command.audit.AuditCommand;
import io.mcphub.cli.command.cluster.ApplyCommand;
import io.mcphub.cli.command.cluster.DeleteCommand;
import io.mcphub.cli.command.cluster.DeployCommand;
import io.mcphub.cli.command.cluster.NodeCommand;
import io.mcphub.cli.command.cluster.ServiceCommand;
import io.mcphub.cli.command.cluster.TopologyCommand;
import io.mcphub.cli.command.config.ConfigCommand;
import io.mcphub.cli.command.gateway.ClientConfigCommand;
import io.mcphub.cli.command.logging.LogCommand;
import io.mcphub.cli.command.identity.KeysCommand;
import io.mcphub.cli.command.identity.LoginCommand;
import io.mcphub.cli.command.identity.LogoutCommand;
import io.mcphub.cli.command.identity.TokenCommand;
import io.mcphub.cli.command.identity.UserCommand;
import io.mcphub.cli.command.identity.WhoamiCommand;
import io.mcphub.cli.command.policy.PolicyCommand;
import io.mcphub.cli.common.CliContext;
import io.mcphub.cli.common.CliRoot;
import io.mcphub.cli.common.ExitCodes;
import io.mcphub.cli.server.DevCommand;
import io.mcphub.cli.server.AgentCommand;
import io.mcphub.cli.server.HubCommand;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The root command {@code mcphub}: global options, and the list of every top-level command. */
@Command(name = "mcphub", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "MCP Hub: deploy, configure and secure MCP servers from one control plane.",
        footer = {"", "Hub URL and token come from MCPHUB_URL and MCPHUB_TOKEN, else ~/.mcphub/config (written by"
                + " 'mcphub login', which renews its token automatically).",
                "MCP_DEBUG=1 traces every request (never the token) and shows stack traces.",
                "Exit codes: 0 ok, 1 failed, 2 usage, 3 hub unreachable, 4 conflict, 5 forbidden (a permission is missing)."},
        subcommands = {
                StatusCommand.class,
                ApplyCommand.class,
                DeployCommand.class,
                DeleteCommand.class,
                ServiceCommand.class,
                NodeCommand.class,
                TopologyCommand.class,
                ClientConfigCommand.class,
                LogCommand.class,
                ConfigCommand.class,
                LoginCommand.class,
                LogoutCommand.class,
                WhoamiCommand.class,
                UserCommand.class,
                TokenCommand.class,
                PolicyCommand.class,
                AuditCommand.class,
                KeysCommand.class,
                // Server commands: bin/mcphub runs these first arguments with the full JIT; keep its list in step.
                DevCommand.class,
                HubCommand.class,
                AgentCommand.class,
                AutoComplete.GenerateCompletion.class,
        })
public final class McpHubCommand implements Callable<Integer>, CliRoot {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    // INHERIT: `mcphub config list --hub URL` works as well as `mcphub --hub URL config list`.
    @Option(names = "--hub", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "The hub's URL (default: $MCPHUB_URL, else ~/.mcphub/config, else http://127.0.0.1:7420).")
    String hubUrl;

    @Option(names = "--token-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Read the hub token from FILE instead of $MCPHUB_TOKEN or ~/.mcphub/config.")
    Path tokenFile;

    public McpHubCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public CliContext context() {
        return context;
    }

    @Override
    public String hubUrl() {
        return hubUrl;
    }

    @Override
    public Path tokenFile() {
        return tokenFile;
    }

    /** Bare {@code mcphub}: show what there is, but as a usage error so scripts notice. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
