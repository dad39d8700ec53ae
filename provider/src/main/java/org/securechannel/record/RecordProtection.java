package org.securechannel.record;

import java.nio.ByteBuffer;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.ContentType;

/**
 * Protection of records in one direction under one traffic key. The record layer frames and deframes;
 * this seals one fragment into one record and opens one record back into its content.
 */
public interface RecordProtection {
    /** Most bytes a protected record adds to a fragment: header + inner type + tag (TLS 1.3: 5+1+16). */
    int overhead();

    /**
     * Seals all remaining bytes of {@code fragment} (at most 2^14) as one record, 5-byte header included,
     * into {@code out}, which must have {@code fragment.remaining() + overhead()} bytes of room. Advances
     * both buffers and the sequence number; an exhausted sequence number is internal_error.
     */
    void seal(ContentType type, ByteBuffer fragment, ByteBuffer out) throws AlertException;

    /**
     * Opens one record: {@code header} is its 5 header bytes (the AAD), {@code in} is positioned at its
     * {@code length} ciphertext bytes, and the content (padding and inner type removed) is written to
     * {@code out}, which must have {@code length - 16} bytes of room. Returns the inner content type.
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

    /** Wipes the keys; the instance is unusable afterwards. */
    void destroy();
}
