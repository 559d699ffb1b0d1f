package io.mcphub.deploy.bridge;

import io.javalin.http.Context;
import io.mcphub.core.Json;
import io.mcphub.deploy.runtime.Subscription;
import io.mcphub.deploy.runtime.log.LogReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * {@code GET /instances/{instanceId}/logs?tail=N&follow=true}: an instance's captured output as NDJSON, one
 * {@code {"line": …}} per log line. Following keeps the response open and sends {@code {}} when the log is quiet,
 * so a reader that went away is noticed at the next write instead of holding a thread forever.
 */
final class LogEndpoint {

    static final String PATH = "/instances/{instanceId}/logs";
    static final int DEFAULT_TAIL = 100;
    static final int MAX_TAIL = 10_000;
    private static final byte[] KEEP_ALIVE = "{}\n".getBytes(StandardCharsets.UTF_8);

    private final Function<String, Optional<LogReader>> logs;
    private final Duration keepAlive;

    LogEndpoint(Function<String, Optional<LogReader>> logs, Duration keepAlive) {
        this.logs = logs;
        this.keepAlive = keepAlive;
    }

    void get(Context ctx) throws IOException {
        String id = ctx.pathParam("instanceId");
        Optional<LogReader> reader = logs.apply(id);
        if (reader.isEmpty()) {
            ctx.status(404).json(Map.of("detail", "no instance " + id + " on this agent; list instances with 'mcphub service list'"));
            return;
        }
        int tail = Math.clamp(ctx.queryParamAsClass("tail", Integer.class).getOrDefault(DEFAULT_TAIL), 0, MAX_TAIL);
        boolean follow = Boolean.parseBoolean(ctx.queryParam("follow"));
        ctx.contentType("application/x-ndjson; charset=utf-8");
        OutputStream out = ctx.res().getOutputStream();
        if (!follow) {
            for (String line : reader.get().tail(tail)) {
                out.write(event(line));
            }
            out.flush();
            return;
        }
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        try (Subscription ignored = reader.get().follow(tail, lines::add)) {
            out.flush();
            while (true) {
                String line = lines.poll(keepAlive.toMillis(), TimeUnit.MILLISECONDS);
                out.write(line == null ? KEEP_ALIVE : event(line));
                for (String more; (more = lines.poll()) != null; ) {
                    out.write(event(more));
                }
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException gone) {
            // the reader hung up; following ends with it
        }
    }

    private static byte[] event(String line) {
        return Json.line(Map.of("line", line));
    }
}
