package io.mcphub.deploy.runtime.supervisor;

import io.mcphub.deploy.runtime.log.LineReader;
import io.mcphub.deploy.runtime.log.RotatingLog;
import io.mcphub.deploy.runtime.mcp.RelayChannel;
import io.mcphub.deploy.runtime.mcp.StdioConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Where a run's standard streams go, the same for a process and a container: for a stdio MCP server stdout is the
 * protocol channel and only stderr is log; for anything else every output stream is log.
 */
public final class Streams {

    private static final int MAX_LOG_LINE_BYTES = 64 * 1024;

    private Streams() {}

    /**
     * Connects a started run's streams.
     *
     * @param relay the instance's MCP channel when it speaks stdio, else null (then {@code stdin} is unused)
     * @param stderr null when it is merged into {@code stdout}
     * @return the protocol connection for a stdio server, else null
     */
    public static StdioConnection wire(String name, RelayChannel relay, RotatingLog log, InputStream stdout,
                                       InputStream stderr, OutputStream stdin) {
        StdioConnection connection = null;
        if (relay != null) {
            StdioConnection[] self = new StdioConnection[1];
            connection = new StdioConnection(stdout, stdin, log, message -> relay.fromServer(self[0], message));
            self[0] = connection;
            connection.start(name);
        } else {
            pump(stdout, log, name);
        }
        if (stderr != null) {
            pump(stderr, log, name + "-err");
        }
        return connection;
    }

    /** Copies {@code output} to the log line by line, on a thread of its own, until it ends. */
    public static void pump(InputStream output, RotatingLog log, String name) {
        Thread.ofVirtual().name("log-pump-" + name).start(() -> {
            LineReader reader = new LineReader(output, MAX_LOG_LINE_BYTES);
            try (output) {
                String line;
                while ((line = reader.readLine()) != null) {
                    log.line(reader.truncated() ? line + " [line cut at " + MAX_LOG_LINE_BYTES + " bytes]" : line);
                }
            } catch (IOException e) {
                // The stream closes when the run is gone; nothing is lost that was written before.
            }
        });
    }
}
