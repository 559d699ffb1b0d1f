package io.mcphub.deploy.probe;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Distribution, kernel, architecture and host name. */
final class OsProbe implements NodeProbe {

    static final String NAME = "os";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void probe(ProbeContext ctx, NodeFacts.Builder facts) {
        String name = ctx.read("/etc/os-release").or(() -> ctx.read("/usr/lib/os-release"))
                .map(text -> Text.firstValues(Text.pairs(text, '=')))
                .flatMap(OsProbe::prettyName)
                .orElseGet(() -> System.getProperty("os.name") + " " + System.getProperty("os.version"));
        String kernel = ctx.read("/proc/sys/kernel/osrelease").map(String::trim).filter(s -> !s.isEmpty())
                .orElseGet(() -> System.getProperty("os.version"));
        facts.os(new NodeFacts.Os(name, kernel, arch(System.getProperty("os.arch")), hostname(ctx)));
    }

    private static Optional<String> prettyName(Map<String, String> osRelease) {
        return Optional.ofNullable(osRelease.get("PRETTY_NAME")).or(() -> Optional.ofNullable(osRelease.get("NAME")))
                .map(Text::unquote).filter(s -> !s.isBlank());
    }

    /** The names images and release archives use, rather than the JVM's ({@code x86_64}, {@code aarch64}). */
    static String arch(String jvmArch) {
        String arch = jvmArch.toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "amd64", "x86_64", "x64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> arch;
        };
    }

    /**
     * The kernel's own host name first: a name service lookup (what {@link InetAddress#getLocalHost()} does) can take
     * seconds on a machine with broken DNS, and the kernel's name is the one the node's users know it by.
     */
    private static String hostname(ProbeContext ctx) {
        return ctx.read("/proc/sys/kernel/hostname").or(() -> ctx.read("/etc/hostname"))
                .map(String::trim).filter(s -> !s.isEmpty())
                .or(() -> ctx.variable("HOSTNAME"))
                .orElseGet(OsProbe::resolvedHostname);
    }

    private static String resolvedHostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
