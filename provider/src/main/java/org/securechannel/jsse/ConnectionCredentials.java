package org.securechannel.jsse;

import java.net.Socket;
import java.security.AlgorithmConstraints;
import java.security.CryptoPrimitive;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.StandardConstants;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.context.Credentials;
import org.securechannel.context.SecurityContext;

/**
 * The engine credentials and handshake session of one JSSE connection, built from the SSLContext's
 * {@link ContextConfig} and the connection's SSLParameters-like settings. The SSLEngine and the SSLSocket
 * both start their handshakes here, so a setting means the same on either.
 */
final class ConnectionCredentials {
    private static final Set<CryptoPrimitive> KEY_AGREEMENT = EnumSet.of(CryptoPrimitive.KEY_AGREEMENT);
    private static final Set<CryptoPrimitive> SIGNATURE = EnumSet.of(CryptoPrimitive.SIGNATURE);

    /**
     * What a connection was configured with when its handshake began.
     *
     * @param serverNames         SNI names set through SSLParameters; null: derived from {@code peerHost}
     * @param selector            the server's ALPN selector (already bound to its engine or socket), or null
     * @param sniMatchers         server-side SNI matchers, or null; a client's host name none matches is refused
     *                            with unrecognized_name, as SunJSSE does
     * @param algorithmConstraints as set through SSLParameters, or null; they filter suites, groups and signature
     *                            schemes, asked as SunJSSE asks them
     * @param namedGroups         the groups to enable, in preference order: SSLParameters.setNamedGroups (JDK 20+)
     *                            if the application set them, else the context's (jdk.tls.namedGroups)
     */
    record Request(boolean clientMode, String peerHost, int peerPort, List<String> enabledProtocols,
                   List<String> enabledSuites, List<SNIServerName> serverNames, List<String> applicationProtocols,
                   String endpointIdentification, boolean needClientAuth, boolean wantClientAuth,
                   boolean enableSessionCreation, Function<List<String>, String> selector,
                   Collection<SNIMatcher> sniMatchers, AlgorithmConstraints algorithmConstraints,
                   List<NamedGroup> namedGroups) {
    }

    final Credentials credentials;
    /** The handshake session, filled in by the key and trust managers as the handshake goes. */
    final SecureChannelSession session;
    /** The name a client authenticates (and sends as SNI); null for servers. */
    final String serverName;
    final boolean clientMode;

    /** The peer's port as the engine or socket knows it, 0 when unknown (an engine made without one says -1). */
    final int peerPort;

    private ConnectionCredentials(Credentials credentials, SecureChannelSession session, String serverName, boolean clientMode,
            int peerPort) {
        this.credentials = credentials;
        this.session = session;
        this.serverName = serverName;
        this.clientMode = clientMode;
        this.peerPort = peerPort < 0 || peerPort > 0xFFFF ? 0 : peerPort;
    }

