package org.securechannel.context;

import java.util.List;
import org.securechannel.codec.SignatureScheme;

/**
 * Optionally implemented by a key manager given to {@link Credentials}: it is told what the peer asked for
 * just before it is asked to choose an alias. The plain X509KeyManager calls carry neither the SNI name nor
 * the peer's signature algorithms, and a JSSE key manager finds them in the handshake session, which the
 * JSSE adapter fills from this call.
 */
public interface CertificateSelectionHints {
    /**
     * @param serverName the SNI host name the client asked for (server side), or null
     * @param peerSchemes the signature schemes both sides accept, in the peer's order of preference
     */
    void selecting(String serverName, List<SignatureScheme> peerSchemes);
}
