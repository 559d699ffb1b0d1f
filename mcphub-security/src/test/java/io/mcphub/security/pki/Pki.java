package io.mcphub.security.pki;

import io.mcphub.security.crypto.EnvelopeCipher;
import io.mcphub.security.crypto.MasterKey;
import io.mcphub.store.Store;
import io.mcphub.store.Stores;
import java.nio.file.Path;
import java.time.Clock;

/** One install's hub side on a real embedded store: master key, CA, join tokens and revocations. */
final class Pki implements AutoCloseable {

    final Path dataDir;
    final Store store;
    final EnvelopeCipher cipher;
    final CertificateAuthority ca;
    final JoinTokens joinTokens;
    final Revocations revocations;

    Pki(Path dataDir, Clock clock) {
        this.dataDir = dataDir;
        this.store = Stores.open("embedded", dataDir);
        this.cipher = new EnvelopeCipher(MasterKey.loadOrCreate(dataDir));
        this.ca = new CertificateAuthority(store, cipher, clock);
        this.joinTokens = new JoinTokens(store, ca, clock);
        this.revocations = new Revocations(store, clock);
    }

    /** Another CA object on the same store, as a second hub replica or a restarted hub would have. */
    CertificateAuthority anotherCa(Clock clock) {
        return new CertificateAuthority(store, cipher, clock);
    }

    @Override
    public void close() {
        store.close();
    }
}
