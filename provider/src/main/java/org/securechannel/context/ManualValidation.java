package org.securechannel.context;

import java.security.cert.X509Certificate;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.securechannel.handshake.PeerAuthenticator;

/**
 * Schannel's ISC_REQ_MANUAL_CRED_VALIDATION: the handshake still proves the peer holds the certificate's key
 * (CertificateVerify), but judging the chain is left to the caller, from {@code peerCertificates()}.
 */
final class ManualValidation implements PeerAuthenticator {
    static final ManualValidation INSTANCE = new ManualValidation();

    @Override
    public void authenticate(List<X509Certificate> chain) {
        // Deliberately accepts: the caller validates after the handshake.
    }

    @Override
    public List<X500Principal> acceptedIssuers() {
        return List.of();
    }
}
