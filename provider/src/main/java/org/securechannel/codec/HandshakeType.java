package org.securechannel.codec;

/** Handshake message types (RFC 8446 §4, plus the TLS 1.2 ones the coming 1.2 work needs). */
public enum HandshakeType {
    HELLO_REQUEST(0),
    CLIENT_HELLO(1),
    SERVER_HELLO(2),
    NEW_SESSION_TICKET(4),
    END_OF_EARLY_DATA(5),
    ENCRYPTED_EXTENSIONS(8),
    CERTIFICATE(11),
    SERVER_KEY_EXCHANGE(12),
    CERTIFICATE_REQUEST(13),
    SERVER_HELLO_DONE(14),
    CERTIFICATE_VERIFY(15),
    CLIENT_KEY_EXCHANGE(16),
    FINISHED(20),
    KEY_UPDATE(24),
    MESSAGE_HASH(254);

    private static final HandshakeType[] BY_CODE = new HandshakeType[256];

    static {
        for (HandshakeType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;

    HandshakeType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type for a wire code, or null when unknown. */
    public static HandshakeType of(int code) {
        return code >= 0 && code < 256 ? BY_CODE[code] : null;
    }
}
