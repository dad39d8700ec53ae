package org.securechannel.context;

import java.security.cert.X509Certificate;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.handshake.CertificateSelector;
import org.securechannel.handshake.SelectedCertificate;

/**
 * Remembers the chain our side presented, by watching the selector the handshake asks: needed for
 * tls-server-end-point on the server, and for {@code localCertificates()}.
 */
final class LocalCertificates {
    private volatile List<X509Certificate> chain = List.of();

    CertificateSelector recording(CertificateSelector selector) {
        return new CertificateSelector() {
            @Override
            public SelectedCertificate select(List<SignatureScheme> schemes, List<X500Principal> issuers, String serverName)
                    throws AlertException {
                return record(selector.select(schemes, issuers, serverName));
            }

            @Override
            public SelectedCertificate select(List<SignatureScheme> schemes, List<X500Principal> issuers, String serverName,
                    List<SignatureScheme> peerSchemes) throws AlertException {
                return record(selector.select(schemes, issuers, serverName, peerSchemes));
            }
        };
    }

    private SelectedCertificate record(SelectedCertificate selected) {
        chain = selected == null ? List.of() : selected.chain();
        return selected;
    }

    List<X509Certificate> chain() {
        return chain;
    }
}
