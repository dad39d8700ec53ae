package org.securechannel.handshake.tls12;

import java.util.ArrayList;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.codec.Tls12CertificateRequest;
import org.securechannel.handshake.HandshakeConfig;

/**
 * Client: what the server's CertificateRequest asked for, as the certificate selector takes it.
 *
 * @param schemes the server's schemes (its order) that we enable too
 * @param issuers the CA names it accepts (empty: any)
 */
record CertificateRequested(List<SignatureScheme> schemes, List<X500Principal> issuers) {
    CertificateRequested {
        schemes = List.copyOf(schemes);
        issuers = List.copyOf(issuers);
    }

    /** A DistinguishedName that is not a DER X.500 name is a decode_error. */
    static CertificateRequested of(Tls12CertificateRequest request, HandshakeConfig config) throws AlertException {
        List<SignatureScheme> schemes = new ArrayList<>();
        for (int code : request.signatureSchemes()) {
            SignatureScheme s = SignatureScheme.of(code);
            if (s != null && config.signatureSchemes().contains(s) && !schemes.contains(s)) {
                schemes.add(s);
            }
        }
        List<X500Principal> issuers = new ArrayList<>();
        for (byte[] der : request.authorities()) {
            try {
                issuers.add(new X500Principal(der));
            } catch (IllegalArgumentException e) {
                throw AlertException.decodeError("CertificateRequest names an authority that is not a distinguished name");
            }
        }
        return new CertificateRequested(schemes, issuers);
    }
}
