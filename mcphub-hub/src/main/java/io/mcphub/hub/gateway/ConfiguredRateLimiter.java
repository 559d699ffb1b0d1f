package io.mcphub.hub.gateway;

import io.mcphub.gateway.Caller;
import io.mcphub.gateway.RateLimiter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The gateway's rate limits, from the rules in the {@code gateway} document: a token bucket per rule and per
 * service, tool and caller, so a burst up to the limit passes and then calls are spaced evenly. New rules apply to
 * the next call; their buckets start full.
 */
final class ConfiguredRateLimiter implements RateLimiter {

    private final Supplier<GatewaySettings> settings;
    private final Map<BucketKey, Bucket> buckets = new ConcurrentHashMap<>();
    private volatile List<GatewaySettings.RateRule> seenRules = List.of();

    private record BucketKey(GatewaySettings.RateRule rule, String service, String tool, String caller) {}

    ConfiguredRateLimiter(Supplier<GatewaySettings> settings) {
        this.settings = settings;
    }

    @Override
    public Decision acquire(Caller caller, String service, String tool) {
        List<GatewaySettings.RateRule> rules = settings.get().rateLimits();
        if (rules != seenRules) {
            buckets.keySet().removeIf(k -> !rules.contains(k.rule()));
            seenRules = rules;
        }
        for (GatewaySettings.RateRule rule : rules) {
            if (rule.matches(service, tool, caller.name())) {
                Bucket bucket = buckets.computeIfAbsent(new BucketKey(rule, service, tool, caller.name()), k -> new Bucket(rule));
                Duration wait = bucket.take();
                if (wait != null) {
                    return Decision.refuse(wait, "rate limit of " + rule.limit() + " calls per " + rule.per().toString()
                            .substring(2).toLowerCase() + " for " + service + "/" + tool + " reached for " + caller.name()
                            + "; retry in " + Math.max(1, wait.toMillis()) + " ms");
                }
            }
        }
        return Decision.ALLOW;
    }

    private static final class Bucket {
        private final double capacity;
        private final double perNano;
        private double tokens;
        private long last = System.nanoTime();

        Bucket(GatewaySettings.RateRule rule) {
            this.capacity = rule.limit();
            this.perNano = rule.limit() / (double) rule.per().toNanos();
            this.tokens = capacity;
        }

        /** Null when a call may go now, else how long until one may. */
        synchronized Duration take() {
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - last) * perNano);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return null;
            }
            return Duration.ofNanos((long) Math.ceil((1 - tokens) / perNano));
        }
    }
}
