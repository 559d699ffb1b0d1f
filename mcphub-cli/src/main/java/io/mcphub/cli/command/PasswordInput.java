package io.mcphub.cli.command;

import io.mcphub.cli.common.CliContext;
import io.mcphub.cli.common.CliException;
import io.mcphub.cli.common.IoReasons;
import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine.Option;

/**
 * Where a password comes from: a file or stdin for scripts, else typed at the terminal without echo. Never a
 * command-line argument, where it would show in {@code ps} and the shell history.
 */
public final class PasswordInput {
    @Option(names = "--password-file", paramLabel = "FILE", description = "Read the password from the first line of FILE.")
    Path file;

    @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
    boolean stdin;

    /**
     * @param prompt  what the terminal asks, e.g. {@code password for admin}
     * @param confirm ask twice when typed: a new password has no other guard against a typo
     */
    public String read(CliContext ctx, String prompt, boolean confirm) {
        if (file != null && stdin) {
            throw CliException.usage("give --password-file or --password-stdin, not both");
        }
        if (file != null) {
            return firstLine(readFile(), "the password file " + file + " is empty; put the password on its first line");
        }
        if (stdin) {
            return firstLine(readStdin(ctx), "standard input holds no password; pipe one in or use --password-file FILE");
        }
        return typed(prompt, confirm);
    }

    private String readFile() {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw CliException.failed("cannot read the password file " + file + " (" + IoReasons.of(e)
                    + "); check --password-file");
        }
    }

    private static String readStdin(CliContext ctx) {
        try {
            return new String(ctx.in().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw CliException.failed("cannot read the password from standard input (" + IoReasons.of(e) + ")");
        }
    }

    /** The first line exactly: blanks may belong to the password, only the line break does not. */
    private static String firstLine(String text, String whenEmpty) {
        String line = text.lines().findFirst().orElse("");
        if (line.isEmpty()) {
            throw CliException.failed(whenEmpty);
        }
        return line;
    }

    private static String typed(String prompt, boolean confirm) {
        Console console = Terminal.console();
        if (console == null) {
            throw CliException.usage("no terminal to type the password in; pass --password-file FILE or --password-stdin");
        }
        char[] password = console.readPassword("%s: ", prompt);
        char[] again = null;
        try {
            if (password == null || password.length == 0) {
                throw CliException.failed("no password typed; run the command again and type one");
            }
            if (confirm) {
                again = console.readPassword("type it again: ");
                if (!Arrays.equals(password, again)) {
                    throw CliException.failed("the two passwords differ; run the command again");
                }
            }
            return new String(password);
        } finally {
            // The String we return lives on; the arrays at least need not.
            if (password != null) {
                Arrays.fill(password, '\0');
            }
            if (again != null) {
                Arrays.fill(again, '\0');
            }
        }
    }
}
