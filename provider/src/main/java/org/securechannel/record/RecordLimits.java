package org.securechannel.record;

/** Record-size rules of RFC 8446 §5.1–5.2, in one place. */
public final class RecordLimits {
    public static final int HEADER_LENGTH = 5;
    /** Most plaintext bytes in one record (2^14). */
    public static final int MAX_PLAINTEXT = 16384;
    /** Most ciphertext bytes a protected TLS 1.3 record may carry (2^14 + 256). */
    public static final int MAX_CIPHERTEXT = MAX_PLAINTEXT + 256;
    /** The largest record a peer may send us, header included. */
    public static final int MAX_RECORD = HEADER_LENGTH + MAX_CIPHERTEXT;
    /**
     * Largest handshake message we accept. Certificate chains are the big ones; SunJSSE's default is
     * 32 KiB and OpenSSL allows about 100 KiB for Certificate. The bound keeps a peer from making us buffer
     * (or allocate) megabytes on the strength of a length field.
     */
    public static final int MAX_HANDSHAKE_MESSAGE = 128 * 1024;

    private RecordLimits() {
    }
}
