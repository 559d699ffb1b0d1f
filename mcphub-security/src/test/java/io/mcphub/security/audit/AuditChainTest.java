package io.mcphub.security.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AuditChainTest {

    @Test
    void hashIsSha256OfPreviousHashAndSortedCompactJsonWithoutTheHash() throws Exception {
        ObjectNode doc = AuditChain.parse("{\"b\":{\"y\":1,\"x\":[2,1]},\"event\":{\"sequence\":1},\"a\":\"é\"}");

        String hash = AuditChain.seal(doc, 1, AuditChain.GENESIS);

        String canonical = "{\"a\":\"é\",\"b\":{\"x\":[2,1],\"y\":1},\"event\":{\"sequence\":1},"
                + "\"mcphub\":{\"audit\":{\"previous_hash\":\"" + AuditChain.GENESIS + "\"}}}";
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest((AuditChain.GENESIS + "\n" + canonical).getBytes(StandardCharsets.UTF_8)));
        assertThat(hash).isEqualTo(expected);
        assertThat(AuditChain.hash(doc)).isEqualTo(expected);
    }

    @Test
    void reformattingALineKeepsItsHashButChangingAValueDoesNot() {
        ObjectNode doc = EcsFormat.encode(AuditEvent.builder("auth.login").success().actor("alice", "jwt").build(),
                Instant.parse("2025-03-01T10:00:00Z"));
        String hash = AuditChain.seal(doc, 7, "a".repeat(64));

        ObjectNode reordered = AuditChain.parse(io.mcphub.core.Json.writePretty(AuditChain.sorted(doc)));
        assertThat(AuditChain.contentHash(reordered)).isEqualTo(hash);

        reordered.withObjectProperty("user").put("name", "mallory");
        assertThat(AuditChain.contentHash(reordered)).isNotEqualTo(hash);
    }

    @Test
    void parseAcceptsOnlyOneObject() {
        assertThat(AuditChain.parse("{\"a\":1}{\"b\":2}")).isNull();
        assertThat(AuditChain.parse("[1]")).isNull();
        assertThat(AuditChain.parse("{\"a\":1,\"a\":2}")).isNull();
        assertThat(AuditChain.parse("")).isNull();
        assertThat(AuditChain.parse(" {\"a\":1} ")).isNotNull();
    }
}
