package io.mcphub.deploy.plan;

import io.mcphub.deploy.scheduler.Demand;

/** A service as an apply wants it: its spec's hash (a change replaces its instances) and what it asks of nodes. */
public record DesiredService(String serviceKey, String specHash, Demand demand) {}
