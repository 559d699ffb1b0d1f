package io.mcphub.deploy.ssh;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A long-running program on a target, started detached from the SSH session (its own session and process group, no
 * terminal, output to a log file) so that it outlives the connection, and stopped by the pid it recorded.
 *
 * @param dir     its working directory on the target; the log and pid files are there
 * @param marker  a string its command line contains, checked before a recorded pid is signalled: after a reboot the
 *                pid may belong to another program
 */
public record RemoteProcess(String dir, String marker) {

    public static final String LOG = "agent.log";
    public static final String PID = "agent.pid";
    private static final Pattern ENV_NAME = Pattern.compile("[A-Z_][A-Z0-9_]*");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /**
     * Starts {@code command} in {@code dir}. Secrets go in as environment variables read from standard input, never on
     * the command line, where any user of the target could read them with {@code ps}.
     *
     * @return its pid
     */
    public long start(SshSession ssh, List<String> command, Map<String, String> secretEnv) {
        StringBuilder script = new StringBuilder();
        StringBuilder stdin = new StringBuilder();
        secretEnv.forEach((name, value) -> {
            if (!ENV_NAME.matcher(name).matches() || value.contains("\n")) {
                throw new IllegalArgumentException("cannot pass " + name + " through standard input");
            }
            script.append("IFS= read -r ").append(name).append(" && export ").append(name).append(" && ");
            stdin.append(value).append('\n');
        });
        script.append("mkdir -p ").append(Shell.quote(dir)).append(" && cd ").append(Shell.quote(dir))
                .append(" && { setsid nohup ").append(Shell.join(command)).append(" >").append(LOG).append(" 2>&1 </dev/null &")
                .append(" echo $! >").append(PID).append("; cat ").append(PID).append("; }");
        ExecResult r = ssh.exec(script.toString(), stdin.toString(), TIMEOUT);
        try {
            if (r.ok()) {
                return Long.parseLong(r.stdout().strip());
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SshException(SshException.Reason.FAILED, "starting " + command.getFirst() + " on " + ssh.target().host()
                + " failed (exit " + r.exitCode() + ": " + r.lastLine() + "); check " + dir + " there");
    }

    /** The recorded pid if that process still runs this program. */
    public java.util.OptionalLong running(SshSession ssh) {
        ExecResult r = ssh.exec(alive() + " && echo \"$p\"", TIMEOUT);
        return r.ok() && !r.stdout().isBlank() ? java.util.OptionalLong.of(Long.parseLong(r.stdout().strip())) : java.util.OptionalLong.empty();
    }

    /**
     * SIGTERM, then waits up to {@code grace} for the process to exit (a program that stops its children on SIGTERM,
     * as the agent does, gets to do so).
     *
     * @return false if it was not running; true once it stopped
     * @throws SshException if it is still running after {@code grace}
     */
    public boolean stop(SshSession ssh, Duration grace) {
        long tenths = Math.max(1, grace.toMillis() / 100);
        ExecResult r = ssh.exec("if " + alive() + "; then kill -TERM \"$p\"; i=0; while kill -0 \"$p\" 2>/dev/null; do"
                + " i=$((i+1)); [ $i -ge " + tenths + " ] && exit 3; sleep 0.1; done; rm -f " + Shell.quote(dir) + "/" + PID
                + "; echo stopped; fi", grace.plus(TIMEOUT));
        if (r.exitCode() == 3) {
            throw new SshException(SshException.Reason.FAILED, "the process in " + dir + " on " + ssh.target().host()
                    + " did not stop within " + grace.toSeconds() + " s of SIGTERM; look at " + dir + "/" + LOG + " there and kill it by hand");
        }
        return r.stdout().contains("stopped");
    }

    /** The last lines of its log, for error messages. */
    public String logTail(SshSession ssh, int lines) {
        return ssh.exec("tail -n " + lines + " " + Shell.quote(dir) + "/" + LOG + " 2>/dev/null", TIMEOUT).stdout().strip();
    }

    /** A shell condition, true when the pid file names a live process whose command line has the marker; sets $p. */
    private String alive() {
        String pidFile = Shell.quote(dir) + "/" + PID;
        return "{ [ -f " + pidFile + " ] && p=$(cat " + pidFile + ") && [ -n \"$p\" ] && kill -0 \"$p\" 2>/dev/null"
                + " && grep -qaF -- " + Shell.quote(marker) + " /proc/\"$p\"/cmdline; }";
    }
}
