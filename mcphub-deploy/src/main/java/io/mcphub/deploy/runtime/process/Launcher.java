package io.mcphub.deploy.runtime.process;

import io.mcphub.deploy.runtime.InstanceSpec;
import io.mcphub.deploy.runtime.log.RotatingLog;
import io.mcphub.deploy.runtime.mcp.RelayChannel;
import io.mcphub.deploy.runtime.mcp.StdioConnection;
import io.mcphub.deploy.runtime.supervisor.Streams;
import io.mcphub.deploy.runtime.supervisor.Workload;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a spec into a started OS process tree: command line, environment, working directory, and where its output
 * goes (see {@link Streams#wire}). For a stdio MCP server stdout is the protocol channel and only stderr is log; for
 * anything else stdout and stderr are both log.
 */
final class Launcher implements Workload {

    /** The agent's own settings (hub URL, token) are none of an instance's business. */
    static final String AGENT_ENV_PREFIX = "MCPHUB_";
    private static final File NO_INPUT = new File("/dev/null");

    private final InstanceSpec spec;
    private final Path instanceDir;
    private final PidFile pidFile;

    Launcher(InstanceSpec spec, Path instanceDir) {
        this.spec = spec;
        this.instanceDir = instanceDir;
        this.pidFile = new PidFile(instanceDir);
    }

    @Override
    public void reapLeftover(Duration grace, RotatingLog log) {
        pidFile.reapLeftover(grace);
    }

    @Override
    public String description() {
        return spec.command() + " " + String.join(" ", spec.args());
    }

    /** @param relay the instance's MCP channel when it speaks stdio, else null */
    @Override
    public RunningProcess start(RelayChannel relay, RotatingLog log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(commandLine()).directory(workdir().toFile());
        environment(builder.environment());
        boolean stdio = relay != null;
        if (stdio) {
            builder.redirectInput(ProcessBuilder.Redirect.PIPE).redirectOutput(ProcessBuilder.Redirect.PIPE)
                    .redirectError(ProcessBuilder.Redirect.PIPE);
        } else {
            builder.redirectInput(NO_INPUT).redirectErrorStream(true);
        }
        Process process = builder.start();
        StdioConnection connection = Streams.wire(spec.instanceId() + "-" + process.pid(), relay, log,
                process.getInputStream(), stdio ? process.getErrorStream() : null, process.getOutputStream());
        pidFile.write(process.toHandle());
        return new RunningProcess(process, connection, pidFile);
    }

    /** The working directory, created if needed; a relative one lives under the instance directory. */
    Path workdir() throws IOException {
        return spec.workdirIn(instanceDir);
    }

    private List<String> commandLine() {
        List<String> line = new ArrayList<>();
        line.add(spec.command());
        line.addAll(spec.args());
        return line;
    }

    private void environment(Map<String, String> env) {
        env.keySet().removeIf(name -> name.startsWith(AGENT_ENV_PREFIX));
        env.putAll(spec.env());
        if (spec.port() != null) {
            env.put("PORT", Integer.toString(spec.port()));
        }
    }
}
