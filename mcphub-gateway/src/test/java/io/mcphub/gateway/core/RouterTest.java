package io.mcphub.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.gateway.UpstreamInstance;
import io.mcphub.gateway.UpstreamService;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouterTest {

    private static UpstreamInstance instance(String id, boolean healthy) {
        return new UpstreamInstance(id, "node", URI.create("http://127.0.0.1:1/instances/" + id + "/mcp"), healthy);
    }

    private final UpstreamService service = new UpstreamService("svc", Set.of(),
            List.of(instance("a", true), instance("b", true), instance("c", false)));

    @Test
    void idleInstancesTakeTurnsAndUnhealthyOnesNever() {
        Router router = new Router();
        List<String> firsts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            List<UpstreamInstance> order = router.order(service);
            assertThat(order).extracting(UpstreamInstance::id).doesNotContain("c").hasSize(2);
            firsts.add(order.getFirst().id());
        }
        assertThat(firsts).containsExactly("a", "b", "a", "b");
    }

    @Test
    void theLeastBusyInstanceComesFirst() {
        Router router = new Router();
        Router.Lease busy = router.lease(service.instances().getFirst());
        for (int i = 0; i < 3; i++) {
            assertThat(router.order(service)).extracting(UpstreamInstance::id).containsExactly("b", "a");
        }
        busy.close();
        assertThat(router.load(service.instances().getFirst())).isZero();
    }

    @Test
    void aDrainedInstanceGetsNoNewRequestButKeepsCountingThoseInFlight() {
        Router router = new Router();
        Router.Lease inFlight = router.lease(service.instances().getFirst());
        router.drain("a");
        for (int i = 0; i < 3; i++) {
            assertThat(router.order(service)).extracting(UpstreamInstance::id).containsExactly("b");
        }
        assertThat(router.inFlight("a")).isEqualTo(1);
        inFlight.close();
        assertThat(router.inFlight("a")).isZero();
        router.resume("a");
        assertThat(router.order(service)).extracting(UpstreamInstance::id).containsExactlyInAnyOrder("a", "b");
    }
}
