package io.mcphub.hub.http;

import io.mcphub.deploy.plan.InstanceChange;
import io.mcphub.deploy.plan.Plan;
import io.mcphub.deploy.plan.ServiceChange;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A plan as the API shows it: per service its action, and per instance what happens where and why. */
final class PlanView {

    private PlanView() {}

    static Map<String, Object> of(Plan plan) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("changes", !plan.isEmpty());
        body.put("services", plan.services().stream().map(PlanView::service).toList());
        return body;
    }

    private static Map<String, Object> service(ServiceChange s) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("service", s.serviceKey());
        v.put("action", s.action().name().toLowerCase(Locale.ROOT));
        v.put("instances", s.instances().stream().map(PlanView::instance).toList());
        return v;
    }

    private static Map<String, Object> instance(InstanceChange c) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("action", c.action().name().toLowerCase(Locale.ROOT));
        v.put("id", c.instanceId());
        v.put("node", c.node());
        v.put("runtime", c.runtime());
        v.put("why", c.why());
        return v;
    }

}
