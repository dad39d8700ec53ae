package org.securechannel.codec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * TLS 1.2 Certificate (RFC 5246 §7.4.2): {@code ASN.1Cert certificate_list<0..2^24-1>}, each
 * {@code opaque ASN.1Cert<1..2^24-1>}; no request context and no per-certificate extensions as in TLS 1.3.
 * An empty list is how a client declines a CertificateRequest.
 */
public final class Tls12CertificateMessage implements HandshakeMessage {
    private final List<byte[]> certificates;

    public Tls12CertificateMessage(List<byte[]> certificates) {
        List<byte[]> copies = new ArrayList<>(certificates.size());
        for (byte[] c : certificates) {
            copies.add(Wire.copy(c, 1, 0xFFFFFF, "ASN.1Cert"));
        }
        this.certificates = Collections.unmodifiableList(copies);
    }

    public static Tls12CertificateMessage parse(byte[] body) throws AlertException {
        TlsReader r = new TlsReader(body, "Certificate");
        TlsReader list = r.sub24("Certificate.certificate_list");
        r.expectEnd();
        List<byte[]> certificates = new ArrayList<>();
        while (list.hasRemaining()) {
            byte[] cert = list.vector24();
            if (cert.length == 0) {
                throw AlertException.decodeError("Certificate: empty ASN.1Cert");
            }
            certificates.add(cert);
        }
        return new Tls12CertificateMessage(certificates);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.CERTIFICATE;
    }

    @Override
    public void writeBody(TlsWriter w) {
        w.vector24(v -> certificates.forEach(v::vector24));
    }

    /** DER certificates, leaf first; copies. */
    public List<byte[]> certificates() {
        List<byte[]> copies = new ArrayList<>(certificates.size());
        certificates.forEach(c -> copies.add(c.clone()));
        return copies;
    }
}
