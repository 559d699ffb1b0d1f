package io.mcphub.security.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A TLS listener's or client's own credentials: its private key and its certificate chain, leaf first.
 *
 * @param chain leaf first; for certificates of the internal CA the CA follows, so a client that pins the CA (an
 *              agent joining) finds it in the handshake
 */
public record TlsIdentity(PrivateKey key, List<X509Certificate> chain) {

    public TlsIdentity {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a TLS identity needs at least its own certificate");
        }
        if (!Certificates.keyMatches(key, chain.getFirst())) {
            throw new IllegalArgumentException("the private key does not belong to the certificate for "
                    + chain.getFirst().getSubjectX500Principal());
        }
    }

    /**
     * Reads operator-provided files: a PEM certificate chain (leaf first) and its unencrypted PEM private key, for the
     * hub's public API when it should present a certificate the operator's clients already trust.
     */
    public static TlsIdentity fromPemFiles(Path chainFile, Path keyFile) {
        String chainPem = read(chainFile, "certificate chain");
        String keyPem = read(keyFile, "private key");
        try {
            return new TlsIdentity(Pem.privateKey(keyPem), Pem.certificates(chainPem));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot use TLS files " + chainFile + " and " + keyFile + ": "
                    + e.getMessage(), e);
        }
    }

    public X509Certificate certificate() {
        return chain.getFirst();
    }

    @Override
    public String toString() {
        return "TlsIdentity[" + certificate().getSubjectX500Principal() + "]"; // never the key
    }

    private static String read(Path file, String what) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the TLS " + what + " " + file
                    + "; check the path and that the hub's user may read it", e);
        }
    }
}
