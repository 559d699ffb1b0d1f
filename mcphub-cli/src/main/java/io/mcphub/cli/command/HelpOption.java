package io.mcphub.cli.command;

import picocli.CommandLine.Option;

/**
 * {@code -h/--help} for every subcommand. Not picocli's standard mixin: its {@code --version} would clash with
 * {@code config get --version N}.
 */
public final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;
}
