package io.mcphub.deploy.scheduler;

import java.util.Optional;

/** One reason a node may not take a service; each check is one small class, as in Nomad's feasibility iterators. */
interface FeasibilityCheck {

    /** Why {@code node} cannot run {@code demand} at all, or empty when this check has no objection. */
    Optional<String> reject(Demand demand, NodeView node);
}
