package org.securechannel.handshake;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;

/** A Certificate message's DER certificates (either version) to and from an X.509 chain. */
public final class CertificateChains {
    /**
     * CertificateFactory.getInstance walks the provider list, and a factory promises no thread safety: one per
     * platform thread, pooled for virtual threads (a new virtual thread per connection would build one each).
     */
    private static final org.securechannel.crypto.ScratchPool<CertificateFactory> FACTORY =
            new org.securechannel.crypto.ScratchPool<>(() -> {
                try {
                    return CertificateFactory.getInstance("X.509");
                } catch (CertificateException e) {
                    throw new IllegalStateException("X.509 CertificateFactory unavailable", e);
                }
            });

    private CertificateChains() {
    }

    /** Our chain as DER, leaf first; a certificate we cannot encode is internal_error. */
    public static List<byte[]> encode(List<X509Certificate> chain) throws AlertException {
        List<byte[]> der = new ArrayList<>(chain.size());
        try {
            for (X509Certificate c : chain) {
                der.add(c.getEncoded());
            }
        } catch (java.security.cert.CertificateEncodingException e) {
            throw AlertException.internalError("our certificate cannot be encoded", e);
        }
        return der;
    }

    /**
     * An entry that is not a parsable X.509 certificate is a bad_certificate. A certificate parsed before from the
     * same bytes is reused ({@link ParsedCertificates}).
     */
    public static List<X509Certificate> parse(List<byte[]> der) throws AlertException {
        X509Certificate[] chain = new X509Certificate[der.size()];
        CertificateFactory factory = null;
        try {
            for (int i = 0; i < chain.length; i++) {
                byte[] cert = der.get(i);
                X509Certificate parsed = ParsedCertificates.find(cert);
                if (parsed == null) {
                    factory = factory == null ? FACTORY.take() : factory;
                    parsed = (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(cert));
                    ParsedCertificates.keep(cert, parsed);
                }
                chain[i] = parsed;
            }
        } catch (CertificateException | RuntimeException e) {
            throw new AlertException(AlertDescription.BAD_CERTIFICATE, "peer certificate cannot be parsed: " + e.getMessage(), e);
        } finally {
            if (factory != null) {
                FACTORY.give(factory);
            }
        }
        return List.of(chain);
    }
}
