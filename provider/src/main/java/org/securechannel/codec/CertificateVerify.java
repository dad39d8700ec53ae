package org.securechannel.codec;

/**
 * CertificateVerify (RFC 8446 §4.4.3). The scheme stays a raw code: whether it was offered and is
 * allowed in TLS 1.3 is decided by the handshake, which must answer illegal_parameter, not decode_error.
 */
public final class CertificateVerify implements HandshakeMessage {
    private final int signatureScheme;
    private final byte[] signature;

    public CertificateVerify(int signatureScheme, byte[] signature) {
        this.signatureScheme = Wire.checkU16(signatureScheme, "signature scheme");
        this.signature = Wire.copy(signature, 0, 0xFFFF, "signature");
    }

    public static CertificateVerify parse(byte[] body) throws AlertException {
        TlsReader r = new TlsReader(body, "CertificateVerify");
        int scheme = r.u16();
        byte[] sig = r.vector16();
        r.expectEnd();
        return new CertificateVerify(scheme, sig);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.CERTIFICATE_VERIFY;
    }

    @Override
    public void writeBody(TlsWriter w) {
        w.u16(signatureScheme).vector16(signature);
    }

    public int signatureScheme() {
        return signatureScheme;
    }

    public byte[] signature() {
        return signature.clone();
    }
}
