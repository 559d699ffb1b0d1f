package io.mcphub.security.audit;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The last line of defence against a secret reaching the audit trail, which is shipped to Elasticsearch and kept
 * for years. Callers should never hand secrets to an event; this catches the shapes our own secrets take when one
 * slips through anyway: secret references, API tokens, JWTs, sealed values and PEM private keys.
 */
final class Redaction {

    static final String REDACTED = "[redacted]";

    private static final Pattern SECRET = Pattern.compile(String.join("|",
            "secret://[^\\s\"']*",
            "mcphub_[A-Za-z0-9_-]{16,}",
            "eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_.-]*",
            "enc:v1:[^\\s\"']*",
            "-----BEGIN [A-Z ]*PRIVATE KEY-----"));

    /** A label named like this carries a password whatever its value looks like. */
    private static final Pattern PASSWORD_NAME = Pattern.compile("passw(or)?d|passphrase");

    private Redaction() {}

    /** A label value is replaced whole: a partial secret is still a secret. */
    static String label(String key, String value) {
        if (PASSWORD_NAME.matcher(key.toLowerCase(Locale.ROOT)).find() || SECRET.matcher(value).find()) {
            return REDACTED;
        }
        return value;
    }

    /** Free text keeps its words, so the reason stays readable; only the secret-looking parts go. */
    static String text(String value) {
        return value == null ? null : SECRET.matcher(value).replaceAll(REDACTED);
    }
}
