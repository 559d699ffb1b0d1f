package io.mcphub.cli;

import io.mcphub.cli.common.CliContext;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;

/** Entry point of the distribution (bin/mcphub, bin/1p-cli mcp). */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        // UTF-8 regardless of the locale: documents are UTF-8 and the CLI prints "→".
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)), true,
                StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int code = run(args, out, err, System.in, System.getenv());
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs one command line in-process and returns its exit code; never calls System.exit. */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        return run(args, out, err, System.in, env);
    }

    public static int run(String[] args, PrintStream out, PrintStream err, InputStream in, Map<String, String> env) {
        CliContext context = CliContext.of(out, err, in, env);
        try {
            return commandLine(context).execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    static CommandLine commandLine(CliContext context) {
        ErrorReporter reporter = new ErrorReporter(context);
        return new CommandLine(new McpHubCommand(context))
                .setOut(new PrintWriter(context.out(), true))
                .setErr(new PrintWriter(context.err(), true))
                .setExecutionExceptionHandler(reporter)
                .setParameterExceptionHandler(reporter);
    }
}
