package io.mcphub.cli.command.policy;

import io.mcphub.cli.command.ApiCommand;

/** A verb of {@code mcphub policy}: an ApiCommand that talks to the RBAC policy routes. */
abstract class PolicyCommandBase extends ApiCommand {
    private PolicyApi api;

    protected PolicyApi policies() {
        if (api == null) {
            api = new PolicyApi(hub());
        }
        return api;
    }
}
