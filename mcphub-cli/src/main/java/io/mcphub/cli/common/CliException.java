package io.mcphub.cli.common;

import java.util.List;

/**
 * A failure the user can act on: one sentence saying what went wrong and what to do, optionally one line per
 * located problem ({@code FILE:LINE:COL: message}), and the exit code scripts see.
 */
public class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;
    private final transient List<String> details;

    public CliException(int exitCode, String message) {
        this(exitCode, message, List.of(), null);
    }

    public CliException(int exitCode, String message, Throwable cause) {
        this(exitCode, message, List.of(), cause);
    }

    public CliException(int exitCode, String message, List<String> details, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
        this.details = List.copyOf(details);
    }

    public static CliException failed(String message) {
        return new CliException(ExitCodes.FAILED, message);
    }

    public static CliException usage(String message) {
        return new CliException(ExitCodes.USAGE, message);
    }

    public int exitCode() {
        return exitCode;
    }

    public List<String> details() {
        return details;
    }
}
