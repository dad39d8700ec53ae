package org.securechannel.record;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.ContentType;
import org.securechannel.crypto.CryptoBackend;
import org.securechannel.crypto.RecordAead;

/**
 * TLS 1.2 AEAD record protection (RFC 5246 §6.2.3.3) for one direction: every record after
 * ChangeCipherSpec is protected and keeps its real content type in the header; the AAD is
 * {@code seq_num + type + version + length} of the plaintext. The nonce differs by AEAD:
 * <ul>
 *   <li>AES-GCM (RFC 5288 §3): a 4-byte implicit salt from the key block, then an 8-byte explicit part sent
 *       in front of each ciphertext. We send the sequence number as the explicit part, so a nonce never
 *       repeats under a key; on reading we take whatever the peer sent.</li>
 *   <li>ChaCha20-Poly1305 (RFC 7905 §2): the 12-byte IV XORed with the sequence number, as in TLS 1.3; nothing
 *       is sent.</li>
 * </ul>
 * TLS 1.2 has no KeyUpdate, so a key is never "near its limit" here; the sequence number must not wrap.
 */
public final class Tls12RecordProtection implements RecordProtection {
    /** RFC 5246 §6.2.3: TLSCiphertext.length must not exceed 2^14 + 2048. */
    public static final int MAX_CIPHERTEXT = RecordLimits.MAX_PLAINTEXT + 2048;
    private static final int HEADER_LENGTH = RecordLimits.HEADER_LENGTH;
    private static final int EXPLICIT_NONCE_LENGTH = 8;

    private final RecordAead aead;
    private final byte[] iv;
    private final int explicitLength;
    private final byte[] nonce = new byte[12];
    private final byte[] aad = new byte[13];
    private final int tagLength;
    private long sequence;
    private boolean destroyed;

    /**
     * @param key the write key from the key block (wiped by the caller; the AEAD keeps what it needs)
     * @param iv  the fixed IV from the key block: {@link #fixedIvLength} bytes; copied
     */
    public Tls12RecordProtection(CryptoBackend crypto, CipherSuite.Aead algorithm, byte[] key, byte[] iv) {
        if (iv.length != fixedIvLength(algorithm)) {
            throw new IllegalArgumentException(algorithm + " takes a " + fixedIvLength(algorithm) + "-byte fixed IV, not " + iv.length);
        }
        this.aead = crypto.newAead(algorithm, key);
        this.iv = iv.clone();
        this.explicitLength = algorithm == CipherSuite.Aead.CHACHA20_POLY1305 ? 0 : EXPLICIT_NONCE_LENGTH;
        this.tagLength = aead.tagLength();
    }

    /** The IV bytes the key block gives per direction: the GCM salt (RFC 5288) or the ChaCha20 IV (RFC 7905). */
    public static int fixedIvLength(CipherSuite.Aead algorithm) {
        return algorithm == CipherSuite.Aead.CHACHA20_POLY1305 ? 12 : 4;
    }

    @Override
    public int overhead() {
        return HEADER_LENGTH + explicitLength + tagLength;
    }

    @Override
    public boolean protects(ContentType outerType) {
        return outerType != ContentType.CHANGE_CIPHER_SPEC;
    }

    @Override
    public int maxCiphertextLength() {
        return MAX_CIPHERTEXT;
    }

    @Override
    public int maxContentLength(int ciphertextLength) {
        return Math.max(0, ciphertextLength - explicitLength - tagLength);
    }

    @Override
    public long sequenceNumber() {
        return sequence;
    }

    @Override
    public void rewindOpen() {
        sequence--;
    }

