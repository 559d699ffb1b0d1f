package io.mcphub.cli.command.audit;

import io.mcphub.cli.command.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "audit", description = "The audit trail: every operation on the hub, hash-chained so tampering shows.",
        subcommands = {AuditSearchCommand.class, AuditVerifyCommand.class})
public final class AuditCommand extends GroupCommand {
}
