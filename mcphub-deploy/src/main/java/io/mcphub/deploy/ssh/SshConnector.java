package io.mcphub.deploy.ssh;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.forward.AcceptAllForwardingFilter;

/**
 * One SSH client identity (a key pair) and the MINA client that dials with it. Nothing of the local user's SSH setup
 * is used — no {@code ~/.ssh/config}, no agent, no {@code known_hosts}, no password — so what the hub does over SSH
 * depends only on its own key and the host keys it was told to trust.
 */
public final class SshConnector implements AutoCloseable {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** A keep-alive every 5 s, and a session that missed 3 answers is dropped (and a tunnel reconnects). */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(5);
    static final int KEEP_ALIVE_MISSES = 3;

    private static final AttributeKey<Attempt> ATTEMPT = new AttributeKey<>();

    static {
        MinaSecurity.configure();
    }

    private final SshClient client;
    private final KeyPair identity;
    private final Duration timeout;

    public SshConnector(KeyPair identity) {
        this(identity, DEFAULT_TIMEOUT);
    }

    public SshConnector(KeyPair identity, Duration timeout) {
        this.identity = identity;
        this.timeout = timeout;
        this.client = SshClient.setUpDefaultClient();
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
        client.setKeyIdentityProvider(session -> List.of(identity));
        client.setServerKeyVerifier((session, remote, key) -> {
            Attempt attempt = session.getConnectionContext() == null ? null : session.getConnectionContext().getAttribute(ATTEMPT);
            return attempt != null && attempt.accept(key);
        });
        // On a client this filter only governs the channels the server opens for forwards this client asked for.
        client.setForwardingFilter(AcceptAllForwardingFilter.INSTANCE);
        CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, KEEP_ALIVE);
        CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(client, KEEP_ALIVE_MISSES);
        // Idle is normal for a tunnel; the keep-alive above is what tells a dead peer from a quiet one.
        CoreModuleProperties.IDLE_TIMEOUT.set(client, Duration.ZERO);
        client.start();
    }

    public PublicKey publicKey() {
        return identity.getPublic();
    }

    /**
     * Connects and authenticates.
     *
     * @throws SshException UNREACHABLE, HOST_KEY_UNKNOWN, HOST_KEY_MISMATCH or AUTH_REFUSED, each explained
     */
    public SshSession connect(SshAddress target, HostKeyPolicy hostKeys) {
        Attempt attempt = new Attempt(target, hostKeys);
        ClientSession session = null;
        try {
            session = client.connect(target.user(), target.host(), target.port(), AttributeRepository.ofKeyValuePair(ATTEMPT, attempt))
                    .verify(timeout).getSession();
            attempt.connected = true;
            session.auth().verify(timeout);
            return new SshSession(target, session, attempt.seen);
        } catch (IOException | RuntimeException e) {
            if (session != null) {
                session.close(true);
            }
            throw attempt.explain(e, timeout);
        }
    }

    @Override
    public void close() {
        client.stop();
    }

    /** One connection attempt: what the host showed and whether it passed, to explain a failure precisely. */
    private static final class Attempt {
        private final SshAddress target;
        private final HostKeyPolicy policy;
        private volatile String seen;
        private volatile String refusal;
        private volatile boolean connected;

        Attempt(SshAddress target, HostKeyPolicy policy) {
            this.target = target;
            this.policy = policy;
        }

        boolean accept(PublicKey key) {
            seen = HostKeyPolicy.fingerprint(key);
            refusal = policy.refusal(target, key);
            return refusal == null;
        }

        SshException explain(Exception e, Duration timeout) {
            if (refusal != null) {
                return new SshException(policy.pinned() != null ? SshException.Reason.HOST_KEY_MISMATCH : SshException.Reason.HOST_KEY_UNKNOWN,
                        refusal, e);
            }
            if (connected && seen != null && mentions(e, "No more authentication methods")) {
                return new SshException(SshException.Reason.AUTH_REFUSED, "the target refused the hub's SSH key; add the key"
                        + " from 'mcphub node ssh-key' to " + target.user() + "'s authorized_keys on " + target.host(), e);
            }
            String where = "cannot reach " + target + " over SSH: ";
            String check = "; check the host and port, and that sshd runs there and a firewall lets the hub through";
            if (has(e, ConnectException.class)) {
                return new SshException(SshException.Reason.UNREACHABLE, where + "connection refused" + check, e);
            }
            if (has(e, UnresolvedAddressException.class) || has(e, UnknownHostException.class)) {
                return new SshException(SshException.Reason.UNREACHABLE, where + "the host name " + target.host()
                        + " does not resolve; use its IP address or fix DNS", e);
            }
            if (has(e, NoRouteToHostException.class)) {
                return new SshException(SshException.Reason.UNREACHABLE, where + "no route to the host" + check, e);
            }
            if (mentions(e, "timeout") || mentions(e, "timed out")) {
                return new SshException(SshException.Reason.UNREACHABLE, where + "no answer within " + timeout.toSeconds()
                        + " s" + check, e);
            }
            return new SshException(SshException.Reason.UNREACHABLE, where + (connected ? "the session closed during the"
                    + " handshake (" + rootMessage(e) + ")" : rootMessage(e)) + check, e);
        }

        private static boolean has(Throwable e, Class<? extends Throwable> type) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (type.isInstance(t)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean mentions(Throwable e, String text) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t.getMessage() != null && t.getMessage().toLowerCase(java.util.Locale.ROOT).contains(text.toLowerCase(java.util.Locale.ROOT))) {
                    return true;
                }
            }
            return false;
        }

        private static String rootMessage(Throwable e) {
            Throwable t = e;
            while (t.getCause() != null) {
                t = t.getCause();
            }
            return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        }
    }
}
