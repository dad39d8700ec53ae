package org.securechannel.codec;

/**
 * TLS 1.2 ServerKeyExchange for ECDHE (RFC 8422 §5.4): {@code ServerECDHParams} (curve_type named_curve,
 * the group, the server's public value) followed by a {@code DigitallySigned} over
 * {@code client_random + server_random + ServerECDHParams} (RFC 5246 §7.4.3). Only named curves exist
 * for us: explicit curve parameters were deprecated by RFC 8422 and are illegal_parameter.
 */
public final class ServerKeyExchange implements HandshakeMessage {
    /** ECCurveType.named_curve (RFC 8422 §5.4). */
    public static final int NAMED_CURVE = 3;

    private final int group;
    private final byte[] publicValue;
    private final int signatureScheme;
    private final byte[] signature;

    public ServerKeyExchange(int group, byte[] publicValue, int signatureScheme, byte[] signature) {
        this.group = Wire.checkU16(group, "named_curve");
        this.publicValue = Wire.copy(publicValue, 1, 0xFF, "ECPoint");
        this.signatureScheme = Wire.checkU16(signatureScheme, "signature scheme");
        this.signature = Wire.copy(signature, 0, 0xFFFF, "signature");
    }

    public static ServerKeyExchange parse(byte[] body) throws AlertException {
        TlsReader r = new TlsReader(body, "ServerKeyExchange");
        int curveType = r.u8();
        if (curveType != NAMED_CURVE) {
            throw AlertException.illegalParameter("ServerKeyExchange: curve type " + curveType + " (only named curves)");
        }
        int group = r.u16();
        byte[] point = r.vector8();
        if (point.length == 0) {
            throw AlertException.decodeError("ServerKeyExchange: empty public value");
        }
        int scheme = r.u16();
        byte[] signature = r.vector16();
        r.expectEnd();
        return new ServerKeyExchange(group, point, scheme, signature);
    }

    /** The ServerECDHParams bytes, as signed. */
    public static byte[] params(int group, byte[] publicValue) {
        return new TlsWriter(4 + publicValue.length).u8(NAMED_CURVE).u16(group).vector8(publicValue).toByteArray();
    }

    /** What the signature covers: {@code client_random + server_random + ServerECDHParams}. */
    public static byte[] signedData(byte[] clientRandom, byte[] serverRandom, int group, byte[] publicValue) {
        return new TlsWriter(64 + 4 + publicValue.length).bytes(clientRandom).bytes(serverRandom)
                .bytes(params(group, publicValue)).toByteArray();
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.SERVER_KEY_EXCHANGE;
    }

    @Override
    public void writeBody(TlsWriter w) {
        w.bytes(params(group, publicValue)).u16(signatureScheme).vector16(signature);
    }

    public int group() {
        return group;
    }

    public byte[] publicValue() {
        return publicValue.clone();
    }

    public int signatureScheme() {
        return signatureScheme;
    }

    public byte[] signature() {
        return signature.clone();
    }
}
