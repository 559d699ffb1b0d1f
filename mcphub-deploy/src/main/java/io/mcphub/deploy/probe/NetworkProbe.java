package io.mcphub.deploy.probe;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/** The addresses the node can be reached at: every routable one, or the loopback ones on a machine with no other. */
final class NetworkProbe implements NodeProbe {

    static final String NAME = "network";

    /** An up interface and its addresses, as {@link NetworkInterface} reports it. */
    record Nic(String name, List<InetAddress> addresses) {}

    private final Callable<List<Nic>> interfaces;

    NetworkProbe() {
        this(NetworkProbe::systemInterfaces);
    }

    NetworkProbe(Callable<List<Nic>> interfaces) {
        this.interfaces = interfaces;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Leases renew and interfaces come and go on laptops and cloud machines. */
    @Override
    public Duration refreshEvery() {
        return Duration.ofMinutes(1);
    }

    @Override
    public void probe(ProbeContext ctx, NodeFacts.Builder facts) throws Exception {
        facts.addresses(addresses(interfaces.call()));
    }

    /**
     * IPv4 before IPv6, each in interface order. Link-local addresses are left out: another machine cannot dial
     * them without knowing our interface name.
     */
    static List<String> addresses(List<Nic> nics) {
        List<String> routable = pick(nics, a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress());
        return routable.isEmpty() ? pick(nics, InetAddress::isLoopbackAddress) : routable;
    }

    private static List<String> pick(List<Nic> nics, Predicate<InetAddress> wanted) {
        List<InetAddress> chosen = new ArrayList<>();
        nics.forEach(nic -> nic.addresses().stream().filter(wanted).forEach(chosen::add));
        return chosen.stream()
                .sorted(Comparator.comparing(a -> a instanceof Inet4Address ? 0 : 1))
                .map(NetworkProbe::text)
                .distinct()
                .toList();
    }

    /** Without the {@code %eth0} scope Java appends to addresses it enumerated from an interface. */
    private static String text(InetAddress address) {
        String text = address.getHostAddress();
        int scope = text.indexOf('%');
        return scope < 0 ? text : text.substring(0, scope);
    }

    private static List<Nic> systemInterfaces() throws SocketException {
        List<Nic> nics = new ArrayList<>();
        for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
            if (nic.isUp()) {
                nics.add(new Nic(nic.getName(), nic.inetAddresses().toList()));
            }
        }
        return nics;
    }
}