    /** A new engine context over these credentials, already known to the handshake session. */
    SecurityContext newContext() {
        SecurityContext context = clientMode ? SecurityContext.client(credentials, serverName, peerPort, null)
                : SecurityContext.server(credentials);
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
        AlgorithmConstraints constraints = r.algorithmConstraints();
        List<CipherSuite> suites = new ArrayList<>();
        for (String name : r.enabledSuites()) {
            CipherSuite s = Names.suite(name);
            // SunJSSE asks the constraints about each suite, by its name, for key agreement.
            if (s != null && config.supportedSuites.contains(name) && r.enabledProtocols().contains(s.version().jsseName())
                    && (constraints == null || constraints.permits(KEY_AGREEMENT, name, null))) {
                suites.add(s);
            }
        }
        if (suites.isEmpty()) {
            throw new SSLHandshakeException("No appropriate protocol (protocol is disabled or cipher suites are "
                    + "inappropriate): enabled protocols " + r.enabledProtocols() + ", cipher suites " + r.enabledSuites()
                    + (constraints == null ? "" : " as the algorithm constraints permit them")
                    + "; SecureChannel supports " + Names.SUPPORTED_PROTOCOLS + " with " + config.supportedSuites);
        }
        // Without constraints every connection shares the context's immutable lists: idle connections stay small.
        List<NamedGroup> groups = r.namedGroups();
        if (groups.isEmpty()) {
            throw new SSLHandshakeException("No supported named group: SSLParameters.setNamedGroups names none we support");
        }
        List<SignatureScheme> schemes = config.schemes;
        List<String> schemeNames = config.schemeNames;
        if (constraints != null) {
            groups = new ArrayList<>(groups);
            schemes = new ArrayList<>(config.schemes);
            groups.removeIf(g -> !constraints.permits(KEY_AGREEMENT, g.ianaName(), null));
            schemes.removeIf(s -> !permits(constraints, s));
            if (groups.isEmpty() || schemes.isEmpty()) {
                throw new SSLHandshakeException("The algorithm constraints permit no "
                        + (groups.isEmpty() ? "named group of " + r.namedGroups() : "signature scheme of " + config.schemes));
            }
            schemeNames = Names.standardNames(schemes);
        }
        if (!r.enableSessionCreation()) {
            throw new SSLHandshakeException("No new session is allowed (setEnableSessionCreation(false))");
        }
        byte[] id = new byte[32];
        config.random.nextBytes(id);
        SecureChannelSession hs = new SecureChannelSession(id, r.peerHost(), r.peerPort());
        hs.protocol(suites.get(0).version().jsseName()); // the best we offer, until the handshake says
        hs.localSignatureAlgorithms(schemeNames);
        Credentials.Builder b = r.clientMode() ? Credentials.client() : Credentials.server();
        b.peer(r.peerHost(), r.peerPort()); // names the peer in JFR events and the debug log
        SessionContext sessions = r.clientMode() ? config.clientSessions : config.serverSessions;
        b.cipherSuites(suites).groups(groups).signatureSchemes(schemes).random(config.random)
                .handshakeTimeout(config.handshakeTimeout)
                .sessionCache(sessions.resumption());
        if (r.clientMode()) {
            if (config.clientTickets) {
                b.clientSessionStore(sessions.tickets());
            }
        } else {
            // One ticket keyset per SSLContext, not per connection: these Credentials are built per connection.
            org.securechannel.session.TicketSealer sealer = config.serverTickets ? sessions.ticketSealer() : null;
            if (sealer == null) {
                b.sessionTickets(0);
            } else {
                // Tickets live jdk.tls.server.sessionTicketTimeout; the session context's timeout is its ID cache's.
                b.ticketSealer(sealer).ticketLifetime(config.ticketLifetime);
            }
        }
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
            hs.ticketPeerName(serverName);
            boolean identify = r.endpointIdentification() != null && !r.endpointIdentification().isEmpty();
            // An X509ExtendedTrustManager identifies the endpoint itself (from our SSLParameters), as with SunJSSE.
            b.hostnameVerification(identify && !ConnectionTrustManager.identifiesEndpoints(config.trustManager));
        } else {
            b.clientAuth(r.needClientAuth() ? Credentials.ClientAuth.REQUIRED
                    : r.wantClientAuth() ? Credentials.ClientAuth.OPTIONAL : Credentials.ClientAuth.NONE);
            if (r.selector() != null) {
                b.applicationProtocolSelector(r.selector());
            }
            Collection<SNIMatcher> matchers = r.sniMatchers();
            if (matchers != null && !matchers.isEmpty()) {
                b.serverNameAcceptor(host -> acceptsServerName(matchers, host, hs));
            }
        }
        try {
            return new ConnectionCredentials(b.build(), hs, serverName, r.clientMode(), r.peerPort());
        } catch (IllegalStateException | IllegalArgumentException e) {
            SSLHandshakeException x = new SSLHandshakeException(r.clientMode() ? "cannot configure the handshake: " + e.getMessage()
                    : "No available authentication scheme: the server has no key manager with a certificate");
            x.initCause(e);
            throw x;
        }
    }

    /** SunJSSE's SignatureScheme.isPermitted: the scheme's name, its key algorithm and its signature algorithm. */
    private static boolean permits(AlgorithmConstraints c, SignatureScheme s) {
        String keyAlgorithm = switch (s) {
            case ECDSA_SECP256R1_SHA256, ECDSA_SECP384R1_SHA384, ECDSA_SECP521R1_SHA512 -> "EC";
            case ED25519 -> "EdDSA";
            case RSA_PSS_PSS_SHA256, RSA_PSS_PSS_SHA384, RSA_PSS_PSS_SHA512 -> "RSASSA-PSS";
            default -> "RSA";
        };
        return c.permits(SIGNATURE, s.ianaName(), null) && c.permits(SIGNATURE, keyAlgorithm, null)
                && c.permits(SIGNATURE, Names.standardName(s), null);
    }

    /**
     * As SunJSSE's ServerNameExtension: with SNIMatchers set, a client's host name must match one of the
     * host-name matchers, else the handshake ends with unrecognized_name. The accepted name is what the
     * handshake session reports as requested.
     */
    private static boolean acceptsServerName(Collection<SNIMatcher> matchers, String host, SecureChannelSession hs) {
        SNIHostName name;
        try {
            name = new SNIHostName(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
        for (SNIMatcher m : matchers) {
            if (m.getType() == StandardConstants.SNI_HOST_NAME && m.matches(name)) {
                hs.requestedServerNames(List.of(name));
                return true;
            }
        }
        return false;
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
