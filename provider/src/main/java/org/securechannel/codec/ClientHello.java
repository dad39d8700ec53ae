package org.securechannel.codec;

import java.util.List;

/**
 * ClientHello (RFC 8446 §4.1.2). Cipher suites are kept as raw codes, not {@link CipherSuite}s, so
 * GREASE and suites we do not implement survive parsing and the server can simply skip them.
 */
public final class ClientHello implements HandshakeMessage {
    private final int legacyVersion;
    private final byte[] random;
    private final byte[] legacySessionId;
    private final List<Integer> cipherSuites;
    private final byte[] compressionMethods;
    private final List<Extension> extensions;

    public ClientHello(int legacyVersion, byte[] random, byte[] legacySessionId, List<Integer> cipherSuites,
            byte[] compressionMethods, List<Extension> extensions) {
        this.legacyVersion = Wire.checkU16(legacyVersion, "legacy_version");
        this.random = Wire.copy(random, 32, 32, "random");
        this.legacySessionId = Wire.copy(legacySessionId, 0, 32, "legacy_session_id");
        this.cipherSuites = Wire.codes(cipherSuites, 1, 0x7FFF, 0xFFFF, "cipher_suites");
        this.compressionMethods = Wire.copy(compressionMethods, 1, 0xFF, "legacy_compression_methods");
        this.extensions = Extensions.copyOf(extensions);
    }

    /** Parses the body (no 4-byte header). */
    public static ClientHello parse(byte[] body) throws AlertException {
        TlsReader r = new TlsReader(body, "ClientHello");
        int version = r.u16();
        byte[] random = r.bytes(32);
        byte[] sessionId = r.vector8();
        if (sessionId.length > 32) {
            throw AlertException.decodeError("ClientHello: legacy_session_id of " + sessionId.length + " bytes");
        }
        TlsReader suites = r.sub16("ClientHello.cipher_suites");
        Wire.requireNonEmpty(suites, "ClientHello.cipher_suites");
        List<Integer> cipherSuites = Wire.readU16s(suites, "ClientHello.cipher_suites");
        byte[] compression = r.vector8();
        if (compression.length == 0) {
            throw AlertException.decodeError("ClientHello: empty legacy_compression_methods");
        }
        // A pre-extensions (SSLv3-era) hello may stop here; anything that follows must be a full block.
        List<Extension> exts = r.hasRemaining() ? Extensions.parse(r) : List.of();
        r.expectEnd();
        return new ClientHello(version, random, sessionId, cipherSuites, compression, exts);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.CLIENT_HELLO;
    }

    /** Exact: the ClientHello is the one message whose size a key share can put far past the default. */
    @Override
    public int encodedLengthHint() {
        int n = 4 + 2 + random.length + 1 + legacySessionId.length + 2 + 2 * cipherSuites.size() + 1
                + compressionMethods.length + 2;
        for (Extension e : extensions) {
            n += 4 + e.dataLength();
        }
        return n;
    }

    /** Always writes the extension block, even when empty: every hello we send carries extensions. */
    @Override
    public void writeBody(TlsWriter w) {
        w.u16(legacyVersion).bytes(random).vector8(legacySessionId);
        w.vector16(v -> cipherSuites.forEach(v::u16));
        w.vector8(compressionMethods);
        Extensions.write(w, extensions);
    }

    public int legacyVersion() {
        return legacyVersion;
    }

    public byte[] random() {
        return random.clone();
    }

    public byte[] legacySessionId() {
        return legacySessionId.clone();
    }

    public List<Integer> cipherSuites() {
        return cipherSuites;
    }

    public byte[] compressionMethods() {
        return compressionMethods.clone();
    }

    public List<Extension> extensions() {
        return extensions;
    }

    /** The extension of {@code type}, or null when absent. */
    public Extension extension(int type) {
        return Extensions.find(extensions, type);
    }
}
