package io.mcphub.hub.http;

import static io.mcphub.hub.http.Access.requires;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.mcphub.core.Json;
import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import io.mcphub.core.text.Suggestions;
import io.mcphub.hub.agents.AgentLinks;
import io.mcphub.hub.cluster.Deployments;
import io.mcphub.hub.cluster.InstanceRecord;
import io.mcphub.hub.cluster.Instances;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code GET /api/v1/services/NAME/logs?instance=ID&tail=N&follow=true}: the captured output of a service's
 * instances, fetched from their agents over mTLS, as NDJSON {@code {"instance": ID, "line": …}} interleaved as the
 * lines arrive. While following, the agents' keep-alives pass through as {@code {}}: writing them is how a reader
 * that hung up is noticed when the log is quiet, so its follows on the nodes end too.
 */
public final class LogRoutes implements RouteGroup {

    private final Deployments deployments;
    private final Instances instances;
    private final AgentLinks agents;

    private static final byte[] KEEP_ALIVE = "{}\n".getBytes(StandardCharsets.UTF_8);

    /** One line of one instance's log, as the API sends it. */
    public record Line(String instance, String line) {}

    public LogRoutes(Deployments deployments, Instances instances, AgentLinks agents) {
        this.deployments = deployments;
        this.instances = instances;
        this.agents = agents;
    }

    @Override
    public List<ApiRoute> routes() {
        return List.of(ApiRoute.get("/api/v1/services/<name>/logs", requires("read:service", "name"), "service.logs", this::logs));
    }

    private void logs(Context ctx) throws IOException {
        List<InstanceRecord> sources = sources(ctx.pathParam("name"), ctx.queryParam("instance"));
        String query = "?tail=" + Params.intInRange(ctx, "tail", 0, 10_000, 100)
                + "&follow=" + Boolean.parseBoolean(ctx.queryParam("follow"));
        List<HttpResponse<InputStream>> streams = new ArrayList<>();
        try {
            for (InstanceRecord i : sources) {
                streams.add(open(i, query));
            }
            ctx.contentType("application/x-ndjson; charset=utf-8");
            OutputStream out = ctx.res().getOutputStream();
            out.flush();
            CountDownLatch done = new CountDownLatch(streams.size());
            for (int k = 0; k < streams.size(); k++) {
                InstanceRecord i = sources.get(k);
                HttpResponse<InputStream> stream = streams.get(k);
                Thread.ofVirtual().name("logs-" + i.id()).start(() -> {
                    try {
                        copy(stream.body(), out, i.id());
                    } finally {
                        done.countDown();
                    }
                });
            }
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            for (HttpResponse<InputStream> s : streams) {
                s.body().close(); // ends the agents' follows when our reader has gone
            }
        }
    }

    private List<InstanceRecord> sources(String service, String instance) {
        String stack = deployments.stackOfService(service).name();
        String name = Deployments.serviceOnly(service);
        List<InstanceRecord> all = instances.ofStack(stack).stream().filter(i -> i.service().equals(name)).toList();
        if (instance == null) {
            if (all.isEmpty()) {
                throw new ProblemException(ProblemType.NOT_FOUND, "service " + service + " has no instances; scale it up"
                        + " with 'mcphub service scale " + service + " --replicas 1'");
            }
            return all;
        }
        return all.stream().filter(i -> i.id().equals(instance)).findFirst().map(List::of)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "service " + service + " has no instance \""
                        + instance + "\"" + Suggestions.hint(instance, all.stream().map(InstanceRecord::id).toList())
                        + "; its instances are " + all.stream().map(InstanceRecord::id).toList()));
    }

    private HttpResponse<InputStream> open(InstanceRecord i, String query) {
        AgentLinks.Link link = agents.to(i.node());
        HttpRequest request = HttpRequest.newBuilder(link.resolve("instances/" + URLEncoder.encode(i.id(), StandardCharsets.UTF_8)
                + "/logs" + query)).GET().build();
        try {
            HttpResponse<InputStream> response = link.client().send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                response.body().close();
                throw new ProblemException(ProblemType.NOT_FOUND, "node " + i.node() + " has no log for instance " + i.id()
                        + " yet (HTTP " + response.statusCode() + "); it may not have started there — see 'mcphub service describe "
                        + i.serviceKey() + "'");
            }
            return response;
        } catch (IOException e) {
            throw new ProblemException(ProblemType.NODE_UNREACHABLE, "cannot reach node " + i.node() + " for the log of "
                    + i.id() + " (" + e.getMessage() + "); check that its agent runs ('mcphub node list')");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(ProblemType.NODE_UNREACHABLE, "interrupted while reaching node " + i.node());
        }
    }

    /** The agent's events, each tagged with the instance; a failed write (the reader left) ends the copy. */
    private static void copy(InputStream in, OutputStream out, String instance) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String event; (event = reader.readLine()) != null; ) {
                JsonNode line = Json.tree(event.getBytes(StandardCharsets.UTF_8)).get("line");
                byte[] text = line == null ? KEEP_ALIVE : Json.line(new Line(instance, line.asText()));
                synchronized (out) {
                    out.write(text);
                    out.flush();
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // the agent or the reader went away; the other streams go on until theirs do
        }
    }
}
