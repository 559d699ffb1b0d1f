package io.mcphub.config;

/** Where the configuration center keeps things in the store (see the package documentation). */
final class ConfigLayout {

    static final String ROOT = "/mcphub/config/";
    static final String HEADS = ROOT + "heads/";
    static final String VERSIONS = ROOT + "versions/";
    static final String SCHEMAS = ROOT + "schemas/";

    private ConfigLayout() {}

    static String head(ConfigKey key) {
        return HEADS + key.value();
    }

    static String versionsOf(ConfigKey key) {
        return VERSIONS + key.value() + "@";
    }

    static String version(ConfigKey key, long version) {
        return versionsOf(key) + String.format("%010d", version);
    }

    static String schema(ConfigKey key) {
        return SCHEMAS + key.value();
    }
}
