package org.securechannel.handshake.tls13;

import java.security.cert.X509Certificate;
import java.util.List;
import org.securechannel.codec.SignatureScheme;

/**
 * A peer whose certificate chain the configured authenticator accepted and whose CertificateVerify proved it
 * holds the leaf's key. Only {@link CertificateVerifySupport#verify} makes one with a chain (and {@link #fromSession},
 * the peer such a check accepted in the full handshake a ticket resumes); a client that
 * sent an empty Certificate (where the server allows it) is {@link #NONE}.
 *
 * @param scheme the scheme of its CertificateVerify; null for {@link #NONE}
 */
record VerifiedPeer(List<X509Certificate> chain, SignatureScheme scheme) {
    static final VerifiedPeer NONE = new VerifiedPeer(List.of(), null);

    /** The peer of a resumed session: verified in the full handshake that issued the ticket, not again. */
    static VerifiedPeer fromSession(List<X509Certificate> chain, SignatureScheme scheme) {
        return new VerifiedPeer(chain, scheme);
    }

    VerifiedPeer {
        chain = List.copyOf(chain);
    }
}
