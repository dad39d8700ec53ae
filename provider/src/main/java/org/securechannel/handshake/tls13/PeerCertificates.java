package org.securechannel.handshake.tls13;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.CertificateMessage;
import org.securechannel.handshake.SelectedCertificate;

/** Turning Certificate messages into X.509 chains and back (RFC 8446 §4.4.2). */
final class PeerCertificates {
    /** CertificateFactory.getInstance walks the provider list; one factory per thread (no thread-safety promised). */
    private static final ThreadLocal<CertificateFactory> FACTORY = ThreadLocal.withInitial(() -> {
        try {
            return CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("X.509 CertificateFactory unavailable", e);
        }
    });

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
        List<X509Certificate> chain = new ArrayList<>(message.entries().size());
        try {
            CertificateFactory factory = FACTORY.get();
            for (CertificateMessage.CertificateEntry entry : message.entries()) {
                chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(entry.certData())));
            }
        } catch (CertificateException | RuntimeException e) {
            throw new AlertException(AlertDescription.BAD_CERTIFICATE, "peer certificate cannot be parsed: " + e.getMessage(), e);
        }
        return List.copyOf(chain);
    }

    /** Our Certificate message: the chain of {@code certificate}, or an empty one when it is null. */
    static CertificateMessage encode(SelectedCertificate certificate) throws AlertException {
        List<CertificateMessage.CertificateEntry> entries = new ArrayList<>();
        if (certificate != null) {
            try {
                for (X509Certificate c : certificate.chain()) {
                    entries.add(new CertificateMessage.CertificateEntry(c.getEncoded(), List.of()));
                }
            } catch (CertificateEncodingException e) {
                throw AlertException.internalError("our certificate cannot be encoded", e);
            }
        }
        return new CertificateMessage(new byte[0], entries);
    }
}
