package io.mcphub.hub.http;

import javax.net.ssl.SSLContext;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** A Jetty TLS listener on the hub's own SSLContext (the public API's, or the agents' mutual-TLS one). */
public final class TlsConnector {

    private TlsConnector() {}

    /**
     * @param needClientCertificate mutual TLS between our own ends: a peer without a certificate the context trusts
     *                              is refused in the handshake, and only TLS 1.3 is spoken (it alone lets the agent
     *                              listener rule out session resumption, see TlsContexts); the public API also
     *                              accepts TLS 1.2 clients
     */
    public static ServerConnector create(Server server, HttpConfiguration http, SSLContext tls,
                                         boolean needClientCertificate, String host, int port) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setSslContext(tls);
        ssl.setNeedClientAuth(needClientCertificate);
        if (needClientCertificate) {
            ssl.setIncludeProtocols("TLSv1.3");
        }
        HttpConfiguration https = new HttpConfiguration(http);
        // Clients may dial an address rather than a name in the certificate: do not insist on SNI matching.
        https.addCustomizer(new SecureRequestCustomizer(false));
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                new HttpConnectionFactory(https));
        connector.setHost(host);
        connector.setPort(port);
        return connector;
    }
}
