package org.securechannel.handshake;

import java.security.cert.X509Certificate;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.securechannel.codec.AlertException;

/** Judges the peer's certificate chain. Implemented outside the handshake (trust managers, host names). */
public interface PeerAuthenticator {
    /** Throws the alert that fits (bad_certificate, unknown_ca, certificate_expired...) unless the chain is acceptable. */
    void authenticate(List<X509Certificate> chain) throws AlertException;

    /** The CA names a server sends in certificate_authorities (may be empty). */
    List<X500Principal> acceptedIssuers();
}
