package io.mcphub.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.core.Json;
import org.junit.jupiter.api.Test;

class SecretMaskTest {

    @Test
    void valuesUnderSecretLookingKeysAreMaskedAtAnyDepth() {
        JsonNode arguments = Json.tree("""
                {"city": "Hangzhou", "password": "hunter2", "apiKey": "k-1", "nested": {"access_token": "t",
                 "list": [{"client_secret": "s", "count": 3}]}, "monkey": "banana", "key": "raw"}
                """.getBytes());
        JsonNode masked = SecretMask.mask(arguments);
        assertThat(masked.toString()).doesNotContain("hunter2", "k-1", "\"t\"", "\"s\"", "raw")
                .contains("Hangzhou", "banana", "\"count\":3");
        assertThat(masked.at("/nested/list/0/client_secret").asText()).isEqualTo(SecretMask.MASK);
        assertThat(arguments.path("password").asText()).as("the caller's arguments stay untouched").isEqualTo("hunter2");
    }
}
