package org.securechannel.handshake.tls13;

import java.util.ArrayList;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.CertificateAuthoritiesExtension;
import org.securechannel.codec.Extension;

/** The certificate_authorities extension (RFC 8446 §4.2.4) as X.500 names, whichever side sent it. */
final class CertificateAuthorities {
    private CertificateAuthorities() {
    }

    /** The names in {@code extension}; empty when it is absent. A name that is not valid DER is a decode_error. */
    static List<X500Principal> names(Extension extension) throws AlertException {
        if (extension == null) {
            return List.of();
        }
        List<X500Principal> names = new ArrayList<>();
        for (byte[] der : CertificateAuthoritiesExtension.parse(extension.data())) {
            try {
                names.add(new X500Principal(der));
            } catch (IllegalArgumentException e) {
                throw AlertException.decodeError("certificate_authorities holds a malformed name");
            }
        }
        return List.copyOf(names);
    }
}
