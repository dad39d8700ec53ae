package org.securechannel.handshake.tls13;

import java.security.cert.X509Certificate;
import java.util.List;
import org.securechannel.codec.SignatureScheme;

/**
 * A peer whose certificate chain the configured authenticator accepted and whose CertificateVerify proved it
 * holds the leaf's key. Only {@link CertificateVerifySupport#verify} makes one with a chain; a client that
 * sent an empty Certificate (where the server allows it) is {@link #NONE}.
 *
 * @param scheme the scheme of its CertificateVerify; null for {@link #NONE}
 */
record VerifiedPeer(List<X509Certificate> chain, SignatureScheme scheme) {
    static final VerifiedPeer NONE = new VerifiedPeer(List.of(), null);

    VerifiedPeer {
        chain = List.copyOf(chain);
    }
}
