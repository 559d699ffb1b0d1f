package io.mcphub.gateway.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcphub.deploy.runtime.mcp.JsonRpc;
import io.mcphub.gateway.Caller;
import io.mcphub.gateway.UpstreamInstance;
import io.mcphub.gateway.UpstreamService;
import io.mcphub.gateway.downstream.DownstreamException;
import io.mcphub.gateway.downstream.DownstreamSession;
import io.mcphub.gateway.downstream.Downstreams;
import io.mcphub.gateway.downstream.Hello;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every service offers: its tools, prompts, resources and resource templates, each as the service lists it
 * and as the gateway lists it (namespaced, see {@link Names}). Each service is listed through a session of the
 * gateway's own on one healthy instance (instances of a service run the same server), following pagination to
 * the end; it is listed again when the server says a list changed and when the upstream set changes. Whenever a
 * service's lists come, go or change, the {@link Listener} hears which kinds changed.
 */
public final class Catalog implements AutoCloseable {

    public enum Kind {
        TOOLS("tools/list", "tools", "tools", "name", "notifications/tools/list_changed"),
        PROMPTS("prompts/list", "prompts", "prompts", "name", "notifications/prompts/list_changed"),
        RESOURCES("resources/list", "resources", "resources", "uri", "notifications/resources/list_changed"),
        TEMPLATES("resources/templates/list", "resourceTemplates", "resources", "uriTemplate",
                "notifications/resources/list_changed");

        public final String method;
        public final String field;
        final String capability;
        final String key;
        public final String changed;

        Kind(String method, String field, String capability, String key, String changed) {
            this.method = method;
            this.field = field;
            this.capability = capability;
            this.key = key;
            this.changed = changed;
        }
    }

    /** One listed thing: its own name (or URI, or URI template), as the service lists it and as the gateway does. */
    public record Item(String key, ObjectNode original, ObjectNode namespaced) {}

    /** A tool or prompt found by the name a client used. */
    public record Target(UpstreamService service, Item item) {}

    @FunctionalInterface
    public interface Listener {
        void changed(UpstreamService service, Set<Kind> kinds);
    }

