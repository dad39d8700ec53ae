package org.securechannel.codec;

/** TLS 1.2 ClientKeyExchange for ECDHE (RFC 8422 §5.7): the client's public value, {@code ECPoint<1..2^8-1>}. */
public final class ClientKeyExchange implements HandshakeMessage {
    private final byte[] publicValue;

    public ClientKeyExchange(byte[] publicValue) {
        this.publicValue = Wire.copy(publicValue, 1, 0xFF, "ECPoint");
    }

    public static ClientKeyExchange parse(byte[] body) throws AlertException {
        TlsReader r = new TlsReader(body, "ClientKeyExchange");
        byte[] point = r.vector8();
        r.expectEnd();
        if (point.length == 0) {
            throw AlertException.decodeError("ClientKeyExchange: empty public value");
        }
        return new ClientKeyExchange(point);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.CLIENT_KEY_EXCHANGE;
    }

    @Override
    public void writeBody(TlsWriter w) {
        w.vector8(publicValue);
    }

    public byte[] publicValue() {
        return publicValue.clone();
    }
}
