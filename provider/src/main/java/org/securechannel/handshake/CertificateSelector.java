package org.securechannel.handshake;

import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.SignatureScheme;

/** Chooses the certificate we present. Implemented outside the handshake (key managers, configured chains). */
@FunctionalInterface
public interface CertificateSelector {
    /** A selector that never has a certificate. */
    CertificateSelector NONE = (schemes, issuers, serverName) -> null;

    /**
     * @param schemes    the schemes we may sign with, in the peer's order of preference (already limited to
     *                   what we enable and what TLS 1.3 allows in CertificateVerify)
     * @param issuers    certificate authorities the peer named (empty: any)
     * @param serverName the SNI host name the client asked for (server side), or null
     * @return the certificate to present, or null when none fits
     */
    SelectedCertificate select(List<SignatureScheme> schemes, List<X500Principal> issuers, String serverName)
            throws AlertException;

    /**
     * As {@link #select(List, List, String)}, also told the schemes the peer accepts in certificate signatures
     * ({@code peerSchemes}: its signature_algorithms_cert, else its signature_algorithms, PKCS#1 ones included): what
     * a JSSE key manager asks the handshake session for, to judge the signatures on a chain (a TLS 1.3 server's RSA
     * chain is signed with rsa_pkcs1_*, which CertificateVerify never uses).
     */
    default SelectedCertificate select(List<SignatureScheme> schemes, List<X500Principal> issuers, String serverName,
            List<SignatureScheme> peerSchemes) throws AlertException {
        return select(schemes, issuers, serverName);
    }

    /**
     * A resumed handshake (either version) sends no certificate, yet the connection still has one of ours, which the
     * session reports (JSSE's getLocalCertificates, read by Jetty's SNI check), as SunJSSE's resumed sessions do: the
     * one we would choose now for the same name and the session's signature scheme ({@code peerSchemes} as for
     * {@link #select(List, List, String, List)}). Tickets do not carry our own chain
     * (it would double them for what the configuration already holds). Nothing is sent.
     */
    default void chooseForResumedSession(SignatureScheme scheme, String serverName, List<SignatureScheme> peerSchemes)
            throws AlertException {
        if (scheme != null) {
            select(List.of(scheme), List.of(), serverName, peerSchemes);
        }
    }
}
