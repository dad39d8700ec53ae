package org.securechannel.handshake;

import java.security.SecureRandom;
import java.util.List;
import java.util.function.Function;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.crypto.CryptoBackend;

/**
 * Everything one handshake needs from outside, already resolved into handshake terms (no key managers,
 * no javax.net.ssl). Lists are in our order of preference. {@code applicationProtocolSelector} (server, may be
 * null) replaces the choice from {@code applicationProtocols}: given the client's ALPN list it returns the
 * protocol, "" for none, or null when nothing is acceptable.
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
        Function<List<String>, String> applicationProtocolSelector) {

    /** Without an ALPN selector: a server picks from {@code applicationProtocols}. */
    public HandshakeConfig(boolean client, List<CipherSuite> cipherSuites, List<NamedGroup> groups,
            List<SignatureScheme> signatureSchemes, List<String> applicationProtocols, String serverName,
            ClientAuthMode clientAuth, CryptoBackend crypto, SecureRandom random, CertificateSelector certificates,
            PeerAuthenticator peerAuthenticator) {
        this(client, cipherSuites, groups, signatureSchemes, applicationProtocols, serverName, clientAuth, crypto,
                random, certificates, peerAuthenticator, null);
    }

    public HandshakeConfig {
        cipherSuites = List.copyOf(cipherSuites);
        groups = List.copyOf(groups);
        signatureSchemes = List.copyOf(signatureSchemes);
        applicationProtocols = List.copyOf(applicationProtocols);
    }
}
