package org.securechannel.codec;

/** Record content types (RFC 8446 §5.1). */
public enum ContentType {
    CHANGE_CIPHER_SPEC(20),
    ALERT(21),
    HANDSHAKE(22),
    APPLICATION_DATA(23);

    private final int code;

    ContentType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The content type for a wire code, or null when unknown. */
    public static ContentType of(int code) {
        switch (code) {
            case 20: return CHANGE_CIPHER_SPEC;
            case 21: return ALERT;
            case 22: return HANDSHAKE;
            case 23: return APPLICATION_DATA;
            default: return null;
        }
    }
}
