package io.mcphub.gateway.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcphub.deploy.runtime.mcp.JsonRpc;
import io.mcphub.gateway.CallAudit;
import io.mcphub.gateway.CallEvent;
import io.mcphub.gateway.Caller;
import io.mcphub.gateway.GatewayOptions;
import io.mcphub.gateway.RateLimiter;
import io.mcphub.gateway.UpstreamService;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one client request of an initialized session: lists from the {@link Catalog}, calls, reads and gets
 * through the {@link Forwarder}, each after the caller's permission, and every tool call reported to the
 * {@link CallAudit}.
 */
final class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Map<String, Catalog.Kind> LISTS = Map.of("tools/list", Catalog.Kind.TOOLS,
            "prompts/list", Catalog.Kind.PROMPTS, "resources/list", Catalog.Kind.RESOURCES,
            "resources/templates/list", Catalog.Kind.TEMPLATES);

    private final Catalog catalog;
    private final Forwarder forwarder;
    private final RateLimiter limiter;
    private final CallAudit audit;
    private final GatewayOptions options;
    private final UriRewriter rewriter;

    Dispatcher(Catalog catalog, Forwarder forwarder, RateLimiter limiter, CallAudit audit, GatewayOptions options) {
        this.catalog = catalog;
        this.forwarder = forwarder;
        this.limiter = limiter;
        this.audit = audit;
        this.options = options;
        this.rewriter = new UriRewriter(catalog.names());
    }

    /** The context of one request. */
    record Call(GatewaySession session, Caller caller, Reply reply, ObjectNode request) {
        JsonNode id() {
            return request.get("id");
        }

        JsonNode params() {
            return request.path("params");
        }

        void answer(ObjectNode response) {
            reply.respond(response);
        }

        void result(JsonNode result) {
            reply.respond(JsonRpc.result(id(), result));
        }

        void invalidParams(String message) {
            reply.respond(JsonRpc.error(id(), Rpc.INVALID_PARAMS, message));
        }
    }

    void dispatch(Call call) {
        try {
            route(call);
        } catch (RuntimeException e) {
            // A bug of ours must cost one request its answer, never the client its session.
            LOG.error("gateway failure on {} of session {}", call.request().path("method").asText(), call.session().id, e);
            call.answer(JsonRpc.error(call.id(), JsonRpc.INTERNAL_ERROR, "Internal error: the gateway failed on this"
                    + " request; its log has the details (session " + call.session().id + ")"));
        }
    }

    private void route(Call call) {
        String method = call.request().path("method").asText();
        if (!call.params().isMissingNode() && !call.params().isObject()) {
            call.invalidParams("Invalid params: params of " + method + " must be an object");
            return;
        }
        Catalog.Kind list = LISTS.get(method);
        if (list != null) {
            list(call, list);
            return;
        }
        switch (method) {
            case "ping" -> call.result(NODES.objectNode());
            case "tools/call" -> callTool(call);
            case "prompts/get" -> getPrompt(call);
            case "resources/read", "resources/subscribe", "resources/unsubscribe" -> resource(call, method);
            case "completion/complete" -> complete(call);
            case "logging/setLevel" -> setLevel(call);
            case "initialize" -> call.answer(JsonRpc.error(call.id(), JsonRpc.INVALID_REQUEST, "Invalid Request: this"
                    + " session is initialized already; POST initialize without Mcp-Session-Id to start another"));
            default -> call.answer(JsonRpc.error(call.id(), JsonRpc.METHOD_NOT_FOUND, "Method not found: " + method
                    + "; the gateway serves ping, initialize, tools/*, prompts/*, resources/*, completion/complete and"
                    + " logging/setLevel"));
        }
    }

    // ---- lists -------------------------------------------------------------------------------------------------

    private void list(Call call, Catalog.Kind kind) {
        if (call.params().has("cursor")) {
            // Every list comes whole, so no cursor of ours exists.
            call.invalidParams("Invalid params: unknown cursor; the gateway returns " + kind.method + " in one page");
            return;
        }
        ObjectNode result = NODES.objectNode();
        result.set(kind.field, catalog.list(kind, call.session().scope, call.caller()));
        call.result(result);
    }

    // ---- tools/call ----------------------------------------------------------------------------------------------

    private void callTool(Call call) {
        long started = System.nanoTime();
        Instant at = Instant.now();
        JsonNode arguments = call.params().get("arguments");
        JsonNode nameNode = call.params().get("name");
        if (nameNode == null || !nameNode.isTextual()) {
            call.invalidParams("Invalid params: tools/call needs params.name, the name of a tool from tools/list");
            record(at, started, call, null, "?", null, CallEvent.Outcome.INVALID, "no tool name", arguments);
            return;
        }
        String name = nameNode.asText();
        Scope scope = call.session().scope;
        Catalog.Target target = catalog.find(Catalog.Kind.TOOLS, scope, name);
        if (target == null) {
            String message = "Unknown tool: " + name + Suggest.hint(name, catalog.visibleNames(Catalog.Kind.TOOLS, scope, call.caller()));
            call.answer(Rpc.error(call.id(), Rpc.INVALID_PARAMS, message, NODES.objectNode().put("tool", name)));
            record(at, started, call, null, name, null, CallEvent.Outcome.INVALID, message, arguments);
            return;
        }
        String service = target.service().name();
        String tool = target.item().key();
        if (!call.caller().mayUse(service) || !call.caller().mayCall(service, tool)) {
            String permission = Caller.toolPermission(service, tool);
            String message = "Forbidden: " + call.caller().name() + " lacks permission " + permission + " to call " + name;
            call.answer(Rpc.error(call.id(), Rpc.FORBIDDEN, message, NODES.objectNode().put("permission", permission)));
            record(at, started, call, service, tool, null, CallEvent.Outcome.DENIED, message, arguments);
            return;
        }
        RateLimiter.Decision decision = limiter.acquire(call.caller(), service, tool);
        if (!decision.allowed()) {
            long retryMs = decision.retryAfter() == null ? 1000 : decision.retryAfter().toMillis();
            String message = "Rate limited: " + (decision.reason() == null ? "too many calls of " + name : decision.reason())
                    + "; retry in " + retryMs + " ms";
            call.answer(Rpc.error(call.id(), Rpc.RATE_LIMITED, message, NODES.objectNode().put("retryAfterMs", retryMs)));
            record(at, started, call, service, tool, null, CallEvent.Outcome.RATE_LIMITED, message, arguments);
            return;
        }
        ObjectNode outgoing = scope.namespaced() ? withParam(call.request(), "name", tool) : call.request();
        forward(call, target.service(), outgoing, false, null, rewriter.toolResult(scope, service),
                result -> recordCall(at, started, call, service, tool, arguments, result));
    }

    private void recordCall(Instant at, long started, Call call, String service, String tool, JsonNode arguments,
                            Forwarder.Result result) {
        String instance = result.instance() == null ? null : result.instance().id();
        ObjectNode response = result.response();
        String downstreamError = response == null ? null : response.path("error").path("message").asText(null);
        CallEvent.Outcome outcome;
        String error;
        if (result.ending() != null) {
            outcome = result.ending().outcome();
            error = result.ending().reason() + (downstreamError != null ? "; the instance answered: " + downstreamError
                    : "; the instance did not acknowledge the cancellation within " + options.cancelGrace().toMillis() + " ms");
        } else if (response == null) {
            outcome = CallEvent.Outcome.FAILED;
            error = result.failure();
        } else if (downstreamError != null) {
            outcome = CallEvent.Outcome.FAILED;
            error = downstreamError;
        } else if (response.path("result").path("isError").asBoolean(false)) {
            // The tool's own error text may quote its inputs; the audit trail keeps the fact, not the words.
            outcome = CallEvent.Outcome.TOOL_ERROR;
            error = "the tool answered with isError: true";
        } else {
            outcome = CallEvent.Outcome.OK;
            error = null;
        }
        record(at, started, call, service, tool, instance, outcome, error, arguments);
    }

    private void record(Instant at, long started, Call call, String service, String tool, String instance,
                        CallEvent.Outcome outcome, String error, JsonNode arguments) {
        CallEvent event = new CallEvent(at, call.caller().name(), call.session().id, service, tool, instance,
                Duration.ofNanos(System.nanoTime() - started), outcome, error,
                options.auditArguments() ? SecretMask.mask(arguments) : null);
        try {
            audit.record(event);
        } catch (RuntimeException e) {
            LOG.warn("the call audit failed to record a call of {} by {}: {}", tool, event.actor(), e.toString());
        }
    }

    // ---- prompts, resources, completion ---------------------------------------------------------------------------

    private void getPrompt(Call call) {
        JsonNode name = call.params().get("name");
        if (name == null || !name.isTextual()) {
            call.invalidParams("Invalid params: prompts/get needs params.name, the name of a prompt from prompts/list");
            return;
        }
        Scope scope = call.session().scope;
        Catalog.Target target = catalog.find(Catalog.Kind.PROMPTS, scope, name.asText());
        if (target == null || !call.caller().mayUse(target.service().name())) {
            call.invalidParams("Unknown prompt: " + name.asText()
                    + Suggest.hint(name.asText(), catalog.visibleNames(Catalog.Kind.PROMPTS, scope, call.caller())));
            return;
        }
        ObjectNode outgoing = scope.namespaced() ? withParam(call.request(), "name", target.item().key()) : call.request();
        forward(call, target.service(), outgoing, true, null, rewriter.promptResult(scope, target.service().name()), r -> { });
    }

    private void resource(Call call, String method) {
        JsonNode uri = call.params().get("uri");
        if (uri == null || !uri.isTextual()) {
            call.invalidParams("Invalid params: " + method + " needs params.uri, a URI from resources/list");
            return;
        }
        Located located = locate(call, uri.asText());
        if (located == null) {
            return;
        }
        ObjectNode outgoing = call.session().scope.namespaced() ? withParam(call.request(), "uri", located.uri()) : call.request();
        String service = located.service().name();
        GatewaySession session = call.session();
        String clientUri = uri.asText();
        switch (method) {
            case "resources/read" -> forward(call, located.service(), outgoing, true, null,
                    rewriter.readResult(session.scope, service), r -> { });
            case "resources/subscribe" -> forward(call, located.service(), outgoing, true, null, UnaryOperator.identity(),
                    r -> {
                        // Updates come from the instance that holds the subscription; unsubscribing goes there too.
                        if (r.response() != null && r.response().has("result")) {
                            session.subscriptions.put(clientUri, r.instance().id());
                        }
                    });
            default -> forward(call, located.service(), outgoing, true, session.subscriptions.remove(clientUri),
                    UnaryOperator.identity(), r -> { });
        }
    }

    private void complete(Call call) {
        JsonNode ref = call.params().path("ref");
        Scope scope = call.session().scope;
        switch (ref.path("type").asText()) {
            case "ref/prompt" -> {
                String name = ref.path("name").asText();
                Catalog.Target target = catalog.find(Catalog.Kind.PROMPTS, scope, name);
                if (target == null || !call.caller().mayUse(target.service().name())) {
                    call.invalidParams("Unknown prompt: " + name);
                    return;
                }
                forward(call, target.service(), withRef(call, scope, "name", target.item().key()), true, null,
                        UnaryOperator.identity(), r -> { });
            }
            case "ref/resource" -> {
                Located located = locate(call, ref.path("uri").asText());
                if (located != null) {
                    forward(call, located.service(), withRef(call, scope, "uri", located.uri()), true, null,
                            UnaryOperator.identity(), r -> { });
                }
            }
            default -> call.invalidParams("Invalid params: completion/complete needs params.ref of type ref/prompt or"
                    + " ref/resource");
        }
    }

    private void setLevel(Call call) {
        JsonNode level = call.params().get("level");
        if (level == null || !level.isTextual()) {
            call.invalidParams("Invalid params: logging/setLevel needs params.level, e.g. \"info\"");
            return;
        }
        call.session().logLevel(level.asText());
        call.result(NODES.objectNode());
    }

    /** A resource's service and its URI as the service knows it. */
    private record Located(UpstreamService service, String uri) {}

    private Located locate(Call call, String uri) {
        Scope scope = call.session().scope;
        UpstreamService service;
        String original;
        if (scope.namespaced()) {
            Names.ResourceUri parsed = Names.parseUri(uri);
            if (parsed == null) {
                call.invalidParams("Unknown resource: " + uri + "; resources on this endpoint are named "
                        + Names.URI_PREFIX + "SERVICE/URI, as resources/list shows them");
                return null;
            }
            service = catalog.offered(scope, parsed.service());
            original = parsed.uri();
        } else {
            service = catalog.offered(scope, ((Scope.Service) scope).name());
            original = uri;
        }
        if (service == null || !call.caller().mayUse(service.name())) {
            call.invalidParams("Unknown resource: " + uri + " (no such MCP service on this endpoint)");
            return null;
        }
        return new Located(service, original);
    }

    private void forward(Call call, UpstreamService service, ObjectNode outgoing, boolean safe, String preferred,
                         UnaryOperator<ObjectNode> rewrite, Consumer<Forwarder.Result> done) {
        forwarder.forward(new Forwarder.Route(call.session(), call.reply(), call.request(), outgoing, service, safe,
                preferred, rewrite, done));
    }

    /** A shallow copy with one parameter replaced: arguments, however large, are shared, not copied. */
    static ObjectNode withParam(ObjectNode request, String field, String value) {
        ObjectNode copy = request.objectNode();
        copy.setAll(request);
        ObjectNode params = request.objectNode();
        params.setAll((ObjectNode) request.get("params"));
        params.put(field, value);
        copy.set("params", params);
        return copy;
    }

    private static ObjectNode withRef(Call call, Scope scope, String field, String value) {
        if (!scope.namespaced()) {
            return call.request();
        }
        ObjectNode copy = withParam(call.request(), "ref", "");
        ObjectNode ref = copy.objectNode();
        ref.setAll((ObjectNode) call.params().get("ref"));
        ref.put(field, value);
        ((ObjectNode) copy.get("params")).set("ref", ref);
        return copy;
    }
}
