package io.mcphub.hub;

import java.nio.file.Path;
import java.util.List;

/**
 * Whether and how the hub's public API speaks TLS. Beyond loopback it always does (tokens must not cross a network
 * in clear): with a certificate the operator gives, or else one the hub's internal CA issues for the listen address
 * and {@code names}, whose CA certificate clients then trust ({@code DATA_DIR/ca.pem}, {@code MCPHUB_CA_FILE}).
 */
public record PublicTls(Mode mode, Path certificateFile, Path keyFile, List<String> names) {

    public enum Mode { OFF, INTERNAL_CA, FILES }

    public static final PublicTls OFF = new PublicTls(Mode.OFF, null, null, List.of());

    public PublicTls {
        names = names == null ? List.of() : List.copyOf(names);
        if (mode == Mode.FILES && (certificateFile == null || keyFile == null)) {
            throw new IllegalArgumentException("give both --tls-cert and --tls-key (PEM files), or neither to use a"
                    + " certificate from the hub's internal CA");
        }
    }

    public static PublicTls internalCa(List<String> names) {
        return new PublicTls(Mode.INTERNAL_CA, null, null, names);
    }

    public static PublicTls files(Path certificateFile, Path keyFile) {
        return new PublicTls(Mode.FILES, certificateFile, keyFile, List.of());
    }

    public boolean enabled() {
        return mode != Mode.OFF;
    }
}
