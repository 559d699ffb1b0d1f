package io.mcphub.gateway.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcphub.deploy.runtime.mcp.JsonRpc;
import io.mcphub.gateway.CallEvent;
import io.mcphub.gateway.GatewayOptions;
import io.mcphub.gateway.UpstreamInstance;
import io.mcphub.gateway.UpstreamService;
import io.mcphub.gateway.downstream.DownstreamException;
import io.mcphub.gateway.downstream.DownstreamSession;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a client request to an instance of its service and the answer back: the {@link Router}'s first choice,
 * then the next one when the instance could not take it (any request) or went away mid-request (requests without
 * side effects only), all within one call timeout, after which the client gets an error and the instance a
 * {@code notifications/cancelled}.
 */
final class Forwarder {

    /**
     * @param safe whether the request has no side effects, so that it may be repeated on another instance after a
     *             connection broke mid-request (lists, reads, gets)
     * @param preferred an instance to try first (where the session subscribed to a resource), or null
     * @param rewrite turns the instance's answer into the client's (namespacing URIs)
     * @param done hears how it ended, after the client was answered
     */
    record Route(GatewaySession session, Reply reply, ObjectNode request, ObjectNode outgoing, UpstreamService service,
                 boolean safe, String preferred, UnaryOperator<ObjectNode> rewrite, Consumer<Result> done) {}

    /** How a forwarded request ended. */
    record Result(ObjectNode response, String failure, UpstreamInstance instance, Pending.Ending ending) {}

    private static final Logger LOG = LoggerFactory.getLogger(Forwarder.class);

    private final Router router;
    private final GatewayOptions options;
    private final ScheduledExecutorService timers;

    Forwarder(Router router, GatewayOptions options, ScheduledExecutorService timers) {
        this.router = router;
        this.options = options;
        this.timers = timers;
    }

    void forward(Route route) {
        JsonNode id = route.request().get("id");
        String key = JsonRpc.idKey(id);
        Pending pending = new Pending(id, route.reply(), timers, options.cancelGrace());
        if (route.session().inFlight.putIfAbsent(key, pending) != null) {
            route.reply().respond(JsonRpc.error(id, JsonRpc.INVALID_REQUEST, "Invalid Request: id " + id
                    + " is already used by a request of this session in flight"));
            return;
        }
        route.reply().track(pending);
        Thread.ofVirtual().name("forward-" + route.service().name()).start(() -> {
            try {
                run(route, pending);
            } finally {
                route.session().inFlight.remove(key, pending);
            }
        });
    }

    private void run(Route route, Pending pending) {
        JsonNode id = pending.clientId;
        String timeoutReason = "no answer from MCP service " + route.service().name() + " within "
                + options.callTimeout().toMillis() + " ms";
        ScheduledFuture<?> timer = timers.schedule(() -> pending.end(CallEvent.Outcome.TIMEOUT, timeoutReason,
                JsonRpc.error(id, JsonRpc.REQUEST_TIMEOUT, timeoutReason + "; the request was cancelled")),
                options.callTimeout().toMillis(), TimeUnit.MILLISECONDS);
        ObjectNode response = null;
        UpstreamInstance used = null;
        List<String> failures = new ArrayList<>();
        try {
            for (UpstreamInstance instance : candidates(route)) {
                if (pending.ending() != null) {
                    break;
                }
                used = instance;
                Router.Lease lease = router.lease(instance);
                try {
                    DownstreamSession session = route.session().downstream(route.service().name(), instance);
                    DownstreamSession.Exchange exchange = new DownstreamSession.Exchange();
                    pending.attach(session, exchange);
                    response = session.request(route.outgoing(),
                            m -> route.session().fromServer(route.service().name(), session, m, route.reply()), exchange);
                    break;
                } catch (DownstreamException e) {
                    failures.add(e.getMessage());
                    boolean retry = e.kind() == DownstreamException.Kind.UNREACHABLE
                            || (route.safe() && e.kind() == DownstreamException.Kind.LOST);
                    if (pending.ending() != null || !retry) {
                        break;
                    }
                    LOG.debug("{} on {} failed over: {}", route.request().path("method").asText(), instance.id(), e.getMessage());
                } finally {
                    lease.close();
                }
            }
        } finally {
            timer.cancel(false);
        }
        String failure = response != null ? null : failures.isEmpty()
                ? "MCP service " + route.service().name() + " has no healthy instance; try again once it is running"
                : "MCP service " + route.service().name() + " could not answer: " + String.join("; ", failures);
        if (response != null) {
            pending.answer(route.rewrite().apply(response));
        } else {
            ObjectNode data = JsonNodeFactory.instance.objectNode().put("service", route.service().name());
            pending.answer(Rpc.error(id, Rpc.UNAVAILABLE, failure, data));
        }
        route.done().accept(new Result(response, failure, used, pending.ending()));
    }

    /** The instance holding the session's subscription first, if any, then the router's order. */
    private List<UpstreamInstance> candidates(Route route) {
        List<UpstreamInstance> order = router.order(route.service());
        if (route.preferred() == null) {
            return order;
        }
        List<UpstreamInstance> preferredFirst = new ArrayList<>(order.size());
        order.stream().filter(i -> i.id().equals(route.preferred())).forEach(preferredFirst::add);
        order.stream().filter(i -> !i.id().equals(route.preferred())).forEach(preferredFirst::add);
        return preferredFirst;
    }
}
