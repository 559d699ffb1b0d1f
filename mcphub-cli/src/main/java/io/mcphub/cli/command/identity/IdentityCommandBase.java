package io.mcphub.cli.command.identity;

import io.mcphub.cli.command.ApiCommand;

/** A verb about who is who (login, users, API tokens, keys): an ApiCommand that talks to the identity routes. */
abstract class IdentityCommandBase extends ApiCommand {
    private IdentityApi api;

    protected IdentityApi identity() {
        if (api == null) {
            api = new IdentityApi(hub());
        }
        return api;
    }
}
