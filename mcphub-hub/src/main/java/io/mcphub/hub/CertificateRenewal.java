package io.mcphub.hub;

import io.mcphub.security.pki.RenewingIdentity;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the hub's own certificates (its agent listener's, its public API's) fresh while it runs: each is replaced
 * once less than a third of its validity is left, and new connections get the new one — no restart, no dropped
 * connection. A failure to renew is logged and tried again at the next check.
 */
final class CertificateRenewal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CertificateRenewal.class);

    private final Map<String, RenewingIdentity> identities;
    private final Clock clock;
    private final Thread loop;

    /** {@code identities}: what each certificate is for (for the log), and the certificate. */
    CertificateRenewal(Map<String, RenewingIdentity> identities, Clock clock) {
        this.identities = Map.copyOf(identities);
        this.clock = clock;
        this.loop = Thread.ofVirtual().name("certificate-renewal").start(this::run);
    }

    private void run() {
        while (true) {
            Duration wait = Duration.ofHours(1);
            for (Map.Entry<String, RenewingIdentity> e : identities.entrySet()) {
                try {
                    if (e.getValue().renewIfDue(clock.instant())) {
                        LOG.info("certificate renewed for={} serial={} notAfter={}", e.getKey(),
                                e.getValue().current().certificate().getSerialNumber().toString(16),
                                e.getValue().current().certificate().getNotAfter().toInstant());
                    }
                } catch (RuntimeException failure) {
                    LOG.error("cannot renew the certificate for {} ({}); trying again at the next check", e.getKey(),
                            failure.getMessage());
                }
                Duration next = e.getValue().nextCheck(clock.instant());
                wait = next.compareTo(wait) < 0 ? next : wait;
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException stop) {
                return;
            }
        }
    }

    @Override
    public void close() {
        loop.interrupt();
    }
}
