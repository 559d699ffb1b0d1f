package io.mcphub.deploy.ssh;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Java a target would run a program with, found and checked before anything is uploaded to it. */
public record RemoteJava(String path, String version, int major) {

    private static final Pattern VERSION = Pattern.compile("version \"([^\"]+)\"");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /**
     * Finds {@code java} (the given path, or the one on the remote user's PATH when null) and checks its version.
     *
     * @throws SshException FAILED with a sentence naming what was found, when it is missing, unreadable or too old
     */
    public static RemoteJava require(SshSession ssh, String java, int minimum) {
        String program = java == null ? "java" : java;
        ExecResult r = ssh.exec("j=$(command -v " + Shell.quote(program) + ") || exit 127; echo \"$j\"; \"$j\" -version 2>&1", TIMEOUT);
        String host = ssh.target().host();
        String wanted = "a Java " + minimum + " or newer";
        if (r.exitCode() == 127 && r.stdout().isBlank()) {
            throw failure(java == null
                    ? "there is no Java on " + host + " ('java' is not on " + ssh.target().user() + "'s PATH there); install "
                            + wanted + " or pass --java with the path of one"
                    : "--java " + java + " does not exist on " + host + " or is not executable; give the path of " + wanted + " there");
        }
        String found = r.stdout().lines().findFirst().orElse(program).strip();
        Optional<String> version = version(r.stdout());
        if (version.isEmpty()) {
            throw failure("'" + found + " -version' on " + host + " printed no Java version (exit " + r.exitCode()
                    + (r.lastLine().isEmpty() || r.lastLine().equals(found) ? "" : ": " + r.lastLine()) + "); pass --java with the path of " + wanted);
        }
        int major = major(version.get());
        if (major < minimum) {
            throw failure("the Java on " + host + " is version " + version.get() + " (" + found + ") but the agent needs "
                    + minimum + " or newer; install one there, or pass --java with its path");
        }
        return new RemoteJava(found, version.get(), major);
    }

    static Optional<String> version(String output) {
        Matcher m = VERSION.matcher(output);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** {@code 1.8.0_392} → 8, {@code 17.0.2} → 17, {@code 25-ea} → 25. */
    static int major(String version) {
        String[] parts = version.split("[.\\-+_]");
        try {
            int first = Integer.parseInt(parts[0]);
            return first == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : first;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static SshException failure(String message) {
        return new SshException(SshException.Reason.FAILED, message);
    }
}
