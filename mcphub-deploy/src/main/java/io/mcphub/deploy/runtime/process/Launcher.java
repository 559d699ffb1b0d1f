package io.mcphub.deploy.runtime.process;

import io.mcphub.deploy.runtime.InstanceSpec;
import io.mcphub.deploy.runtime.log.LineReader;
import io.mcphub.deploy.runtime.log.RotatingLog;
import io.mcphub.deploy.runtime.mcp.RelayChannel;
import io.mcphub.deploy.runtime.mcp.StdioConnection;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a spec into a started OS process: command line, environment, working directory, and where its output
 * goes. For a stdio MCP server stdout is the protocol channel and only stderr is log; for anything else stdout and
 * stderr are both log.
 */
final class Launcher {

    /** The agent's own settings (hub URL, token) are none of an instance's business. */
    static final String AGENT_ENV_PREFIX = "MCPHUB_";
    private static final int MAX_LOG_LINE_BYTES = 64 * 1024;
    private static final File NO_INPUT = new File("/dev/null");

    private final InstanceSpec spec;
    private final Path instanceDir;
    private final RotatingLog log;

    Launcher(InstanceSpec spec, Path instanceDir, RotatingLog log) {
        this.spec = spec;
        this.instanceDir = instanceDir;
        this.log = log;
    }

    /** @param relay the instance's MCP channel when it speaks stdio, else null */
    RunningProcess launch(RelayChannel relay) throws IOException {
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
        String name = spec.instanceId() + "-" + process.pid();
        StdioConnection connection = null;
        if (stdio) {
            StdioConnection[] self = new StdioConnection[1];
            connection = new StdioConnection(process.getInputStream(), process.getOutputStream(), log,
                    message -> relay.fromServer(self[0], message));
            self[0] = connection;
            connection.start(name);
            pump(process.getErrorStream(), name);
        } else {
            pump(process.getInputStream(), name);
        }
        return new RunningProcess(process, connection);
    }

    /** The working directory, created if needed; a relative one lives under the instance directory. */
    Path workdir() throws IOException {
        Path dir;
        if (spec.workdir() == null || spec.workdir().isBlank()) {
            dir = instanceDir.resolve("work");
        } else {
            Path given = Path.of(spec.workdir());
            dir = given.isAbsolute() ? given : instanceDir.resolve(given).normalize();
            if (!given.isAbsolute() && !dir.startsWith(instanceDir.normalize())) {
                throw new IOException("workdir " + spec.workdir() + " leaves the instance directory; use a path"
                        + " below it or an absolute one");
            }
        }
        return Files.createDirectories(dir);
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

    private void pump(InputStream output, String name) {
        Thread.ofVirtual().name("log-pump-" + name).start(() -> {
            LineReader reader = new LineReader(output, MAX_LOG_LINE_BYTES);
            try (output) {
                String line;
                while ((line = reader.readLine()) != null) {
                    log.line(reader.truncated() ? line + " [line cut at " + MAX_LOG_LINE_BYTES + " bytes]" : line);
                }
            } catch (IOException e) {
                // The pipe closes when the process tree is gone; nothing is lost that was written before.
            }
        });
    }
}
