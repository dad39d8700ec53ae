package org.securechannel.handshake;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;

/** DER certificates from a peer's Certificate message (either version) into an X.509 chain. */
public final class CertificateChains {
    /** CertificateFactory.getInstance walks the provider list; one factory per thread (no thread-safety promised). */
    private static final ThreadLocal<CertificateFactory> FACTORY = ThreadLocal.withInitial(() -> {
        try {
            return CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("X.509 CertificateFactory unavailable", e);
        }
    });

    private CertificateChains() {
    }

    /** An entry that is not a parsable X.509 certificate is a bad_certificate. */
    public static List<X509Certificate> parse(List<byte[]> der) throws AlertException {
        List<X509Certificate> chain = new ArrayList<>(der.size());
        try {
            CertificateFactory factory = FACTORY.get();
            for (byte[] cert : der) {
                chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(cert)));
            }
        } catch (CertificateException | RuntimeException e) {
            throw new AlertException(AlertDescription.BAD_CERTIFICATE, "peer certificate cannot be parsed: " + e.getMessage(), e);
        }
        return List.copyOf(chain);
    }
}
