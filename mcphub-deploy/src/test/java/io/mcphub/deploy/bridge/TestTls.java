package io.mcphub.deploy.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * One self-signed key pair for localhost, made by the JDK's keytool, that both ends of a mutual-TLS test use: the
 * server presents it and trusts it as a client certificate, the client presents it (or not) and trusts it as the
 * server's. Shared with the gateway's tests, which talk to a bridge over mTLS.
 */
public final class TestTls {

    private static final char[] PASSWORD = "bridge-test".toCharArray();

    private final KeyStore keys;

    private TestTls(KeyStore keys) {
        this.keys = keys;
    }

    /** Generates the key pair into {@code dir}. */
    public static TestTls generate(Path dir) throws Exception {
        Path store = dir.resolve("bridge.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "bridge", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-validity", "1", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        assertThat(p.waitFor()).as(new String(p.getInputStream().readAllBytes())).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        return new TestTls(keys);
    }

    /** Trusts the key pair; presents it too when {@code withClientCertificate}. */
    public SSLContext context(boolean withClientCertificate) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys);
        KeyManagerFactory key = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        key.init(keys, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(withClientCertificate ? key.getKeyManagers() : null, trust.getTrustManagers(), null);
        return context;
    }
}
