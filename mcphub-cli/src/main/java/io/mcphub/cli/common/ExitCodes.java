package io.mcphub.cli.common;

/** The CLI's exit codes; scripts branch on them, so they never change meaning. */
public final class ExitCodes {
    public static final int OK = 0;
    /** The operation failed: the hub answered an error, a file was unreadable, … */
    public static final int FAILED = 1;
    /** The command line itself was wrong (picocli's convention). */
    public static final int USAGE = 2;
    /** No answer from the hub at all: nothing was done. */
    public static final int UNREACHABLE = 3;
    /** Someone else wrote first (409, stale --expect-version): re-read and retry. */
    public static final int CONFLICT = 4;
    /** The hub knows who you are and refused (403): retrying cannot help, a grant can. */
    public static final int FORBIDDEN = 5;

    private ExitCodes() {}
}
