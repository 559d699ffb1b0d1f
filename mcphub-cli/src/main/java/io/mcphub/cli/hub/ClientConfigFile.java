package io.mcphub.cli.hub;

import io.mcphub.cli.common.CliException;
import io.mcphub.cli.common.IoReasons;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads and updates {@code ~/.mcphub/config}: one setting per line, as YAML ({@code url: http://…}) or properties
 * ({@code url=http://…}). The env-file spelling ({@code MCPHUB_URL=…}, even with {@code export}) is accepted too,
 * so a copied {@code cli.env} works as a config file. Unknown keys are ignored when reading and kept when writing.
 */
public final class ClientConfigFile {
    public static final String URL = "url";
    /** A long-lived token put there by hand (the dev token, an API token); never renewed. */
    public static final String TOKEN = "token";
    public static final String USER = "user";
    public static final String ACCESS_TOKEN = "access_token";
    public static final String REFRESH_TOKEN = "refresh_token";
    public static final String ACCESS_EXPIRES_AT = "access_expires_at";

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private ClientConfigFile() {}

    public static Path defaultPath(Path home) {
        return home.resolve(".mcphub").resolve("config");
    }

    /** The settings in the file, keys lower-cased without the MCPHUB_ prefix; empty when there is no file. */
    public static Map<String, String> read(Path file) {
        if (!Files.exists(file)) {
            return Map.of();
        }
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw CliException.failed("cannot read " + file + " (" + IoReasons.of(e) + "); fix its permissions or remove it");
        }
    }

    /**
     * Read, decide, write as one step among all mcphub processes: {@code decide} sees the settings as they are now
     * and returns the changes (a null value removes the key). Two commands renewing an expired login at once would
     * otherwise both spend the same single-use refresh token, and one of them would be logged out.
     *
     * <p>The file is replaced atomically (a temporary file renamed over it), so a crash never leaves half a file,
     * and it is readable by its owner only, since it holds tokens.
     */
    public static void update(Path file, Function<Map<String, String>, Map<String, String>> decide) {
        try {
            Path target = Files.isSymbolicLink(file) ? file.toRealPath() : file;
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir, ownerOnly("rwx------"));
            // One JVM may run several commands (tests, the lead's in-process suite); file locks are per process.
            synchronized (ClientConfigFile.class) {
                try (FileChannel lockFile = FileChannel.open(dir.resolve(target.getFileName() + ".lock"),
                        Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), ownerOnly("rw-------"));
                     FileLock ignored = lockFile.lock()) {
                    String text = Files.exists(target) ? Files.readString(target) : "";
                    Map<String, String> changes = decide.apply(parse(text));
                    String updated = rewrite(text, changes);
                    if (!changes.isEmpty() && !updated.equals(text)) {
                        replace(target, updated);
                    }
                }
            }
        } catch (IOException e) {
            throw CliException.failed("cannot write " + file + " (" + IoReasons.of(e) + "); check the permissions of "
                    + file.toAbsolutePath().getParent());
        }
    }

    private static void replace(Path target, String text) throws IOException {
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName() + "-", ".tmp", ownerOnly("rw-------"));
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                // On disk before the rename, so a crash cannot leave an empty file under the real name.
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static FileAttribute<?>[] ownerOnly(String permissions) {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))}
                : new FileAttribute<?>[0];
    }

    static Map<String, String> parse(String text) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String raw : text.split("\\R")) {
            Setting setting = Setting.of(raw);
            if (setting != null && !setting.value().isEmpty()) {
                settings.put(setting.key(), setting.value());
            }
        }
        return settings;
    }

    /**
     * The text with {@code changes} applied and everything else as the user wrote it (comments, order, spelling):
     * a changed key keeps its line and its spelling ({@code export MCPHUB_URL=}), a removed key loses every line
     * that sets it, a new key is appended as YAML.
     */
    static String rewrite(String text, Map<String, String> changes) {
        StringBuilder out = new StringBuilder();
        Set<String> written = new HashSet<>();
        for (String raw : text.lines().toList()) {
            Setting setting = Setting.of(raw);
            if (setting == null || !changes.containsKey(setting.key())) {
                out.append(raw).append('\n');
                continue;
            }
            String value = changes.get(setting.key());
            if (value != null && written.add(setting.key())) {
                out.append(setting.prefix()).append(quote(value)).append('\n');
            }
        }
        changes.forEach((key, value) -> {
            if (value != null && !written.contains(key)) {
                out.append(key).append(": ").append(quote(value)).append('\n');
            }
        });
        return out.toString();
    }

    /** Only what the reader would otherwise cut (a comment, blanks) or unquote gets quotes. */
    private static String quote(String value) {
        boolean plain = !value.isEmpty() && value.equals(value.strip()) && !value.contains(" #") && !value.contains("\t")
                && value.charAt(0) != '"' && value.charAt(0) != '\'';
        if (plain) {
            return value;
        }
        return value.contains("\"") ? "'" + value + "'" : "\"" + value + "\"";
    }

    /**
     * One {@code key: value} line. {@code prefix} is the line up to where the value starts, so a rewrite keeps the
     * user's spelling of the key.
     */
    private record Setting(String key, String prefix, String value) {
        static Setting of(String raw) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.equals("---")) {
                return null;
            }
            int indent = raw.length() - raw.stripLeading().length();
            int keyStart = 0;
            if (line.startsWith("export ")) {
                keyStart = "export ".length();
                while (keyStart < line.length() && Character.isWhitespace(line.charAt(keyStart))) {
                    keyStart++;
                }
            }
            int eq = line.indexOf('=', keyStart);
            int colon = line.indexOf(':', keyStart);
            int sep = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
            if (sep <= keyStart) {
                return null;
            }
            String key = line.substring(keyStart, sep).strip().toLowerCase(Locale.ROOT);
            if (key.startsWith("mcphub_")) {
                key = key.substring("mcphub_".length());
            }
            int valueStart = sep + 1;
            while (valueStart < line.length() && Character.isWhitespace(line.charAt(valueStart))) {
                valueStart++;
            }
            String prefix = raw.substring(0, indent + valueStart);
            if (line.charAt(sep) == ':' && valueStart == sep + 1) {
                prefix += " ";
            }
            return new Setting(key, prefix, unquote(stripComment(line.substring(valueStart).strip())));
        }
    }

    /** A YAML comment starts at " #"; a '#' inside a token or URL fragment without a space before it is data. */
    private static String stripComment(String value) {
        if (value.startsWith("\"") || value.startsWith("'")) {
            return value;
        }
        int hash = value.indexOf(" #");
        return hash < 0 ? value : value.substring(0, hash).strip();
    }

    private static String unquote(String value) {
        if (value.length() >= 2) {
            char first = value.charAt(0);
            int close = value.indexOf(first, 1);
            if ((first == '"' || first == '\'') && close > 0) {
                return value.substring(1, close);
            }
        }
        return value;
    }
}
