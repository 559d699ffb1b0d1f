package io.mcphub.cli.hub;

import io.mcphub.cli.common.CliException;
import io.mcphub.cli.common.ExitCodes;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLException;

/** Turns a transport failure into the "cannot reach the hub" sentence (exit 3), naming the URL we tried. */
public final class Unreachable {
    private Unreachable() {}

    public static CliException of(URI hub, IOException e) {
        return new CliException(ExitCodes.UNREACHABLE, "cannot reach the hub at " + hub + " (" + reason(e)
                + "); start it with 'mcphub dev' or set MCPHUB_URL", e);
    }

    /** The JDK HTTP client wraps the real cause a level or two down and often without a message. */
    static String reason(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "unknown host";
            }
            if (t instanceof HttpConnectTimeoutException) {
                return "connection timed out";
            }
            if (t instanceof HttpTimeoutException) {
                return "no answer in time";
            }
            if (t instanceof SSLException && String.valueOf(t.getMessage()).contains("PKIX")) {
                return "TLS failed: the hub's certificate is not one this CLI trusts; if the hub issued it itself, set"
                        + " MCPHUB_CA_FILE to its DATA_DIR/ca.pem (cli.env does)";
            }
            if (t instanceof SSLException) {
                return "TLS failed: " + t.getMessage();
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return t.getMessage() == null || t.getMessage().isBlank()
                        ? "connection refused" : t.getMessage().toLowerCase(java.util.Locale.ROOT);
            }
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
