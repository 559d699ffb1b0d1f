/**
 * The hub's metrics: one Micrometer registry per hub ({@link io.mcphub.hub.metrics.HubMetrics}), scraped by
 * Prometheus at {@code GET /api/v1/metrics} ({@link io.mcphub.hub.metrics.MetricsRoutes}) with a token that holds
 * {@code read:metrics}. Labels carry only bounded, non-secret values: route templates, methods, statuses, service
 * names, outcomes, configuration keys (capped), states.
 */
package io.mcphub.hub.metrics;
