package org.securechannel.context;

import java.security.cert.X509Certificate;
import java.util.List;
import org.securechannel.handshake.CertificateSelector;
import org.securechannel.handshake.SelectedCertificate;

/**
 * Remembers the chain our side presented, by watching the selector the handshake asks: needed for
 * tls-server-end-point on the server, and for {@code localCertificates()}.
 */
final class LocalCertificates {
    private volatile List<X509Certificate> chain = List.of();

    CertificateSelector recording(CertificateSelector selector) {
        return (schemes, issuers, serverName) -> {
            SelectedCertificate selected = selector.select(schemes, issuers, serverName);
            chain = selected == null ? List.of() : selected.chain();
            return selected;
        };
    }

    List<X509Certificate> chain() {
        return chain;
    }
}
