package org.securechannel.crypto;

import java.nio.ByteBuffer;
import org.securechannel.codec.AlertException;

/**
 * One AEAD key of the record layer. Instances are used by one thread at a time and are reused for
 * every record under that key (no per-record cipher allocation where the backend allows it).
 */
public interface RecordAead {
    /** Tag length in bytes (16 for every suite we offer). */
    int tagLength();

    /**
     * Encrypts {@code plaintext} (all remaining bytes, then {@code trailer} if it is non-negative, as
     * one more byte: TLS 1.3's inner content type) and writes ciphertext and tag to {@code out}.
     * Advances both buffers.
     */
    void seal(byte[] nonce, byte[] aad, ByteBuffer plaintext, int trailer, ByteBuffer out) throws AlertException;

    /**
     * Decrypts {@code ciphertextLength} bytes of {@code in} (ciphertext followed by tag) into
     * {@code out}; throws bad_record_mac when authentication fails, in which case nothing in {@code out}
     * beyond its position may be trusted. Advances both buffers. {@code out} must have room for
     * {@code ciphertextLength - tagLength()} bytes.
     */
    void open(byte[] nonce, byte[] aad, ByteBuffer in, int ciphertextLength, ByteBuffer out) throws AlertException;

    /** Forgets the key. May be called from another thread than the one using it (a failure on the other direction). */
    void destroy();

    /**
     * Forgets the key when no seal or open of it can follow, on the thread that used it (a key change): unlike
     * {@link #destroy}, an implementation may hand reusable state (a JDK Cipher) on to the next key.
     */
    default void retire() {
        destroy();
    }
}
