package io.mcphub.hub;

import io.mcphub.security.pki.CertificateAuthority;
import io.mcphub.security.pki.TlsIdentity;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The certificate the public API presents: the operator's files, or one from the internal CA naming every address
 * clients may use — the listen address (every interface's for a wildcard listen), the host name and any
 * {@code --tls-name} — since a client checks the name it dialled against the certificate.
 */
final class PublicCertificate {

    private PublicCertificate() {}

    static TlsIdentity of(PublicTls tls, String listenHost, CertificateAuthority ca) {
        if (tls.mode() == PublicTls.Mode.FILES) {
            return TlsIdentity.fromPemFiles(tls.certificateFile(), tls.keyFile());
        }
        List<String> dns = new ArrayList<>();
        List<InetAddress> ips = new ArrayList<>();
        for (String name : tls.names()) {
            if (looksLikeIp(name)) {
                ips.add(address(name));
            } else {
                dns.add(name);
            }
        }
        InetAddress listen = address(listenHost);
        if (listen.isAnyLocalAddress()) {
            ips.addAll(interfaceAddresses());
        } else {
            ips.add(listen);
        }
        hostName().ifPresent(dns::add);
        return ca.issueServerCertificate(dns.stream().distinct().toList(), ips.stream().distinct().toList(), null);
    }

    private static boolean looksLikeIp(String name) {
        return name.contains(":") || name.matches("[0-9.]+");
    }

    private static InetAddress address(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve " + host + "; give an IP address or a resolvable name", e);
        }
    }

    private static List<InetAddress> interfaceAddresses() {
        try {
            List<InetAddress> all = new ArrayList<>();
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nic.isUp()) {
                    // link-local IPv6 addresses carry a scope the certificate cannot hold
                    Collections.list(nic.getInetAddresses()).stream().filter(a -> !a.isLinkLocalAddress()).forEach(all::add);
                }
            }
            return all;
        } catch (SocketException e) {
            throw new UncheckedIOException("cannot list this machine's addresses for the hub's certificate", e);
        }
    }

    private static java.util.Optional<String> hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name.matches("[A-Za-z0-9.-]+") && !looksLikeIp(name) ? java.util.Optional.of(name) : java.util.Optional.empty();
        } catch (UnknownHostException e) {
            return java.util.Optional.empty();
        }
    }
}
