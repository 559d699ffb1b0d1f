package io.mcphub.deploy.ssh;

/** A remote command's exit code and output, decoded as UTF-8. */
public record ExecResult(int exitCode, String stdout, String stderr) {

    public boolean ok() {
        return exitCode == 0;
    }

    /** The last non-blank line of stderr, else of stdout: what an error message quotes. */
    public String lastLine() {
        String text = stderr.isBlank() ? stdout : stderr;
        return text.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("").strip();
    }
}
