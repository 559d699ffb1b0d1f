package io.mcphub.security.pki;

import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** A PKCS#10 request as the CA sees it once checked: who it claims to be and the key it proved it holds. */
record CertificateRequest(String commonName, PublicKey publicKey) {

    private static final int MIN_RSA_BITS = 2048;
    private static final int MIN_EC_BITS = 256;

    /** A request for CN={@code commonName}, signed with the key pair it asks a certificate for. */
    static String create(KeyPair keys, String commonName) {
        NodeNames.check(commonName);
        PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(
                new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build(), keys.getPublic())
                .build(Certificates.signer(keys.getPrivate()));
        return Pem.encode(csr);
    }

    /** Parses and checks a request: well formed, self-signed by its key (proof of possession), one CN, strong key. */
    static CertificateRequest parse(String pem) {
        JcaPKCS10CertificationRequest csr;
        PublicKey key;
        try {
            csr = new JcaPKCS10CertificationRequest(Pem.csr(pem));
            key = csr.getPublicKey();
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw bad("the certificate request is not a PEM PKCS#10 request (" + e.getMessage() + ")");
        }
        if (!signatureVerifies(csr, key)) {
            throw bad("the certificate request's signature does not verify; the agent must sign it with the key it "
                    + "asks a certificate for");
        }
        checkStrength(key);
        String cn = PeerRole.commonName(csr.getSubject())
                .orElseThrow(() -> bad("the certificate request must name exactly one CN, the node name"));
        return new CertificateRequest(cn, key);
    }

    private static boolean signatureVerifies(JcaPKCS10CertificationRequest csr, PublicKey key) {
        try {
            return csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key));
        } catch (OperatorCreationException | PKCSException e) {
            return false;
        }
    }

    private static void checkStrength(PublicKey key) {
        boolean strong = switch (key) {
            case ECPublicKey ec -> ec.getParams().getCurve().getField().getFieldSize() >= MIN_EC_BITS;
            case RSAPublicKey rsa -> rsa.getModulus().bitLength() >= MIN_RSA_BITS;
            default -> false;
        };
        if (!strong) {
            throw bad("the certificate request's key is too weak or of an unsupported type; use EC P-256 or larger, "
                    + "or RSA of " + MIN_RSA_BITS + " bits or more");
        }
    }

    private static ProblemException bad(String detail) {
        return new ProblemException(ProblemType.BAD_REQUEST, detail);
    }
}
