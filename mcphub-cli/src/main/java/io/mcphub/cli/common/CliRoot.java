package io.mcphub.cli.common;

import java.nio.file.Path;

/**
 * What the root command hands down to every verb: the context and the global options. An interface here keeps
 * the command packages from depending on the root command class.
 */
public interface CliRoot {
    CliContext context();

    /** {@code --hub URL}, or null. */
    String hubUrl();

    /** {@code --token-file FILE}, or null. */
    Path tokenFile();
}
