package org.securechannel.codec;

/**
 * Finished (RFC 8446 §4.4.4). The body is verify_data alone, whose length is the negotiated hash's,
 * so parsing needs that length from the handshake.
 */
public final class Finished implements HandshakeMessage {
    private final byte[] verifyData;

    public Finished(byte[] verifyData) {
        this.verifyData = Wire.copy(verifyData, 1, 0xFFFFFF, "verify_data");
    }

    /** A body of any other length than {@code hashLength} is a decode_error. */
    public static Finished parse(byte[] body, int hashLength) throws AlertException {
        if (body.length != hashLength) {
            throw AlertException.decodeError("Finished: " + body.length + " bytes, expected " + hashLength);
        }
        return new Finished(body);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.FINISHED;
    }

    @Override
    public void writeBody(TlsWriter w) {
        w.bytes(verifyData);
    }

    public byte[] verifyData() {
        return verifyData.clone();
    }
}
