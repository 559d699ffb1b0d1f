package io.mcphub.hub.ssh;

import io.mcphub.core.Json;
import io.mcphub.deploy.ssh.HostKeyPolicy;
import io.mcphub.deploy.ssh.SshKeys;
import io.mcphub.security.crypto.EnvelopeCipher;
import io.mcphub.store.KeyValue;
import io.mcphub.store.Store;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;

/**
 * The hub's SSH identity, generated on first use per install (never shipped: a built-in key would open every target
 * that trusts one hub to all of them). The public half is kept in clear, as the operator copies it into
 * {@code authorized_keys}; the private half is sealed under the master key and never leaves the hub. Created by
 * compare-and-swap, so hubs sharing one etcd share one key, as they share the CA.
 */
public final class HubSshKey {

    static final String KEY = "/mcphub/ssh/key";

    private final Store store;
    private final EnvelopeCipher cipher;
    private final Clock clock;
    private final String comment;
    private volatile Loaded loaded;

    /** As stored: {@code sealedKey} is OpenSSH's private key text, sealed with {@link #KEY} as its context. */
    record Stored(String publicKey, String sealedKey, Instant createdAt) {}

    private record Loaded(KeyPair keys, String publicKey) {}

    /** @param comment the authorized_keys comment, naming the install so operators can tell hubs' keys apart */
    public HubSshKey(Store store, EnvelopeCipher cipher, Clock clock, String comment) {
        this.store = store;
        this.cipher = cipher;
        this.clock = clock;
        this.comment = comment;
    }

    public KeyPair keyPair() {
        return loaded().keys();
    }

    /** {@code ssh-ed25519 AAAA… mcphub@INSTALL}: the line for a target's {@code authorized_keys}. */
    public String authorizedKeysLine() {
        return loaded().publicKey();
    }

    public String fingerprint() {
        return HostKeyPolicy.fingerprint(keyPair().getPublic());
    }

    private Loaded loaded() {
        Loaded l = loaded;
        return l != null ? l : load();
    }

    private synchronized Loaded load() {
        if (loaded == null) {
            // Losing the creation race to another hub is fine: its key is as good as ours, and all use the winner's.
            KeyValue kv = store.getOrCreate(KEY, this::createFirst);
            Stored stored = Json.read(kv.value(), Stored.class);
            KeyPair keys = SshKeys.fromOpenSsh(cipher.open(stored.sealedKey(), KEY));
            if (!stored.publicKey().startsWith(SshKeys.authorizedKeysLine(keys.getPublic(), null) + " ")) {
                throw new IllegalStateException("the hub's SSH key in the store does not match its public key; restore " + KEY + " from a backup");
            }
            loaded = new Loaded(keys, stored.publicKey());
        }
        return loaded;
    }

    private byte[] createFirst() {
        KeyPair keys = SshKeys.generate();
        return Json.bytes(new Stored(SshKeys.authorizedKeysLine(keys.getPublic(), comment),
                cipher.seal(SshKeys.toOpenSsh(keys, comment), KEY), clock.instant()));
    }
}
