package io.mcphub.deploy.ssh;

/**
 * Keeps MINA SSHD from installing Bouncy Castle as a JVM-wide JCA provider, which it does by default on first use. Once
 * installed, "ECDSA" and other names resolve to Bouncy Castle in unrelated code of the same JVM (the PKI's PEM
 * parsing among them), and keys stop comparing equal to the JDK's own. With this set, MINA hands its own instance of
 * the provider to the few objects it builds and leaves {@link java.security.Security} alone. An operator's explicit
 * setting of the property wins.
 */
final class MinaSecurity {

    static final String USE_NAMED_BC = "org.apache.sshd.security.provider.BC.useNamed";

    private MinaSecurity() {}

    /** Call before anything of MINA's security utilities runs; the classes of this package do, in their static init. */
    static void configure() {
        if (System.getProperty(USE_NAMED_BC) == null) {
            System.setProperty(USE_NAMED_BC, "false");
        }
    }
}