    @Override
    public void seal(ContentType type, ByteBuffer fragment, ByteBuffer out) throws AlertException {
        int length = fragment.remaining();
        if (length > RecordLimits.MAX_PLAINTEXT) {
            throw AlertException.internalError("fragment longer than 2^14: " + length, null);
        }
        if (out.remaining() < length + overhead()) {
            throw AlertException.internalError("output buffer too small for a record", null);
        }
        checkUsable();
        int outStart = out.position();
        int recordLength = explicitLength + length + tagLength;
        out.put((byte) type.code()).put((byte) 3).put((byte) 3).put((byte) (recordLength >>> 8)).put((byte) recordLength);
        computeNonce(sequence);
        if (explicitLength > 0) {
            out.put(nonce, 4, EXPLICIT_NONCE_LENGTH);
        }
        fillAad(type.code(), (byte) 3, (byte) 3, length);
        try {
            aead.seal(nonce, aad, fragment, -1, out);
        } catch (AlertException e) {
            out.position(outStart);
            throw e;
        }
        sequence++;
    }

    @Override
    public ContentType open(byte[] header, ByteBuffer in, int length, ByteBuffer out) throws AlertException {
        if (header == null || header.length != HEADER_LENGTH) {
            throw AlertException.internalError("record header must be 5 bytes", null);
        }
        if (length > MAX_CIPHERTEXT) {
            throw new AlertException(AlertDescription.RECORD_OVERFLOW, "record longer than 2^14+2048: " + length);
        }
        int plaintextLength = length - explicitLength - tagLength;
        if (plaintextLength < 0) {
            throw new AlertException(AlertDescription.BAD_RECORD_MAC, "record shorter than its nonce and tag: " + length);
        }
        if (plaintextLength > RecordLimits.MAX_PLAINTEXT) {
            throw new AlertException(AlertDescription.RECORD_OVERFLOW, "plaintext longer than 2^14: " + plaintextLength);
        }
        checkUsable();
        computeNonce(sequence);
        if (explicitLength > 0) {
            in.get(nonce, 4, EXPLICIT_NONCE_LENGTH); // the peer's choice (RFC 5288 §3)
        }
        fillAad(header[0], header[1], header[2], plaintextLength);
        aead.open(nonce, aad, in, length - explicitLength, out);
        ContentType type = ContentType.of(header[0] & 0xFF);
        if (type == null) {
            throw AlertException.unexpectedMessage("unknown record content type " + (header[0] & 0xFF));
        }
        sequence++;
        return type;
    }

    private void checkUsable() throws AlertException {
        if (destroyed) {
            throw AlertException.internalError("record protection used after destroy", null);
        }
        if (sequence == -1L) {
            throw AlertException.internalError("record sequence number exhausted", null);
        }
    }

    /** GCM: salt + the 8-byte sequence number (the explicit part we send). ChaCha20: IV XOR the padded sequence number. */
    private void computeNonce(long seq) {
        if (explicitLength > 0) {
            System.arraycopy(iv, 0, nonce, 0, 4);
            for (int i = 0; i < 8; i++) {
                nonce[4 + i] = (byte) (seq >>> (56 - 8 * i));
            }
        } else {
            System.arraycopy(iv, 0, nonce, 0, 12);
            for (int i = 0; i < 8; i++) {
                nonce[4 + i] ^= (byte) (seq >>> (56 - 8 * i));
            }
        }
    }

    /** RFC 5246 §6.2.3.3: {@code additional_data = seq_num + TLSCompressed.type + TLSCompressed.version + TLSCompressed.length}. */
    private void fillAad(int type, byte major, byte minor, int plaintextLength) {
        for (int i = 0; i < 8; i++) {
            aad[i] = (byte) (sequence >>> (56 - 8 * i));
        }
        aad[8] = (byte) type;
        aad[9] = major;
        aad[10] = minor;
        aad[11] = (byte) (plaintextLength >>> 8);
        aad[12] = (byte) plaintextLength;
    }

    @Override
    public void destroy() {
        destroyed = true;
        aead.destroy();
        Arrays.fill(iv, (byte) 0);
        Arrays.fill(nonce, (byte) 0);
    }

    @Override
    public void retire() {
        destroy();
        aead.retire();
    }
}
