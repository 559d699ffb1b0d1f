package io.mcphub.cli.hub;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HubRequestTest {
    @Test
    void keysKeepTheirSlashAndEncodeEverythingElse() {
        assertThat(HubRequest.keyPath("payment/prod")).isEqualTo("payment/prod");
        assertThat(HubRequest.keyPath("a b?c")).isEqualTo("a%20b%3Fc");
    }

    @Test
    void nullQueryValuesAreLeftOut() {
        HubRequest request = HubRequest.post("/api/v1/config/rollback/payment")
                .query("to", 3L).query("message", "back to 3 & fast").query("expectVersion", null);

        assertThat(request.pathAndQuery()).isEqualTo("/api/v1/config/rollback/payment?to=3&message=back%20to%203%20%26%20fast");
    }
}
