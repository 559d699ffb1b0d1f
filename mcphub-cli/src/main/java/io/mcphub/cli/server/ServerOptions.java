package io.mcphub.cli.server;

import io.mcphub.hub.HubSettings;
import io.mcphub.hub.PublicTls;
import java.util.List;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options every server command shares: where its data lives and where it listens. */
final class ServerOptions {

    @Mixin
    DataDirOption data;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:" + HubSettings.DEFAULT_PORT,
            description = "Address to listen on (default: ${DEFAULT-VALUE}; port 0 picks a free one).")
    String listen;

    @Option(names = "--tls", description = "Serve the API over TLS on loopback too, with a certificate from the hub's"
            + " internal CA (beyond loopback TLS is always on).")
    boolean tls;

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "The API's certificate chain (leaf first), instead of"
            + " one from the internal CA; needs --tls-key.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "The private key of --tls-cert (unencrypted PEM).")
    Path tlsKey;

    @Option(names = "--tls-name", paramLabel = "NAME", split = ",", description = "More DNS names or addresses clients"
            + " use, for the internal CA's certificate (the listen address and host name are always in it).")
    List<String> tlsNames = List.of();

    /** Null leaves the choice to the hub: off on loopback, the internal CA's certificate elsewhere. */
    PublicTls tls() {
        if (tlsCert != null || tlsKey != null) {
            return new PublicTls(PublicTls.Mode.FILES, tlsCert, tlsKey, List.of());
        }
        return tls || !tlsNames.isEmpty() ? PublicTls.internalCa(tlsNames) : null;
    }

    Path dataDir(Path home, String name) {
        return data.resolve(home, name);
    }
}
