package org.securechannel.record;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.ContentType;
import org.securechannel.crypto.CryptoBackend;
import org.securechannel.crypto.Hkdf;
import org.securechannel.crypto.RecordAead;

/**
 * TLS 1.3 record protection (RFC 8446 §5.2-5.3) for one direction and one traffic secret. The nonce and
 * AAD arrays are reused for every record, so sealing and opening allocate nothing of their own.
 */
public final class Tls13RecordProtection implements RecordProtection {
    /** Largest TLSCiphertext.length a peer may send (RFC 8446 §5.2). */
    public static final int MAX_CIPHERTEXT = 16384 + 256;
    static final int MAX_PLAINTEXT = 16384;
    /** Content, content type and padding together (RFC 8446 §5.4). */
    static final int MAX_INNER_PLAINTEXT = MAX_PLAINTEXT + 1;
    private static final int HEADER_LENGTH = 5;
    private static final int OPAQUE_TYPE = 23;

    private final CipherSuite suite;
    private final RecordAead aead;
    private final byte[] iv;
    private final byte[] nonce;
    private final byte[] aad = new byte[HEADER_LENGTH];
    private final int tagLength;
    private final long keyLimit;
    private long sequence;
    private boolean destroyed;

    public Tls13RecordProtection(CryptoBackend crypto, CipherSuite suite, byte[] trafficSecret) {
        this.suite = suite;
        CipherSuite.Aead alg = suite.aead();
        // RFC 8446 §7.3: write key and IV from the traffic secret.
        byte[] key = Hkdf.expandLabel(crypto, suite.hash(), trafficSecret, "key", null, alg.keyLength());
        try {
            this.aead = crypto.newAead(alg, key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
        this.iv = Hkdf.expandLabel(crypto, suite.hash(), trafficSecret, "iv", null, alg.ivLength());
        this.nonce = new byte[iv.length];
        this.tagLength = aead.tagLength();
        // RFC 8446 §5.5: AES-GCM should be rekeyed well before 2^24.5 records; ChaCha20 has far more room.
        this.keyLimit = alg == CipherSuite.Aead.CHACHA20_POLY1305 ? 1L << 48 : 1L << 24;
    }

    public CipherSuite suite() {
        return suite;
    }

    @Override
    public int overhead() {
        return HEADER_LENGTH + 1 + tagLength;
    }

    @Override
    public void rewindOpen() {
        sequence--;
    }

    @Override
    public long sequenceNumber() {
        return sequence;
    }

    @Override
    public boolean protects(ContentType outerType) {
        return outerType == ContentType.APPLICATION_DATA;
    }

    @Override
    public int maxCiphertextLength() {
        return MAX_CIPHERTEXT;
    }

    @Override
    public int maxContentLength(int ciphertextLength) {
        return Math.max(0, ciphertextLength - tagLength);
    }

    @Override
    public boolean nearKeyLimit() {
        return Long.compareUnsigned(sequence, keyLimit) >= 0;
    }

    /** §5.3: the 64-bit sequence number, big-endian and left-padded, XORed into the IV. */
    private void computeNonce() throws AlertException {
        if (destroyed) {
            throw AlertException.internalError("record protection used after destroy", null);
        }
        // The sequence number must never wrap (§5.3); we give up one value to keep the check simple.
        if (sequence == -1L) {
            throw AlertException.internalError("record sequence number exhausted", null);
        }
        System.arraycopy(iv, 0, nonce, 0, iv.length);
        int off = nonce.length - 8;
        for (int i = 0; i < 8; i++) {
            nonce[off + i] ^= (byte) (sequence >>> (56 - 8 * i));
        }
    }

    @Override
    public void seal(ContentType type, ByteBuffer fragment, ByteBuffer out) throws AlertException {
        int length = fragment.remaining();
        if (length > MAX_PLAINTEXT) {
            throw AlertException.internalError("fragment longer than 2^14: " + length, null);
        }
        if (out.remaining() < length + overhead()) {
            throw AlertException.internalError("output buffer too small for a record", null);
        }
        computeNonce();
        int ciphertextLength = length + 1 + tagLength;
        aad[0] = OPAQUE_TYPE;
        aad[1] = 3;
        aad[2] = 3;
        aad[3] = (byte) (ciphertextLength >>> 8);
        aad[4] = (byte) ciphertextLength;
        int outStart = out.position();
        out.put(aad);
        try {
            aead.seal(nonce, aad, fragment, type.code(), out);
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
            throw new AlertException(AlertDescription.RECORD_OVERFLOW, "record longer than 2^14+256: " + length);
        }
        computeNonce();
        int outStart = out.position();
        aead.open(nonce, header, in, length, out);
        int end = out.position();
        // §5.4: padding does not raise the limit; the whole TLSInnerPlaintext (content, type, zeros) is at most
        // 2^14 + 1 bytes, though the ciphertext limit alone (2^14 + 256) would let up to 2^14 + 240 through.
        if (end - outStart > MAX_INNER_PLAINTEXT) {
            out.position(outStart);
            throw new AlertException(AlertDescription.RECORD_OVERFLOW,
                    "inner plaintext of " + (end - outStart) + " bytes, more than 2^14+1");
        }
        // Strip the zero padding: the inner content type is the last non-zero byte (§5.4).
        int typeIndex = end - 1;
        while (typeIndex >= outStart && out.get(typeIndex) == 0) {
            typeIndex--;
        }
        if (typeIndex < outStart) {
            out.position(outStart);
            throw AlertException.unexpectedMessage("protected record has no content type (all zero)");
        }
        ContentType type = ContentType.of(out.get(typeIndex) & 0xFF);
        if (type == null) {
            out.position(outStart);
            throw AlertException.unexpectedMessage("unknown inner content type " + (out.get(typeIndex) & 0xFF));
        }
        out.position(typeIndex);
        sequence++;
        return type;
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
