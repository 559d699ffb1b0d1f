package io.mcphub.cli.command.config;

import io.mcphub.cli.command.ApiCommand;

/** A verb of {@code mcphub config}: an ApiCommand that talks to the configuration center. */
abstract class ConfigCommandBase extends ApiCommand {
    private ConfigApi api;

    protected ConfigApi config() {
        if (api == null) {
            api = new ConfigApi(hub());
        }
        return api;
    }
}
