package io.mcphub.core.doc;

import java.util.Locale;
import java.util.Optional;

/** How a document was written. The text is kept as written; JSON is the common form every reader gets. */
public enum DocumentFormat {
    JSON("application/json"),
    YAML("application/yaml");

    private final String mediaType;

    DocumentFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code json}, {@code yaml}/{@code yml}, or a media type such as {@code application/yaml; charset=utf-8}. */
    public static Optional<DocumentFormat> parse(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        String n = name.toLowerCase(Locale.ROOT);
        if (n.equals("json") || n.contains("/json") || n.endsWith("+json")) {
            return Optional.of(JSON);
        }
        if (n.equals("yaml") || n.equals("yml") || n.contains("yaml")) {
            return Optional.of(YAML);
        }
        return Optional.empty();
    }

    /** From a file name's extension, if it has a known one. */
    public static Optional<DocumentFormat> ofFileName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? Optional.empty() : parse(fileName.substring(dot + 1));
    }

    /** JSON if the text starts like JSON, else YAML (which also reads JSON, but JSON errors read better). */
    public static DocumentFormat sniff(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c) && c != '\uFEFF') {
                return c == '{' || c == '[' ? JSON : YAML;
            }
        }
        return YAML;
    }
}
