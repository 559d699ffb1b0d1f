package io.mcphub.cli;

import io.mcphub.cli.common.CliContext;
import io.mcphub.cli.common.CliException;
import io.mcphub.cli.common.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one place failures reach the user: a single {@code error:} sentence on stderr, located problems one per line
 * after it, and the exit code. Stack traces only with {@code MCP_DEBUG=1}.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {
    private final CliContext ctx;

    ErrorReporter(CliContext ctx) {
        this.ctx = ctx;
    }

    int report(CliException e) {
        ctx.err().println("error: " + e.getMessage());
        e.details().forEach(ctx.err()::println);
        if (ctx.debug() && e.getCause() != null) {
            e.getCause().printStackTrace(ctx.err());
        }
        return e.exitCode();
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        if (e instanceof CliException cli) {
            return report(cli);
        }
        ctx.err().println("error: " + commandLine.getCommandSpec().qualifiedName() + " failed unexpectedly ("
                + e + "); rerun with MCP_DEBUG=1 and report the output");
        if (ctx.debug()) {
            e.printStackTrace(ctx.err());
        }
        return ExitCodes.FAILED;
    }

    /** picocli's default prints the whole usage; one line saying where help is keeps the error readable. */
    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        ctx.err().println("error: " + e.getMessage() + "; see '" + cl.getCommandSpec().qualifiedName() + " --help'");
        UnmatchedArgumentException.printSuggestions(e, ctx.err());
        if (ctx.debug()) {
            e.printStackTrace(ctx.err());
        }
        return ExitCodes.USAGE;
    }
}
