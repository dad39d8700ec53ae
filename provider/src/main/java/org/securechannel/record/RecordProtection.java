package org.securechannel.record;

import java.nio.ByteBuffer;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.ContentType;

/**
 * Protection of records in one direction under one traffic key. The record layer frames and deframes;
 * this seals one fragment into one record and opens one record back into its content.
 */
public interface RecordProtection {
    /**
     * Most bytes a protected record adds to a fragment: TLS 1.3 header + inner type + tag (5+1+16); TLS 1.2
     * header + explicit nonce + tag (5+8+16 for AES-GCM, 5+16 for ChaCha20-Poly1305).
     */
    int overhead();

    /**
     * Whether a record of this outer content type is protected once this protection is in place: in TLS 1.3
     * only application_data (the real type is inside, §5.2); in TLS 1.2 every type but change_cipher_spec.
     */
    boolean protects(ContentType outerType);

    /** The largest protected record's fragment a peer may send: 2^14+256 in TLS 1.3, 2^14+2048 in TLS 1.2. */
    int maxCiphertextLength();

    /** Most content bytes {@link #open} may write for a record of {@code ciphertextLength} bytes. */
    int maxContentLength(int ciphertextLength);

    /** True once so many records were protected under this key that it must be updated (TLS 1.3 KeyUpdate). */
    default boolean nearKeyLimit() {
        return false;
    }

    /**
     * Seals all remaining bytes of {@code fragment} (at most 2^14) as one record, 5-byte header included,
     * into {@code out}, which must have {@code fragment.remaining() + overhead()} bytes of room. Advances
     * both buffers and the sequence number; an exhausted sequence number is internal_error.
     */
    void seal(ContentType type, ByteBuffer fragment, ByteBuffer out) throws AlertException;

    /**
     * Opens one record: {@code header} is its 5 header bytes (the AAD), {@code in} is positioned at its
     * {@code length} ciphertext bytes, and the content (padding and inner type removed) is written to
     * {@code out}, which must have {@link #maxContentLength} bytes of room. Returns the content type (TLS
     * 1.3: the inner one).
     * bad_record_mac when authentication fails; record_overflow when the inner plaintext exceeds 2^14;
     * unexpected_message when it has no non-zero type byte or an unknown type. The sequence number
     * advances only when a record is returned.
     */
    ContentType open(byte[] header, ByteBuffer in, int length, ByteBuffer out) throws AlertException;

    /** The sequence number of the next record. */
    long sequenceNumber();

    /**
     * Undoes the last successful {@code open}: the record will be opened again. Used only when its content
     * proved too large for the caller's buffer, so the caller can retry with a larger one.
     */
    void rewindOpen();

    /** Wipes the keys; the instance is unusable afterwards. May come from the other direction's thread. */
    void destroy();

    /** {@link #destroy} at a key change, on the thread that used these keys: reusable state may go to the next key. */
    default void retire() {
        destroy();
    }
}
