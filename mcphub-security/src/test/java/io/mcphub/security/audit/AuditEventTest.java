package io.mcphub.security.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AuditEventTest {

    @Test
    void builderCarriesEveryField() {
        AuditEvent e = AuditEvent.builder("config.publish").success().actor("alice", "jwt").resource("payment/db")
                .http("PUT", "/api/v1/configs/payment/db", 200).sourceIp("10.0.0.7").requestId("req-1")
                .label("config.version", "4").build();

        assertThat(e.action()).isEqualTo("config.publish");
        assertThat(e.outcome()).isEqualTo(AuditEvent.Outcome.SUCCESS);
        assertThat(e.actor()).isEqualTo("alice");
        assertThat(e.actorVia()).isEqualTo("jwt");
        assertThat(e.resource()).isEqualTo("payment/db");
        assertThat(e.httpMethod()).isEqualTo("PUT");
        assertThat(e.httpStatus()).isEqualTo(200);
        assertThat(e.labels()).containsEntry("config.version", "4");
        assertThat(e.reason()).isNull();
    }

    @Test
    void failureKeepsItsReason() {
        AuditEvent e = AuditEvent.builder("http.denied").failure("admin lacks permission write:config on payment").build();

        assertThat(e.outcome().ecs()).isEqualTo("failure");
        assertThat(e.reason()).isEqualTo("admin lacks permission write:config on payment");
    }

    @Test
    void secretLookingLabelValuesAreRedacted() {
        String jwt = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";
        AuditEvent e = AuditEvent.builder("config.publish").success()
                .label("ref", "secret://payment/db-password")
                .label("token", "mcphub_0123456789abcdef_" + "A".repeat(43))
                .label("bearer", "Bearer " + jwt)
                .label("sealed", "enc:v1:0a1b2c3d:d3JhcHBlZA:c2VhbGVk")
                .label("password", "hunter2")
                .label("config.version", "4")
                .build();

        assertThat(e.labels()).containsEntry("ref", "[redacted]").containsEntry("token", "[redacted]")
                .containsEntry("bearer", "[redacted]").containsEntry("sealed", "[redacted]")
                .containsEntry("password", "[redacted]").containsEntry("config.version", "4");
    }

    @Test
    void secretsInReasonAndPathAreCutOutOfTheText() {
        AuditEvent e = AuditEvent.builder("auth.login").failure("token mcphub_0123456789abcdef_xyzxyzxyz is revoked")
                .http("GET", "/api/v1/secrets/enc:v1:0a1b2c3d:abc:def", 404).build();

        assertThat(e.reason()).isEqualTo("token [redacted] is revoked");
        assertThat(e.httpPath()).isEqualTo("/api/v1/secrets/[redacted]");
    }

    @Test
    void rejectsWhatWouldMakeABadRecord() {
        assertThatThrownBy(() -> AuditEvent.builder("Config Publish").success().build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dotted lower case");
        assertThatThrownBy(() -> AuditEvent.builder("config.publish").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs an outcome");
        assertThatThrownBy(() -> AuditEvent.builder("config.publish").success().label("a b", "x").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label key");
        assertThatThrownBy(() -> AuditEvent.builder("config.publish").success().http("GET", "/", 42).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void labelsAreImmutable() {
        AuditEvent e = AuditEvent.builder("config.publish").success().label("k", "v").build();

        assertThatThrownBy(() -> e.labels().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }
}
