package org.securechannel.handshake;

import java.security.SecureRandom;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.crypto.CryptoBackend;

/**
 * Everything one handshake needs from outside, already resolved into handshake terms (no key managers,
 * no javax.net.ssl). Lists are in our order of preference. {@code applicationProtocolSelector} (server, may be
 * null) replaces the choice from {@code applicationProtocols}: given the client's ALPN list it returns the
 * protocol, "" for none, or null when nothing is acceptable. {@code serverNameAcceptor} (server, may be null)
 * judges the SNI host name of the first ClientHello before anything is sent; a name it refuses ends the
 * handshake with unrecognized_name (RFC 6066 §3). A ClientHello without SNI is not judged. {@code observer}
 * sees the secrets derived and the messages sent, for a key log and a debug log ({@link HandshakeObserver#NONE}
 * when nobody looks).
 */
public record HandshakeConfig(
        boolean client,
        List<CipherSuite> cipherSuites,
        List<NamedGroup> groups,
        List<SignatureScheme> signatureSchemes,
        List<String> applicationProtocols,
        String serverName,
        ClientAuthMode clientAuth,
        CryptoBackend crypto,
        SecureRandom random,
        CertificateSelector certificates,
        PeerAuthenticator peerAuthenticator,
        Function<List<String>, String> applicationProtocolSelector,
        Predicate<String> serverNameAcceptor,
        SessionCache sessions,
        TicketResumption tickets,
        HandshakeObserver observer) {

    /** Observed by nobody. */
    public HandshakeConfig(boolean client, List<CipherSuite> cipherSuites, List<NamedGroup> groups,
            List<SignatureScheme> signatureSchemes, List<String> applicationProtocols, String serverName,
            ClientAuthMode clientAuth, CryptoBackend crypto, SecureRandom random, CertificateSelector certificates,
            PeerAuthenticator peerAuthenticator, Function<List<String>, String> applicationProtocolSelector,
            Predicate<String> serverNameAcceptor, SessionCache sessions, TicketResumption tickets) {
        this(client, cipherSuites, groups, signatureSchemes, applicationProtocols, serverName, clientAuth, crypto,
                random, certificates, peerAuthenticator, applicationProtocolSelector, serverNameAcceptor, sessions,
                tickets, HandshakeObserver.NONE);
    }

    /** Without TLS 1.3 tickets. */
    public HandshakeConfig(boolean client, List<CipherSuite> cipherSuites, List<NamedGroup> groups,
            List<SignatureScheme> signatureSchemes, List<String> applicationProtocols, String serverName,
            ClientAuthMode clientAuth, CryptoBackend crypto, SecureRandom random, CertificateSelector certificates,
            PeerAuthenticator peerAuthenticator, Function<List<String>, String> applicationProtocolSelector,
            Predicate<String> serverNameAcceptor, SessionCache sessions) {
        this(client, cipherSuites, groups, signatureSchemes, applicationProtocols, serverName, clientAuth, crypto,
                random, certificates, peerAuthenticator, applicationProtocolSelector, serverNameAcceptor, sessions,
                TicketResumption.NONE);
    }

    /** Without session resumption. */
    public HandshakeConfig(boolean client, List<CipherSuite> cipherSuites, List<NamedGroup> groups,
            List<SignatureScheme> signatureSchemes, List<String> applicationProtocols, String serverName,
            ClientAuthMode clientAuth, CryptoBackend crypto, SecureRandom random, CertificateSelector certificates,
            PeerAuthenticator peerAuthenticator, Function<List<String>, String> applicationProtocolSelector,
            Predicate<String> serverNameAcceptor) {
        this(client, cipherSuites, groups, signatureSchemes, applicationProtocols, serverName, clientAuth, crypto,
                random, certificates, peerAuthenticator, applicationProtocolSelector, serverNameAcceptor, SessionCache.NONE);
    }

    /** Without an ALPN selector: a server picks from {@code applicationProtocols}. */
    public HandshakeConfig(boolean client, List<CipherSuite> cipherSuites, List<NamedGroup> groups,
            List<SignatureScheme> signatureSchemes, List<String> applicationProtocols, String serverName,
            ClientAuthMode clientAuth, CryptoBackend crypto, SecureRandom random, CertificateSelector certificates,
            PeerAuthenticator peerAuthenticator) {
        this(client, cipherSuites, groups, signatureSchemes, applicationProtocols, serverName, clientAuth, crypto,
                random, certificates, peerAuthenticator, null);
    }

    /** Without a server-name acceptor: a server accepts every SNI host name. */
    public HandshakeConfig(boolean client, List<CipherSuite> cipherSuites, List<NamedGroup> groups,
            List<SignatureScheme> signatureSchemes, List<String> applicationProtocols, String serverName,
            ClientAuthMode clientAuth, CryptoBackend crypto, SecureRandom random, CertificateSelector certificates,
            PeerAuthenticator peerAuthenticator, Function<List<String>, String> applicationProtocolSelector) {
        this(client, cipherSuites, groups, signatureSchemes, applicationProtocols, serverName, clientAuth, crypto,
                random, certificates, peerAuthenticator, applicationProtocolSelector, null);
    }

    /** Whether {@code version} may be negotiated: a version is enabled when at least one of its suites is. */
    public boolean enables(org.securechannel.codec.ProtocolVersion version) {
        for (CipherSuite s : cipherSuites) {
            if (s.version() == version) {
                return true;
            }
        }
        return false;
    }

    /**
     * Server: a ClientHello's SNI host name (null: none sent) that the acceptor refuses ends the handshake with
     * unrecognized_name (RFC 6066 §3), before anything is sent, in either version.
     */
    public void checkServerName(String requested) throws org.securechannel.codec.AlertException {
        if (requested != null && serverNameAcceptor != null && !serverNameAcceptor.test(requested)) {
            throw new org.securechannel.codec.AlertException(org.securechannel.codec.AlertDescription.UNRECOGNIZED_NAME,
                    "the requested server name '" + requested + "' is not recognized");
        }
    }

    /** Where a client finds and keeps its session with this server: the SNI name (no name, no resumption). */
    public byte[] clientSessionKey() {
        return serverName == null ? null : serverName.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    public HandshakeConfig {
        sessions = sessions == null ? SessionCache.NONE : sessions;
        tickets = tickets == null ? TicketResumption.NONE : tickets;
        observer = observer == null ? HandshakeObserver.NONE : observer;
        cipherSuites = List.copyOf(cipherSuites);
        groups = List.copyOf(groups);
        signatureSchemes = List.copyOf(signatureSchemes);
        applicationProtocols = List.copyOf(applicationProtocols);
    }
}
