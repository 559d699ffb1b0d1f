package io.mcphub.cli.command.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.cli.hub.HubClient;
import io.mcphub.cli.hub.HubRequest;
import java.time.Instant;

/** The audit routes of docs/api.md, one method each; the only place that knows their URLs. */
public final class AuditApi {
    private static final String BASE = "/api/v1/audit";

    private final HubClient hub;

    public AuditApi(HubClient hub) {
        this.hub = hub;
    }

    /** Null members of the filter are left out of the query: no condition on that field. */
    public record Filter(String actor, String action, String resource, String outcome, Instant since, Instant until,
                         Integer limit) {}

    public JsonNode search(Filter filter) {
        return hub.send(HubRequest.get(BASE)
                .query("actor", filter.actor())
                .query("action", filter.action())
                .query("resource", filter.resource())
                .query("outcome", filter.outcome())
                .query("since", filter.since())
                .query("until", filter.until())
                .query("limit", filter.limit())).json();
    }

    public JsonNode verify() {
        return hub.send(HubRequest.get(BASE + "/verify")).json();
    }
}
