package io.mcphub.core.stack;

import java.util.regex.Pattern;

/**
 * A place in a spec, twice: the JSON pointer that {@link io.mcphub.core.doc.DocumentParser#positions} turns into a
 * line and column, and the path a person reads ({@code services.memory.dependsOn[0]}).
 */
record Where(String pointer, String path) {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    static final Where ROOT = new Where("", "");

    Where field(String name) {
        String step = PLAIN.matcher(name).matches() ? (path.isEmpty() ? "" : ".") + name
                : "[\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
        return new Where(pointer + "/" + name.replace("~", "~0").replace("/", "~1"), path + step);
    }

    Where index(int i) {
        return new Where(pointer + "/" + i, path + "[" + i + "]");
    }

    /** Reported at this place's position but under another path: how a missing field is shown at its parent. */
    Where named(String otherPath) {
        return new Where(pointer, otherPath);
    }
}
