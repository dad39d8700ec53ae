package org.securechannel.crypto;

/**
 * Whether an ECDSA signature is strict DER (X.690 §10): {@code SEQUENCE { r INTEGER, s INTEGER }} with
 * minimal definite lengths, minimal non-negative integers and nothing after it, the only form TLS signatures
 * take (RFC 8446 §4.2.3). The JDK's SunEC accepts more (an integer whose leading 0x00 is missing, read as
 * positive anyway: Wycheproof's MissingZero), which makes a valid signature malleable; Bouncy Castle's
 * StandardDSAEncoding refuses it, and so must every backend. Range checks on r and s stay with the verifier.
 */
final class EcdsaSignatureDer {
    private static final int SEQUENCE = 0x30;
    private static final int INTEGER = 0x02;

    private EcdsaSignatureDer() {
    }

    static boolean isStrict(byte[] der) {
        int[] at = {0};
        int sequenceLength = header(der, at, SEQUENCE);
        if (sequenceLength < 0 || at[0] + sequenceLength != der.length) {
            return false;
        }
        for (int i = 0; i < 2; i++) {
            int n = header(der, at, INTEGER);
            if (n <= 0 || at[0] + n > der.length) {
                return false;
            }
            int first = der[at[0]] & 0xFF;
            if (first >= 0x80) {
                return false; // negative (or a positive value missing its leading zero)
            }
            if (first == 0 && n > 1 && (der[at[0] + 1] & 0x80) == 0) {
                return false; // a leading zero that is not needed
            }
            at[0] += n;
        }
        return at[0] == der.length;
    }

    /**
     * Reads a tag and its length at {@code at[0]} and moves past them; -1 when the tag differs or the length is
     * not minimal. One length byte in long form is enough: ECDSA signatures up to P-521 are under 256 bytes.
     */
    private static int header(byte[] der, int[] at, int tag) {
        int p = at[0];
        if (p + 2 > der.length || (der[p] & 0xFF) != tag) {
            return -1;
        }
        int length = der[p + 1] & 0xFF;
        p += 2;
        if (length >= 0x80) {
            if (length != 0x81 || p >= der.length) {
                return -1;
            }
            length = der[p++] & 0xFF;
            if (length < 0x80) {
                return -1;
            }
        }
        at[0] = p;
        return length;
    }
}
