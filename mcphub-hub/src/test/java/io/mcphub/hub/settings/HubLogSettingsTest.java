package io.mcphub.hub.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.mcphub.config.ConfigCenter;
import io.mcphub.config.Publish;
import io.mcphub.core.Json;
import io.mcphub.hub.logging.LogLevels;
import io.mcphub.security.crypto.EnvelopeCipher;
import io.mcphub.security.crypto.MasterKey;
import io.mcphub.store.Store;
import io.mcphub.store.Stores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Hub components read their settings live: a publish of the document "hub" changes log levels without a restart. */
class HubLogSettingsTest {

    @TempDir
    Path dir;

    private Store store;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
        LogLevels.set("gateway", "info");
    }

    private static Level gatewayLevel() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        return context.getLogger(LogLevels.components("gateway").get(0)).getLevel();
    }

    private void publish(ConfigCenter config, String json) {
        config.publish(new Publish("hub", json, null, "ops", "m", null, null));
    }

    @Test
    void aPublishAppliesAtOnceAndABadVersionKeepsThePreviousLevels() {
        store = Stores.open("embedded", dir);
        ConfigCenter config = new ConfigCenter(store, new EnvelopeCipher(MasterKey.loadOrCreate(dir)));
        try (LiveDocument<HubLogSettings> live = new LiveDocument<>(store, config, HubLogSettings.KEY, HubLogSettings::parse,
                HubLogSettings.NONE)) {
            live.onChange(HubLogSettings::apply);
            publish(config, "{\"logLevels\": {\"gateway\": \"debug\"}}");
            await().atMost(Duration.ofSeconds(10)).until(() -> Level.DEBUG.equals(gatewayLevel()));

            publish(config, "{\"logLevels\": {\"gateway\": \"loud\"}}");
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> Level.DEBUG.equals(gatewayLevel()));
            assertThat(live.current().levels()).containsExactly(java.util.Map.entry("gateway", "debug"));
        }
    }

    @Test
    void unknownComponentsAndLevelsAreRefusedWithTheirPath() {
        assertThatThrownBy(() -> HubLogSettings.parse(tree("{\"logLevels\": {\"gatway\": \"debug\"}}")))
                .hasMessage("$.logLevels.gatway: no hub component of that name");
        assertThatThrownBy(() -> HubLogSettings.parse(tree("{\"logLevels\": {\"gateway\": \"loud\"}}")))
                .hasMessageStartingWith("$.logLevels.gateway: unknown log level \"loud\"");
        assertThatThrownBy(() -> HubLogSettings.parse(tree("{\"logLevels\": [\"debug\"]}")))
                .hasMessageStartingWith("$.logLevels must be a map");
    }

    private static com.fasterxml.jackson.databind.JsonNode tree(String json) {
        return Json.tree(json.getBytes(StandardCharsets.UTF_8));
    }
}
