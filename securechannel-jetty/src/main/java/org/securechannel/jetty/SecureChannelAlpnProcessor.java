package org.securechannel.jetty;

import java.util.List;
import java.util.function.BiFunction;
import javax.net.ssl.SSLEngine;
import org.eclipse.jetty.alpn.server.ALPNServerConnection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.ssl.ALPNProcessor;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.io.ssl.SslHandshakeListener;

/**
 * Jetty 12's server ALPN processor for SecureChannel engines, found by Jetty through ServiceLoader
 * ({@code META-INF/services/org.eclipse.jetty.io.ssl.ALPNProcessor$Server}): put this artifact
 * ({@code securechannel-jetty}) on a Jetty server's class path and HTTP/2 over TLS works with SecureChannel.
 *
 * <p>Jetty picks an ALPN processor per SSLEngine, and its JDK one (jetty-alpn-java-server's
 * JDK9ServerALPNProcessor) applies only to engines whose class is in the {@code java.base} module, i.e.
 * SunJSSE; any other provider needs its own (Jetty ships them for Conscrypt and Bouncy Castle). Without one,
 * Jetty rejects every TLS connection that uses ALPN ("No ALPN Processor for ..."). This one does exactly
 * what the JDK one does, through the standard Java 9 API ({@code setHandshakeApplicationProtocolSelector}), so it
 * needs nothing of SecureChannel but the engine's class name, and of Jetty only its ALPN API (provided scope).
 */
public final class SecureChannelAlpnProcessor implements ALPNProcessor.Server {
    @Override
    public boolean appliesTo(SSLEngine engine) {
        return engine.getClass().getName().startsWith("org.securechannel.");
    }

    @Override
    public void configure(SSLEngine engine, Connection connection) {
        engine.setHandshakeApplicationProtocolSelector(new Callback((ALPNServerConnection) connection));
    }

    /** Selects from the client's list during the handshake; a client without ALPN gets the default protocol after it. */
    private static final class Callback implements BiFunction<SSLEngine, List<String>, String>, SslHandshakeListener {
        private final ALPNServerConnection connection;

        Callback(ALPNServerConnection connection) {
            this.connection = connection;
            ((SslConnection.SslEndPoint) connection.getEndPoint()).getSslConnection().addHandshakeListener(this);
        }

        @Override
        public String apply(SSLEngine engine, List<String> protocols) {
            try {
                connection.select(protocols);
                return connection.getProtocol();
            } catch (Throwable x) {
                return null; // no_application_protocol, as Jetty's JDK processor answers
            }
        }

        @Override
        public void handshakeSucceeded(Event event) {
            if (connection.getProtocol() == null) {
                connection.unsupported();
            }
        }
    }
}
