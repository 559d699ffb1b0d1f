package io.mcphub.deploy.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Makes a remote directory hold exactly a given set of files: files already there with the same size and SHA-256
 * stay, the others are uploaded, and any other file in the directory is removed — a stale jar left in a directory
 * that is put on a class path with {@code dir/*} would otherwise shadow or clash with the current one.
 */
public final class RemoteFiles {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*");
    private static final Duration LIST_TIMEOUT = Duration.ofMinutes(2);

    private RemoteFiles() {}

    /** A file to place, under the name it gets there. */
    public record LocalFile(String name, Path path, long size, String sha256) {
        public LocalFile {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("'" + name + "' cannot be a remote file name; use letters, digits, '.', '_', '+' and '-'");
            }
        }

        public static LocalFile of(String name, Path path) {
            try {
                return new LocalFile(name, path, Files.size(path), RemoteFiles.sha256(path));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
            }
        }
    }

    /** What a sync did, by file name. */
    public record Synced(List<String> uploaded, List<String> unchanged, List<String> removed) {}

    /** @param dir the remote directory, created if missing; relative to the remote user's home unless absolute */
    public static Synced sync(SshSession ssh, String dir, List<LocalFile> files) {
        Map<String, String> present = list(ssh, dir);
        List<String> uploaded = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<SshSession.Upload> uploads = new ArrayList<>();
        for (LocalFile f : files) {
            if ((f.size() + " " + f.sha256()).equals(present.remove(f.name()))) {
                unchanged.add(f.name());
            } else {
                uploads.add(new SshSession.Upload(f.path(), dir + "/" + f.name()));
                uploaded.add(f.name());
            }
        }
        ssh.upload(uploads);
        List<String> removed = new ArrayList<>(present.keySet());
        if (!removed.isEmpty()) {
            StringBuilder rm = new StringBuilder("cd " + Shell.quote(dir) + " && rm -f --");
            removed.forEach(n -> rm.append(' ').append(Shell.quote(n)));
            check(ssh, ssh.exec(rm.toString(), LIST_TIMEOUT), "removing old files from " + dir);
        }
        return new Synced(uploaded, unchanged, removed);
    }

    /** Name → "SIZE SHA256" of every regular file in {@code dir}. */
    private static Map<String, String> list(SshSession ssh, String dir) {
        String script = "mkdir -p " + Shell.quote(dir) + " && cd " + Shell.quote(dir) + " && for f in * .[!.]*; do"
                + " [ -f \"$f\" ] || continue;"
                + " printf '%s %s %s\\n' \"$(wc -c < \"$f\" | tr -d ' ')\" \"$(sha256sum < \"$f\" | cut -d' ' -f1)\" \"$f\"; done";
        ExecResult listed = check(ssh, ssh.exec(script, LIST_TIMEOUT), "listing " + dir);
        Map<String, String> present = new HashMap<>();
        for (String line : listed.stdout().lines().toList()) {
            String[] parts = line.split(" ", 3);
            if (parts.length == 3) {
                present.put(parts[2], parts[0] + " " + parts[1]);
            }
        }
        return present;
    }

    private static ExecResult check(SshSession ssh, ExecResult result, String what) {
        if (!result.ok()) {
            throw new SshException(SshException.Reason.FAILED, what + " on " + ssh.target().host() + " failed (exit "
                    + result.exitCode() + ": " + result.lastLine() + "); check the disk and permissions there");
        }
        return result;
    }

    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
