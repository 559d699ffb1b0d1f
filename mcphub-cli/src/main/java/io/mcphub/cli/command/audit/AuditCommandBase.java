package io.mcphub.cli.command.audit;

import io.mcphub.cli.command.ApiCommand;

/** A verb of {@code mcphub audit}: an ApiCommand that talks to the audit routes. */
abstract class AuditCommandBase extends ApiCommand {
    private AuditApi api;

    protected AuditApi audit() {
        if (api == null) {
            api = new AuditApi(hub());
        }
        return api;
    }
}
