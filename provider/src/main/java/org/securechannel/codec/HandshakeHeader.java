package org.securechannel.codec;

/**
 * The 4-byte header in front of every handshake message: {@code HandshakeType msg_type; uint24 length}.
 * The record layer uses it to find message boundaries before any message is parsed.
 */
public final class HandshakeHeader {
    public static final int LENGTH = 4;

    /** The largest body a uint24 length can describe. */
    public static final int MAX_BODY_LENGTH = 0xFFFFFF;

    private HandshakeHeader() {
    }

    /** The raw type code at {@code offset}; the caller checks that {@link #LENGTH} bytes are there. */
    public static int typeCode(byte[] buf, int offset) {
        return buf[offset] & 0xFF;
    }

    /** The body length announced by the header at {@code offset}; never trust it before checking it. */
    public static int bodyLength(byte[] buf, int offset) {
        return ((buf[offset + 1] & 0xFF) << 16) | ((buf[offset + 2] & 0xFF) << 8) | (buf[offset + 3] & 0xFF);
    }
}
