package org.securechannel.handshake.tls13;

import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.securechannel.codec.SignatureScheme;

/**
 * What the server's CertificateRequest asked of the client.
 *
 * @param schemes schemes we may answer with, in the server's order
 * @param issuers the CA names it accepts (empty: any)
 */
record ClientCertificateRequest(List<SignatureScheme> schemes, List<X500Principal> issuers) {
}
