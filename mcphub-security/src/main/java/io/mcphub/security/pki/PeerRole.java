package io.mcphub.security.pki;

import java.security.cert.X509Certificate;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * What a certificate of this CA stands for, written as its OU. Trust in the CA alone is not enough: an agent chooses
 * its own node name, so without this check an agent named like the hub's host could pose as the hub to other agents,
 * and the hub's server certificate could pose as an agent.
 */
enum PeerRole {
    HUB("hub"),
    AGENT("agent");

    private final String unit;

    PeerRole(String unit) {
        this.unit = unit;
    }

    X500Name subject(String commonName, String installId) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "MCP Hub " + installId)
                .addRDN(BCStyle.OU, unit)
                .addRDN(BCStyle.CN, commonName)
                .build();
    }

    boolean holds(X509Certificate certificate) {
        return single(name(certificate), BCStyle.OU).filter(unit::equals).isPresent();
    }

    /** The subject's one CN; empty if it has none or several (an ambiguous name binds nothing). */
    static Optional<String> commonName(X509Certificate certificate) {
        return commonName(name(certificate));
    }

    static Optional<String> commonName(X500Name name) {
        return single(name, BCStyle.CN);
    }

    private static X500Name name(X509Certificate certificate) {
        return X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    }

    private static Optional<String> single(X500Name name, ASN1ObjectIdentifier type) {
        RDN[] rdns = name.getRDNs(type);
        return rdns.length == 1 && !rdns[0].isMultiValued() && rdns[0].getFirst().getValue() instanceof ASN1String s
                ? Optional.of(s.getString())
                : Optional.empty();
    }
}
