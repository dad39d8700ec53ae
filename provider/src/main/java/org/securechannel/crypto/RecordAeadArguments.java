package org.securechannel.crypto;

import java.nio.ByteBuffer;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;

/**
 * The argument rules every {@link RecordAead} applies before it touches a buffer, in one place: misuse by
 * our own record layer is internal_error, a record too short to hold a tag is a forgery (bad_record_mac).
 */
final class RecordAeadArguments {
    /** Every TLS 1.3 AEAD has a 96-bit nonce and a 128-bit tag (RFC 8446 §5.3, RFC 5116, RFC 8439). */
    static final int NONCE_LENGTH = 12;
    static final int TAG_LENGTH = 16;

    private RecordAeadArguments() {
    }

    static void checkUsable(boolean destroyed, byte[] nonce) throws AlertException {
        if (destroyed) {
            throw AlertException.internalError("record key used after destroy", null);
        }
        if (nonce.length != NONCE_LENGTH) {
            throw AlertException.internalError("nonce must be " + NONCE_LENGTH + " bytes", null);
        }
    }

    /** The bytes to encrypt (the plaintext and the trailer byte if there is one); {@code out} must hold them and the tag. */
    static int checkSeal(ByteBuffer plaintext, int trailerByte, ByteBuffer out) throws AlertException {
        int total = plaintext.remaining() + (trailerByte >= 0 ? 1 : 0);
        if (out.remaining() < total + TAG_LENGTH) {
            throw AlertException.internalError("output buffer too small for the sealed record", null);
        }
        return total;
    }

    /** The plaintext length of a record of {@code ciphertextLength} bytes, after checking both buffers. */
    static int checkOpen(ByteBuffer in, int ciphertextLength, ByteBuffer out) throws AlertException {
        if (ciphertextLength < 0 || in.remaining() < ciphertextLength) {
            throw AlertException.internalError("fewer ciphertext bytes than announced", null);
        }
        if (ciphertextLength < TAG_LENGTH) {
            // Cannot even hold a tag: it fails authentication like any other forgery.
            throw new AlertException(AlertDescription.BAD_RECORD_MAC, "record shorter than the AEAD tag");
        }
        int m = ciphertextLength - TAG_LENGTH;
        if (out.remaining() < m) {
            throw AlertException.internalError("output buffer too small for the opened record", null);
        }
        return m;
    }

    /**
     * A seal that failed part-way: both buffers back where they were, and internal_error. Sealing our own data
     * can only fail through misuse (a read-only output, a reused nonce), never through the peer.
     */
    static AlertException sealFailed(ByteBuffer plaintext, int inPos, ByteBuffer out, int outPos, Exception e) {
        plaintext.position(inPos);
        out.position(outPos);
        return AlertException.internalError("AEAD seal failed: " + e, e);
    }

    /** An open that failed part-way other than by authentication: both buffers back where they were. */
    static AlertException openFailed(ByteBuffer in, int inPos, ByteBuffer out, int outPos, Exception e) {
        in.position(inPos);
        out.position(outPos);
        return AlertException.internalError("AEAD open failed: " + e, e);
    }
}
