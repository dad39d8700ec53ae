package org.securechannel.handshake;

import java.security.SecureRandom;
import java.util.List;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.crypto.CryptoBackend;

/**
 * Everything one handshake needs from outside, already resolved into handshake terms (no key managers,
 * no javax.net.ssl). Lists are in our order of preference.
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
        PeerAuthenticator peerAuthenticator) {

    public HandshakeConfig {
        cipherSuites = List.copyOf(cipherSuites);
        groups = List.copyOf(groups);
        signatureSchemes = List.copyOf(signatureSchemes);
        applicationProtocols = List.copyOf(applicationProtocols);
    }
}
