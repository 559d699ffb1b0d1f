package io.mcphub.security.pki;

import java.io.IOException;
import java.io.StringReader;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * PEM text in and out: what travels in join requests and responses, and what operators hand the hub as files.
 * Reading accepts what {@code openssl} writes (PKCS#8, SEC1 EC and PKCS#1 RSA keys); errors never quote the input,
 * since it may be a private key.
 */
public final class Pem {

    private static final Base64.Encoder MIME = Base64.getMimeEncoder(64, new byte[] {'\n'});

    private Pem() {}

    public static String encode(X509Certificate certificate) {
        try {
            return block("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateException e) {
            throw new IllegalStateException("cannot encode certificate " + certificate.getSubjectX500Principal(), e);
        }
    }

    /** Leaf first, as TLS sends it. */
    public static String encode(List<X509Certificate> chain) {
        StringBuilder b = new StringBuilder();
        chain.forEach(c -> b.append(encode(c)));
        return b.toString();
    }

    /** PKCS#8, unencrypted: only ever written to owner-only files or sealed before storing. */
    public static String encode(PrivateKey key) {
        return block("PRIVATE KEY", key.getEncoded());
    }

    /** SubjectPublicKeyInfo, next to the private key in the agent's key file (JCA cannot derive one from the other). */
    public static String encode(PublicKey key) {
        return block("PUBLIC KEY", key.getEncoded());
    }

    static String encode(PKCS10CertificationRequest csr) {
        try {
            return block("CERTIFICATE REQUEST", csr.getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a certificate request", e);
        }
    }

    /** Every certificate in the text, in order; at least one. */
    public static List<X509Certificate> certificates(String pem) {
        List<X509Certificate> out = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        for (Object o : objects(pem, "certificate")) {
            if (o instanceof X509CertificateHolder holder) {
                try {
                    out.add(converter.getCertificate(holder));
                } catch (CertificateException e) {
                    throw new IllegalArgumentException("a certificate in the PEM text is malformed", e);
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("the PEM text holds no CERTIFICATE block");
        }
        return out;
    }

    /** The first certificate in the text. */
    public static X509Certificate certificate(String pem) {
        return certificates(pem).getFirst();
    }

    public static PrivateKey privateKey(String pem) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        for (Object o : objects(pem, "private key")) {
            try {
                switch (o) {
                    case PrivateKeyInfo info -> {
                        return converter.getPrivateKey(info);
                    }
                    case PEMKeyPair pair -> {
                        return converter.getKeyPair(pair).getPrivate();
                    }
                    case PKCS8EncryptedPrivateKeyInfo ignored -> throw encrypted();
                    case PEMEncryptedKeyPair ignored -> throw encrypted();
                    default -> { /* a certificate next to the key, say: keep looking */ }
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("the private key in the PEM text is malformed or of an unsupported type");
            }
        }
        throw new IllegalArgumentException("the PEM text holds no PRIVATE KEY block");
    }

    public static PublicKey publicKey(String pem) {
        for (Object o : objects(pem, "public key")) {
            if (o instanceof SubjectPublicKeyInfo info) {
                try {
                    return new JcaPEMKeyConverter().getPublicKey(info);
                } catch (IOException e) {
                    throw new IllegalArgumentException("the public key in the PEM text is malformed or of an unsupported type");
                }
            }
        }
        throw new IllegalArgumentException("the PEM text holds no PUBLIC KEY block");
    }

    static PKCS10CertificationRequest csr(String pem) {
        for (Object o : objects(pem, "certificate request")) {
            if (o instanceof PKCS10CertificationRequest csr) {
                return csr;
            }
        }
        throw new IllegalArgumentException("the text holds no CERTIFICATE REQUEST block");
    }

    private static List<Object> objects(String pem, String what) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException("expected a PEM " + what + " but got nothing");
        }
        List<Object> out = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                out.add(o);
            }
        } catch (IOException | RuntimeException e) {
            // Not chained: a parser's message may quote the input, and the input may be a key.
            throw new IllegalArgumentException("the PEM " + what + " is malformed (" + e.getClass().getSimpleName() + ")");
        }
        return out;
    }

    private static IllegalArgumentException encrypted() {
        return new IllegalArgumentException("the private key is encrypted; give it unencrypted "
                + "(e.g. 'openssl pkey -in key.pem -out plain.pem') in a file only the hub's user can read");
    }

    private static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + MIME.encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
