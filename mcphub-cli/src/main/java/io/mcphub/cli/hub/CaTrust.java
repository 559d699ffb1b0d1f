package io.mcphub.cli.hub;

import io.mcphub.cli.common.CliException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS trust of the CLI: the JDK's public roots, plus the hub's internal CA when {@code MCPHUB_CA_FILE} names
 * it (the hub writes it as {@code DATA_DIR/ca.pem} and puts it in {@code cli.env}). Never "trust everything".
 */
final class CaTrust {

    private CaTrust() {}

    static Optional<SSLContext> fromFile(String caFile) {
        if (caFile == null || caFile.isBlank()) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(Path.of(caFile))) {
            Collection<? extends Certificate> cas = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (cas.isEmpty()) {
                throw CliException.failed("MCPHUB_CA_FILE " + caFile + " holds no certificate; point it at the hub's ca.pem");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (X509Certificate root : defaultRoots().getAcceptedIssuers()) {
                store.setCertificateEntry("jdk-" + i++, root);
            }
            for (Certificate ca : cas) {
                store.setCertificateEntry("hub-" + i++, ca);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return Optional.of(context);
        } catch (IOException e) {
            throw CliException.failed("cannot read MCPHUB_CA_FILE " + caFile + " (" + e.getMessage() + "); point it at the"
                    + " hub's ca.pem (in its data directory) or unset it");
        } catch (GeneralSecurityException e) {
            throw CliException.failed("MCPHUB_CA_FILE " + caFile + " is not a PEM certificate (" + e.getMessage()
                    + "); point it at the hub's ca.pem");
        }
    }

    private static X509TrustManager defaultRoots() throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        for (var tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("the JDK has no X.509 trust manager");
    }
}
