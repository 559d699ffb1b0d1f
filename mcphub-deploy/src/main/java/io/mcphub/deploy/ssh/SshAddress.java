package io.mcphub.deploy.ssh;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where to SSH to: {@code USER@HOST[:PORT]}, with {@code [v6-address]} in brackets as ssh itself spells it. */
public record SshAddress(String user, String host, int port) {

    public static final int DEFAULT_PORT = 22;

    // User names as useradd allows them; hosts are names, IPv4 or bracketed IPv6 literals. Nothing here can carry
    // shell or ssh option syntax, since the parts end up in log lines and error messages.
    private static final Pattern FORM = Pattern.compile(
            "([a-z_][a-z0-9_.-]{0,31})@(\\[[0-9a-fA-F:.]+]|[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?)(?::([0-9]{1,5}))?");

    public SshAddress {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("SSH port " + port + " is out of range; use 1 to 65535 (sshd's default is 22)");
        }
    }

    /** @throws IllegalArgumentException naming the expected form */
    public static SshAddress parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + shown(text) + "' is not an SSH address; write USER@HOST[:PORT],"
                    + " e.g. root@10.0.0.5 or deploy@edge-1:2222");
        }
        String host = m.group(2).startsWith("[") ? m.group(2).substring(1, m.group(2).length() - 1) : m.group(2);
        return new SshAddress(m.group(1), host, m.group(4) == null ? DEFAULT_PORT : Integer.parseInt(m.group(4)));
    }

    @Override
    public String toString() {
        return user + "@" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    private static String shown(String text) {
        return text == null ? "" : text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
