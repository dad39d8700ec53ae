package org.securechannel.codec;

import java.util.Arrays;
import java.util.List;

/**
 * ServerHello and HelloRetryRequest (RFC 8446 §4.1.3, §4.1.4): the same structure, told apart only by
 * the special random value, so one class serves both.
 */
public final class ServerHello implements HandshakeMessage {
    /** SHA-256("HelloRetryRequest"): the random that marks a ServerHello as a HelloRetryRequest. */
    public static final byte[] HELLO_RETRY_REQUEST_RANDOM = hex(
            "CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C");

    /** Last 8 bytes of a TLS 1.3-capable server's random when it negotiates TLS 1.2 (§4.1.3). */
    public static final byte[] DOWNGRADE_TLS12 = hex("444F574E47524401");

    /** Last 8 bytes of a TLS 1.3-capable server's random when it negotiates TLS 1.1 or below. */
    public static final byte[] DOWNGRADE_TLS11 = hex("444F574E47524400");

    // Arrays are mutable even when final: compare against private copies so a caller that writes into
    // a public constant cannot change what this class recognises.
    private static final byte[] HRR = HELLO_RETRY_REQUEST_RANDOM.clone();
    private static final byte[] SENTINEL_12 = DOWNGRADE_TLS12.clone();
    private static final byte[] SENTINEL_11 = DOWNGRADE_TLS11.clone();

    private final int legacyVersion;
    private final byte[] random;
    private final byte[] legacySessionIdEcho;
    private final int cipherSuite;
    private final int compressionMethod;
    private final List<Extension> extensions;

    public ServerHello(int legacyVersion, byte[] random, byte[] legacySessionIdEcho, int cipherSuite,
            int compressionMethod, List<Extension> extensions) {
        this.legacyVersion = Wire.checkU16(legacyVersion, "legacy_version");
        this.random = Wire.copy(random, 32, 32, "random");
        this.legacySessionIdEcho = Wire.copy(legacySessionIdEcho, 0, 32, "legacy_session_id_echo");
        this.cipherSuite = Wire.checkU16(cipherSuite, "cipher_suite");
        this.compressionMethod = Wire.checkU8(compressionMethod, "legacy_compression_method");
        this.extensions = Extensions.copyOf(extensions);
    }

    /** Parses the body (no 4-byte header). */
    public static ServerHello parse(byte[] body) throws AlertException {
        TlsReader r = new TlsReader(body, "ServerHello");
        int version = r.u16();
        byte[] random = r.bytes(32);
        byte[] sessionId = r.vector8();
        if (sessionId.length > 32) {
            throw AlertException.decodeError("ServerHello: legacy_session_id_echo of " + sessionId.length + " bytes");
        }
        int suite = r.u16();
        int compression = r.u8();
        // A TLS 1.2 ServerHello may end here (RFC 5246 §7.4.1.3); TLS 1.3 always has supported_versions,
        // which the handshake checks.
        List<Extension> exts = r.hasRemaining() ? Extensions.parse(r) : List.of();
        r.expectEnd();
        return new ServerHello(version, random, sessionId, suite, compression, exts);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.SERVER_HELLO;
    }

    @Override
    public void writeBody(TlsWriter w) {
        w.u16(legacyVersion).bytes(random).vector8(legacySessionIdEcho);
        w.u16(cipherSuite).u8(compressionMethod);
        Extensions.write(w, extensions);
    }

    public boolean isHelloRetryRequest() {
        return Arrays.equals(random, HRR);
    }

    /** Whether the random ends in either downgrade sentinel; a TLS 1.3 client must then abort. */
    public boolean hasDowngradeSentinel() {
        byte[] tail = Arrays.copyOfRange(random, 24, 32);
        return Arrays.equals(tail, SENTINEL_12) || Arrays.equals(tail, SENTINEL_11);
    }

    public int legacyVersion() {
        return legacyVersion;
    }

    public byte[] random() {
        return random.clone();
    }

    public byte[] legacySessionIdEcho() {
        return legacySessionIdEcho.clone();
    }

    public int cipherSuite() {
        return cipherSuite;
    }

    public int compressionMethod() {
        return compressionMethod;
    }

    public List<Extension> extensions() {
        return extensions;
    }

    public Extension extension(int type) {
        return Extensions.find(extensions, type);
    }

    private static byte[] hex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
