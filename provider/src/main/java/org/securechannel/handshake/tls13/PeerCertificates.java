package org.securechannel.handshake.tls13;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.CertificateMessage;
import org.securechannel.handshake.CertificateChains;
import org.securechannel.handshake.SelectedCertificate;

/** Turning Certificate messages into X.509 chains and back (RFC 8446 §4.4.2). */
final class PeerCertificates {
    private PeerCertificates() {
    }

    /**
     * The chain in a peer's Certificate message. The request context must be the one we expect (empty
     * during the handshake): illegal_parameter otherwise; an entry that is not a parsable X.509 certificate
     * is a bad_certificate.
     */
    static List<X509Certificate> parse(CertificateMessage message) throws AlertException {
        if (message.requestContext().length != 0) {
            throw AlertException.illegalParameter("Certificate carries a request context where none was asked for");
        }
        List<byte[]> der = new ArrayList<>(message.entries().size());
        for (CertificateMessage.CertificateEntry entry : message.entries()) {
            der.add(entry.certData());
        }
        return CertificateChains.parse(der);
    }

    /** Our Certificate message: the chain of {@code certificate}, or an empty one when it is null. */
    static CertificateMessage encode(SelectedCertificate certificate) throws AlertException {
        List<CertificateMessage.CertificateEntry> entries = new ArrayList<>();
        if (certificate != null) {
            for (byte[] der : CertificateChains.encode(certificate.chain())) {
                entries.add(new CertificateMessage.CertificateEntry(der, List.of()));
            }
        }
        return new CertificateMessage(new byte[0], entries);
    }
}
