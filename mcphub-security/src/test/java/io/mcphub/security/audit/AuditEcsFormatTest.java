package io.mcphub.security.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditEcsFormatTest {

    @Test
    void categoryFollowsTheActionsFamily() {
        assertThat(EcsFormat.category("auth.login")).isEqualTo("authentication");
        assertThat(EcsFormat.category("user.create")).isEqualTo("iam");
        assertThat(EcsFormat.category("token.revoke")).isEqualTo("iam");
        assertThat(EcsFormat.category("policy.apply")).isEqualTo("iam");
        assertThat(EcsFormat.category("config.publish")).isEqualTo("configuration");
        assertThat(EcsFormat.category("http.denied")).isEqualTo("web");
        assertThat(EcsFormat.category("mcp.tool.call")).isEqualTo("web");
    }

    @Test
    void onlyAddressLiteralsGoToSourceIp() {
        assertThat(IpLiteral.is("10.0.0.7")).isTrue();
        assertThat(IpLiteral.is("::1")).isTrue();
        assertThat(IpLiteral.is("::")).isTrue();
        assertThat(IpLiteral.is("fe80::1%eth0")).isTrue();
        assertThat(IpLiteral.is("2001:db8:0:0:0:0:0:1")).isTrue();
        assertThat(IpLiteral.is("::ffff:192.0.2.1")).isTrue();

        assertThat(IpLiteral.is("256.1.1.1")).isFalse();
        assertThat(IpLiteral.is("dead:beef")).isFalse();
        assertThat(IpLiteral.is("1::2::3")).isFalse();
        assertThat(IpLiteral.is(":::")).isFalse();
        assertThat(IpLiteral.is("example.com")).isFalse();
        assertThat(IpLiteral.is("1:2:3:4:5:6:7:8:9")).isFalse();
    }

    @Test
    void absentFieldsAreLeftOutAndTimeHasMilliseconds() {
        ObjectNode doc = EcsFormat.encode(AuditEvent.builder("auth.login").failure("wrong credentials").build(),
                Instant.parse("2025-03-01T10:00:00Z"));

        assertThat(doc.path("@timestamp").asText()).isEqualTo("2025-03-01T10:00:00.000Z");
        assertThat(doc.has("user")).isFalse();
        assertThat(doc.has("source")).isFalse();
        assertThat(doc.has("http")).isFalse();
        assertThat(doc.has("labels")).isFalse();
        assertThat(doc.toString()).doesNotContain("null");
    }

    @Test
    void dottedLabelNamesBecomeFlat() {
        ObjectNode doc = EcsFormat.encode(AuditEvent.builder("config.publish").success()
                .label("config", "payment").label("config.version", "4").build(), Instant.EPOCH);

        assertThat(doc.path("labels").path("config").asText()).isEqualTo("payment");
        assertThat(doc.path("labels").path("config_version").asText()).isEqualTo("4");
    }
}
