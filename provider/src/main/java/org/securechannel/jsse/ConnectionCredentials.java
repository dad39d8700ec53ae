package org.securechannel.jsse;

import java.net.Socket;
import java.security.AlgorithmConstraints;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import org.securechannel.codec.CipherSuite;
import org.securechannel.context.Credentials;
import org.securechannel.context.SecurityContext;

/**
 * The engine credentials and handshake session of one JSSE connection, built from the SSLContext's
 * {@link ContextConfig} and the connection's SSLParameters-like settings. The SSLEngine and the SSLSocket
 * both start their handshakes here, so a setting means the same on either.
 */
final class ConnectionCredentials {
    /**
     * What a connection was configured with when its handshake began.
     *
     * @param serverNames         SNI names set through SSLParameters; null: derived from {@code peerHost}
     * @param selector            the server's ALPN selector (already bound to its engine or socket), or null
     * @param sniMatchers         server-side SNI matchers (not applied here yet), or null
     * @param algorithmConstraints as set through SSLParameters (not applied here yet), or null
     */
    record Request(boolean clientMode, String peerHost, int peerPort, List<String> enabledProtocols,
                   List<String> enabledSuites, List<SNIServerName> serverNames, List<String> applicationProtocols,
                   String endpointIdentification, boolean needClientAuth, boolean wantClientAuth,
                   boolean enableSessionCreation, Function<List<String>, String> selector,
                   Collection<SNIMatcher> sniMatchers, AlgorithmConstraints algorithmConstraints) {
    }

    final Credentials credentials;
    /** The handshake session, filled in by the key and trust managers as the handshake goes. */
    final SecureChannelSession session;
    /** The name a client authenticates (and sends as SNI); null for servers. */
    final String serverName;
    final boolean clientMode;

    private ConnectionCredentials(Credentials credentials, SecureChannelSession session, String serverName, boolean clientMode) {
        this.credentials = credentials;
        this.session = session;
        this.serverName = serverName;
        this.clientMode = clientMode;
    }

    /** A new engine context over these credentials, already known to the handshake session. */
    SecurityContext newContext() {
        SecurityContext context = clientMode ? SecurityContext.client(credentials, serverName) : SecurityContext.server(credentials);
        session.securityContext(context);
        return context;
    }

    /**
     * Builds the credentials; the key and trust managers are wrapped so their X509Extended* calls get
     * {@code engine} or {@code socket} (exactly one of them non-null).
     *
     * @throws SSLHandshakeException when the settings allow no handshake (no TLS 1.3, no suite, no session creation,
     *                               a server without a certificate)
     */
    static ConnectionCredentials build(ContextConfig config, Request r, SSLEngine engine, Socket socket) throws SSLHandshakeException {
        List<CipherSuite> suites = new ArrayList<>();
        for (String name : r.enabledSuites()) {
            CipherSuite s = Names.suite(name);
            if (s != null && config.supportedSuites.contains(name)) {
                suites.add(s);
            }
        }
        if (!r.enabledProtocols().contains(Names.TLS13) || suites.isEmpty()) {
            throw new SSLHandshakeException("No appropriate protocol (protocol is disabled or cipher suites are "
                    + "inappropriate): enabled protocols " + r.enabledProtocols() + ", cipher suites " + r.enabledSuites()
                    + "; SecureChannel supports TLSv1.3 with " + config.supportedSuites);
        }
        if (!r.enableSessionCreation()) {
            throw new SSLHandshakeException("No new session is allowed (setEnableSessionCreation(false))");
        }
        byte[] id = new byte[32];
        config.random.nextBytes(id);
        SecureChannelSession hs = new SecureChannelSession(id, r.peerHost(), r.peerPort());
        hs.protocol(Names.TLS13);
        hs.localSignatureAlgorithms(Names.standardNames(config.schemes));
        Credentials.Builder b = r.clientMode() ? Credentials.client() : Credentials.server();
        b.cipherSuites(suites).groups(config.groups).signatureSchemes(config.schemes).random(config.random);
        if (config.keyManager != null) {
            b.keyManager(new ConnectionKeyManager(config.keyManager, engine, socket, hs));
        }
        b.trustManager(new ConnectionTrustManager(config.trustManager, engine, socket, hs));
        b.applicationProtocols(r.applicationProtocols());
        String serverName = null;
        if (r.clientMode()) {
            List<SNIServerName> requested = requestedServerNames(r.serverNames(), r.peerHost());
            hs.requestedServerNames(requested);
            serverName = requested.stream().filter(n -> n instanceof SNIHostName)
                    .map(n -> ((SNIHostName) n).getAsciiName()).findFirst().orElse(r.peerHost());
            boolean identify = r.endpointIdentification() != null && !r.endpointIdentification().isEmpty();
            // An X509ExtendedTrustManager identifies the endpoint itself (from our SSLParameters), as with SunJSSE.
            b.hostnameVerification(identify && !ConnectionTrustManager.identifiesEndpoints(config.trustManager));
        } else {
            b.clientAuth(r.needClientAuth() ? Credentials.ClientAuth.REQUIRED
                    : r.wantClientAuth() ? Credentials.ClientAuth.OPTIONAL : Credentials.ClientAuth.NONE);
            if (r.selector() != null) {
                b.applicationProtocolSelector(r.selector());
            }
        }
        try {
            return new ConnectionCredentials(b.build(), hs, serverName, r.clientMode());
        } catch (IllegalStateException | IllegalArgumentException e) {
            SSLHandshakeException x = new SSLHandshakeException(r.clientMode() ? "cannot configure the handshake: " + e.getMessage()
                    : "No available authentication scheme: the server has no key manager with a certificate");
            x.initCause(e);
            throw x;
        }
    }

    /** The server names a client asks for: those set in SSLParameters, else the peer host when it is a name. */
    static List<SNIServerName> requestedServerNames(List<SNIServerName> set, String host) {
        if (set != null) {
            return set;
        }
        if (host == null || host.isEmpty() || host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
            return List.of();
        }
        try {
            return List.of(new SNIHostName(host));
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }
}