    private static final Logger LOG = LoggerFactory.getLogger(Catalog.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_PAGES = 1000;
    private static final Duration RETRY_MAX = Duration.ofSeconds(30);

    private final Downstreams downstreams;
    private final Names names;
    private final String separator;
    private final Duration requestTimeout;
    private final ScheduledExecutorService timers;
    private final Hello hello;
    private final Listener listener;
    private final Map<String, Entry> entries = new ConcurrentSkipListMap<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile Map<String, UpstreamService> upstreams = Map.of();
    private volatile boolean closed;

    /** A service's state: where it is listed from and what it lists. */
    private static final class Entry {
        volatile UpstreamService service;
        volatile DownstreamSession session;
        volatile Map<Kind, Map<String, Item>> lists = emptyLists();
        volatile boolean loaded;
        volatile ScheduledFuture<?> retry;
        int failures;

        Entry(UpstreamService service) {
            this.service = service;
        }
    }

    public Catalog(Downstreams downstreams, String separator, Duration requestTimeout, ScheduledExecutorService timers,
                   Hello hello, Listener listener) {
        this.downstreams = downstreams;
        this.names = new Names(separator);
        this.separator = separator;
        this.requestTimeout = requestTimeout;
        this.timers = timers;
        this.hello = hello;
        this.listener = listener;
    }

    // ---- the upstream set -------------------------------------------------------------------------------------

    /** Takes in the current upstream set: new services are listed, gone ones dropped, moved ones re-listed. */
    public synchronized void sync(List<UpstreamService> services) {
        if (closed) {
            return;
        }
        Map<String, UpstreamService> byName = new LinkedHashMap<>();
        for (UpstreamService service : services) {
            byName.put(service.name(), service);
        }
        upstreams = Collections.unmodifiableMap(byName);
        for (UpstreamService service : services) {
            Entry entry = entries.get(service.name());
            if (!service.hasHealthyInstance()) {
                if (entry != null) {
                    drop(entry);
                }
            } else if (entry == null) {
                Entry added = new Entry(service);
                entries.put(service.name(), added);
                refreshLater(added, EnumSet.allOf(Kind.class), Duration.ZERO);
            } else {
                entry.service = service;
                DownstreamSession session = entry.session;
                if (session != null && !isHealthyIn(service, session.instance().id())) {
                    // The instance it was listed from is gone: list it again from another one.
                    entry.session = null;
                    session.close();
                    refreshLater(entry, EnumSet.allOf(Kind.class), Duration.ZERO);
                }
            }
        }
        for (Entry entry : List.copyOf(entries.values())) {
            if (!byName.containsKey(entry.service.name())) {
                drop(entry);
            }
        }
    }

    /** A service as the upstream set has it (healthy or not), or null. */
    public UpstreamService upstream(String name) {
        return upstreams.get(name);
    }

    public Map<String, UpstreamService> upstreams() {
        return upstreams;
    }

    /** Whether the service's lists have been read at least once. */
    public boolean loaded(String service) {
        Entry entry = entries.get(service);
        return entry != null && entry.loaded;
    }

    private void drop(Entry entry) {
        entries.remove(entry.service.name(), entry);
        cancelRetry(entry);
        DownstreamSession session = entry.session;
        if (session != null) {
            session.close();
        }
        Set<Kind> had = EnumSet.noneOf(Kind.class);
        entry.lists.forEach((kind, items) -> {
            if (!items.isEmpty()) {
                had.add(kind);
            }
        });
        if (!had.isEmpty()) {
            listener.changed(entry.service, had);
        }
    }

    private static boolean isHealthyIn(UpstreamService service, String instanceId) {
        return service.instances().stream().anyMatch(i -> i.healthy() && i.id().equals(instanceId));
    }

    // ---- listing ------------------------------------------------------------------------------------------------

    private void refreshLater(Entry entry, Set<Kind> kinds, Duration delay) {
        Runnable task = () -> Thread.ofVirtual().name("catalog-" + entry.service.name()).start(() -> refresh(entry, kinds));
        if (delay.isZero()) {
            task.run();
        } else {
            cancelRetry(entry);
            entry.retry = timers.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static void cancelRetry(Entry entry) {
        ScheduledFuture<?> retry = entry.retry;
        if (retry != null) {
            retry.cancel(false);
        }
    }

    /** Lists the given kinds again; one refresh per service at a time, so lists never go back in time. */
    private void refresh(Entry entry, Set<Kind> kinds) {
        synchronized (entry) {
            if (closed || entries.get(entry.service.name()) != entry) {
                return;
            }
            try {
                DownstreamSession session = session(entry);
                JsonNode capabilities = session.initializeResult().path("capabilities");
                Map<Kind, Map<String, Item>> lists = new EnumMap<>(entry.lists);
                Set<Kind> changed = EnumSet.noneOf(Kind.class);
                for (Kind kind : kinds) {
                    Map<String, Item> items = capabilities.has(kind.capability) ? list(entry, session, kind) : Map.of();
                    if (!sameItems(items, lists.get(kind))) {
                        changed.add(kind);
                    }
                    lists.put(kind, items);
                }
                entry.lists = lists;
                entry.loaded = true;
                entry.failures = 0;
                if (!changed.isEmpty() && entries.get(entry.service.name()) == entry) {
                    listener.changed(entry.service, changed);
                }
            } catch (DownstreamException e) {
                DownstreamSession session = entry.session;
                entry.session = null;
                if (session != null) {
                    session.close();
                }
                Duration delay = Duration.ofMillis(Math.min(RETRY_MAX.toMillis(), 250L << Math.min(entry.failures++, 10)));
                LOG.warn("MCP service {}: could not list what it offers ({}); trying again in {} ms",
                        entry.service.name(), e.getMessage(), delay.toMillis());
                refreshLater(entry, kinds, delay);
            }
        }
    }

    private DownstreamSession session(Entry entry) {
        DownstreamSession session = entry.session;
        if (session != null) {
            return session;
        }
        List<UpstreamInstance> healthy = entry.service.instances().stream().filter(UpstreamInstance::healthy).toList();
        if (healthy.isEmpty()) {
            throw new DownstreamException(DownstreamException.Kind.UNREACHABLE, "no healthy instance");
        }
        // Spread the listing sessions over the instances rather than always loading the first.
        UpstreamInstance instance = healthy.get(Math.floorMod(entry.failures, healthy.size()));
        session = downstreams.open(instance, hello, (from, message) -> fromServer(entry, from, message));
        entry.session = session;
        return session;
    }

    private Map<String, Item> list(Entry entry, DownstreamSession session, Kind kind) {
        Map<String, Item> items = new LinkedHashMap<>();
        String service = entry.service.name();
        String cursor = null;
        Set<String> cursors = new HashSet<>();
        int pages = 0;
        do {
            ObjectNode params = NODES.objectNode();
            if (cursor != null) {
                params.put("cursor", cursor);
            }
            ObjectNode request = NODES.objectNode().put("jsonrpc", "2.0").put("id", "mcphub-list-" + ids.incrementAndGet())
                    .put("method", kind.method);
            request.set("params", params);
            DownstreamSession.Exchange exchange = new DownstreamSession.Exchange();
            ScheduledFuture<?> timeout = timers.schedule(exchange::abort, requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
            ObjectNode response;
            try {
                response = session.request(request, m -> { }, exchange);
            } finally {
                timeout.cancel(false);
            }
            JsonNode result = response.get("result");
            if (result == null) {
                throw new DownstreamException(DownstreamException.Kind.PROTOCOL, kind.method + " failed: "
                        + response.path("error").path("message").asText("no result"));
            }
            for (JsonNode node : result.path(kind.field)) {
                String key = node.path(kind.key).asText(null);
                if (node.isObject() && key != null) {
                    items.put(key, new Item(key, (ObjectNode) node, namespaced(service, kind, (ObjectNode) node, key)));
                }
            }
            cursor = result.path("nextCursor").asText(null);
            // A server that hands out the same cursor twice would keep us listing forever.
        } while (cursor != null && cursors.add(cursor) && ++pages < MAX_PAGES);
        return Collections.unmodifiableMap(items);
    }

    private ObjectNode namespaced(String service, Kind kind, ObjectNode original, String key) {
        ObjectNode copy = original.deepCopy();
        switch (kind) {
            case TOOLS, PROMPTS -> copy.put(kind.key, names.name(service, key));
            case RESOURCES, TEMPLATES -> copy.put(kind.key, names.uri(service, key));
        }
        return copy;
    }

    /** What the listing session hears: list changes trigger a new listing; requests get a plain answer. */
    private void fromServer(Entry entry, DownstreamSession from, ObjectNode message) {
        String method = message.path("method").asText();
        if (JsonRpc.kind(message) == JsonRpc.Kind.REQUEST) {
            from.send(switch (method) {
                case "ping" -> JsonRpc.result(message.get("id"), NODES.objectNode());
                case "roots/list" -> JsonRpc.result(message.get("id"), NODES.objectNode().set("roots", NODES.arrayNode()));
                default -> JsonRpc.error(message.get("id"), JsonRpc.METHOD_NOT_FOUND, "the gateway lists what this"
                        + " server offers on this session and answers no " + method);
            });
            return;
        }
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        for (Kind kind : Kind.values()) {
            if (kind.changed.equals(method)) {
                kinds.add(kind);
            }
        }
        if (!kinds.isEmpty()) {
            refreshLater(entry, kinds, Duration.ZERO);
        }
    }

    private static boolean sameItems(Map<String, Item> a, Map<String, Item> b) {
        if (b == null || a.size() != b.size()) {
            return false;
        }
        List<ObjectNode> left = a.values().stream().map(Item::original).toList();
        List<ObjectNode> right = b.values().stream().map(Item::original).toList();
        return left.equals(right);
    }

    private static Map<Kind, Map<String, Item>> emptyLists() {
        Map<Kind, Map<String, Item>> lists = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            lists.put(kind, Map.of());
        }
        return lists;
    }

    // ---- what clients see ---------------------------------------------------------------------------------------

    /** A list as {@code caller} sees it on an endpoint: services it may use, tools it may call. */
    public ArrayNode list(Kind kind, Scope scope, Caller caller) {
        ArrayNode out = NODES.arrayNode();
        for (Entry entry : entries.values()) {
            String service = entry.service.name();
            if (!scope.includes(entry.service) || !caller.mayUse(service)) {
                continue;
            }
            for (Item item : entry.lists.get(kind).values()) {
                if (kind != Kind.TOOLS || caller.mayCall(service, item.key())) {
                    out.add(scope.namespaced() ? item.namespaced() : item.original());
                }
            }
        }
        return out;
    }

    /** The names a client could have meant, for "did you mean". */
    public List<String> visibleNames(Kind kind, Scope scope, Caller caller) {
        List<String> names = new ArrayList<>();
        list(kind, scope, caller).forEach(item -> names.add(item.path(kind.key).asText()));
        return names;
    }

    /** The tool or prompt a client named on an endpoint, or null; permissions are the caller's business. */
    public Target find(Kind kind, Scope scope, String name) {
        String service;
        String key;
        if (scope.namespaced()) {
            int cut = name.indexOf(separator);
            if (cut <= 0) {
                return null;
            }
            service = name.substring(0, cut);
            key = name.substring(cut + separator.length());
        } else {
            service = ((Scope.Service) scope).name();
            key = name;
        }
        Entry entry = entries.get(service);
        if (entry == null || !scope.includes(entry.service)) {
            return null;
        }
        Item item = entry.lists.get(kind).get(key);
        return item == null ? null : new Target(entry.service, item);
    }

    /** The service offered on an endpoint under this name, or null. */
    public UpstreamService offered(Scope scope, String service) {
        Entry entry = entries.get(service);
        return entry == null || !scope.includes(entry.service) ? null : entry.service;
    }

    public Names names() {
        return names;
    }

    @Override
    public synchronized void close() {
        closed = true;
        entries.values().forEach(entry -> {
            cancelRetry(entry);
            DownstreamSession session = entry.session;
            if (session != null) {
                session.close();
            }
        });
        entries.clear();
    }
}
