package io.mcphub.deploy.ssh;

import java.security.PublicKey;
import java.util.regex.Pattern;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;

/**
 * Which host key to accept: the one pinned by its OpenSSH fingerprint ({@code SHA256:} and 43 base64 characters, as
 * {@code ssh-keygen -lf} prints it), or — only when the caller says so — whatever the host presents on first contact,
 * which the caller then records. With neither, an unknown host is refused and the refusal names its key, so the
 * operator can check it out of band and pin it.
 *
 * @param pinned    the fingerprint to insist on, or null
 * @param acceptNew trust on first use: accept an unpinned host's key
 */
public record HostKeyPolicy(String pinned, boolean acceptNew) {

    private static final Pattern FINGERPRINT = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}");

    static {
        MinaSecurity.configure();
    }

    public HostKeyPolicy {
        if (pinned != null && acceptNew) {
            throw new IllegalArgumentException("pin a host key or accept a new one, not both");
        }
        if (pinned != null && !FINGERPRINT.matcher(pinned).matches()) {
            throw new IllegalArgumentException("'" + (pinned.length() > 60 ? pinned.substring(0, 60) + "…" : pinned)
                    + "' is not an OpenSSH host key fingerprint; copy it from 'ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub'"
                    + " on the target, e.g. SHA256:" + "x".repeat(43));
        }
    }

    public static HostKeyPolicy pinned(String fingerprint) {
        return new HostKeyPolicy(fingerprint, false);
    }

    public static HostKeyPolicy acceptingNew() {
        return new HostKeyPolicy(null, true);
    }

    /** Neither pinned nor trusting: every key is refused, and the refusal tells the operator which key was shown. */
    public static HostKeyPolicy refuseUnknown() {
        return new HostKeyPolicy(null, false);
    }

    /** {@code SHA256:…} without padding, exactly as OpenSSH prints it, so the two can be compared by eye. */
    public static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
    }

    /** Null if the key is acceptable, else the sentence that explains the refusal. */
    String refusal(SshAddress target, PublicKey presented) {
        String seen = fingerprint(presented);
        if (pinned != null) {
            return pinned.equals(seen) ? null : "the host key of " + target.host() + ":" + target.port() + " is " + seen
                    + " but " + pinned + " was pinned; if the host was reinstalled, check the new key on it with"
                    + " 'ssh-keygen -lf' and pin " + seen + ", otherwise someone may be intercepting the connection";
        }
        return acceptNew ? null : target.host() + ":" + target.port() + " presented the unknown host key " + seen
                + "; check it on the target with 'ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub', then pin it with"
                + " --host-key " + seen + " or trust it on first use with --accept-new-host-key";
    }
}
