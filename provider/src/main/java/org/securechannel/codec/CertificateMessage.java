package org.securechannel.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Certificate (RFC 8446 §4.4.2). Only the X.509 form: raw public keys (RFC 7250) are never negotiated,
 * so cert_data is always one DER certificate, left unparsed here (the JDK's CertificateFactory does that).
 */
public final class CertificateMessage implements HandshakeMessage {
    /** One {@code CertificateEntry}: a DER certificate and its per-certificate extensions. */
    public record CertificateEntry(byte[] certData, List<Extension> extensions) {
        public CertificateEntry {
            certData = Wire.copy(certData, 1, 0xFFFFFF, "cert_data");
            extensions = Extensions.copyOf(extensions);
        }

        @Override
        public byte[] certData() {
            return certData.clone();
        }

        public Extension extension(int type) {
            return Extensions.find(extensions, type);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof CertificateEntry e && Arrays.equals(e.certData, certData)
                    && e.extensions.equals(extensions);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(certData) + extensions.hashCode();
        }

        @Override
        public String toString() {
            return "CertificateEntry[" + certData.length + " bytes, " + extensions.size() + " extensions]";
        }
    }

    private final byte[] requestContext;
    private final List<CertificateEntry> entries;

    /** An empty {@code entries} list is legal: it is how a client declines a CertificateRequest. */
    public CertificateMessage(byte[] requestContext, List<CertificateEntry> entries) {
        this.requestContext = Wire.copy(requestContext, 0, 0xFF, "certificate_request_context");
        this.entries = List.copyOf(entries);
    }

    public static CertificateMessage parse(byte[] body) throws AlertException {
        TlsReader r = new TlsReader(body, "Certificate");
        byte[] context = r.vector8();
        TlsReader list = r.sub24("Certificate.certificate_list");
        r.expectEnd();
        List<CertificateEntry> entries = new ArrayList<>();
        while (list.hasRemaining()) {
            byte[] cert = list.vector24();
            if (cert.length == 0) {
                throw AlertException.decodeError("Certificate: empty cert_data");
            }
            entries.add(new CertificateEntry(cert, Extensions.parse(list)));
        }
        return new CertificateMessage(context, Collections.unmodifiableList(entries));
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.CERTIFICATE;
    }

    @Override
    public void writeBody(TlsWriter w) {
        w.vector8(requestContext);
        w.vector24(v -> {
            for (CertificateEntry e : entries) {
                v.vector24(e.certData);
                Extensions.write(v, e.extensions);
            }
        });
    }

    public byte[] requestContext() {
        return requestContext.clone();
    }

    public List<CertificateEntry> entries() {
        return entries;
    }
}
