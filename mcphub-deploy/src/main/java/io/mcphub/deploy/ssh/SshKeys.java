package io.mcphub.deploy.ssh;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Iterator;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * A client key pair: Ed25519, which MINA SSHD signs with through Bouncy Castle (already part of the distribution for
 * the PKI), kept as OpenSSH's own private key text so the same bytes would work with {@code ssh -i} in an emergency.
 */
public final class SshKeys {

    public static final String TYPE = KeyPairProvider.SSH_ED25519;

    static {
        MinaSecurity.configure();
    }

    private SshKeys() {}

    public static KeyPair generate() {
        try {
            return KeyUtils.generateKeyPair(TYPE, 256);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an Ed25519 key: Bouncy Castle is missing from the classpath", e);
        }
    }

    /** {@code ssh-ed25519 AAAA… COMMENT}: one line for the target's {@code authorized_keys}. */
    public static String authorizedKeysLine(PublicKey key, String comment) {
        return PublicKeyEntry.toString(key) + (comment == null || comment.isBlank() ? "" : " " + comment);
    }

    /** The unencrypted OpenSSH private key text; seal it before it is stored anywhere. */
    public static String toOpenSsh(KeyPair keys, String comment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(keys, comment, null, out);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode the SSH key pair: " + e.getMessage(), e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    public static KeyPair fromOpenSsh(String text) {
        try {
            Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("ssh key"),
                    new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), null);
            Iterator<KeyPair> it = pairs == null ? null : pairs.iterator();
            if (it == null || !it.hasNext()) {
                throw new IllegalStateException("the stored SSH key holds no key pair; restore it from a backup");
            }
            return it.next();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("the stored SSH key cannot be read (" + e.getMessage() + "); restore it from a backup", e);
        }
    }
}
