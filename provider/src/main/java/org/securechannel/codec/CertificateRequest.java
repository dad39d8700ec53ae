package org.securechannel.codec;

import java.util.List;

/** CertificateRequest (RFC 8446 §4.3.2). Which extensions must be present is the handshake's check. */
public final class CertificateRequest implements HandshakeMessage {
    private final byte[] requestContext;
    private final List<Extension> extensions;

    public CertificateRequest(byte[] requestContext, List<Extension> extensions) {
        this.requestContext = Wire.copy(requestContext, 0, 0xFF, "certificate_request_context");
        this.extensions = Extensions.copyOf(extensions);
    }

    public static CertificateRequest parse(byte[] body) throws AlertException {
        TlsReader r = new TlsReader(body, "CertificateRequest");
        byte[] context = r.vector8();
        List<Extension> exts = Extensions.parse(r);
        r.expectEnd();
        // The RFC declares extensions<2..2^16-1>: an empty block violates the syntax itself.
        if (exts.isEmpty()) {
            throw AlertException.decodeError("CertificateRequest: empty extensions");
        }
        return new CertificateRequest(context, exts);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.CERTIFICATE_REQUEST;
    }

    @Override
    public void writeBody(TlsWriter w) {
        w.vector8(requestContext);
        Extensions.write(w, extensions);
    }

    public byte[] requestContext() {
        return requestContext.clone();
    }

    public List<Extension> extensions() {
        return extensions;
    }

    public Extension extension(int type) {
        return Extensions.find(extensions, type);
    }
}
