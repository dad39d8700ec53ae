package org.securechannel.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.securechannel.codec.CipherSuite;

/**
 * The TLS 1.2 pseudo-random function (RFC 5246 §5): {@code PRF(secret, label, seed) = P_hash(secret, label +
 * seed)}, with P_hash the HMAC chain {@code A(i) = HMAC(secret, A(i-1))}, output {@code HMAC(secret, A(i) +
 * label + seed)}. The hash is the suite's (SHA-256, or SHA-384 for the _SHA384 suites). It lives in crypto,
 * beside TLS 1.3's {@link Hkdf}, because it is a key-derivation primitive and nothing else.
 */
public final class Tls12Prf {
    private Tls12Prf() {
    }

    /**
     * {@code length} bytes of PRF output.
     *
     * @param label an ASCII label from the RFCs (e.g. "extended master secret", "key expansion") or an
     *              exporter label (RFC 5705 limits those to ASCII too)
     */
    public static byte[] prf(CryptoBackend crypto, CipherSuite.Hash hash, byte[] secret, String label, byte[] seed, int length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative PRF length " + length);
        }
        for (int i = 0; i < label.length(); i++) {
            if (label.charAt(i) > 0x7F) {
                throw new IllegalArgumentException("non-ASCII PRF label: " + label);
            }
        }
        byte[] labelAndSeed = concat(label.getBytes(StandardCharsets.US_ASCII), seed);
        byte[] out = new byte[length];
        byte[] a = labelAndSeed; // A(0)
        int produced = 0;
        while (produced < length) {
            byte[] next = crypto.hmac(hash, secret, a); // A(i)
            if (a != labelAndSeed) {
                Arrays.fill(a, (byte) 0);
            }
            a = next;
            byte[] block = crypto.hmac(hash, secret, concat(a, labelAndSeed));
            int n = Math.min(block.length, length - produced);
            System.arraycopy(block, 0, out, produced, n);
            Arrays.fill(block, (byte) 0);
            produced += n;
        }
        if (a != labelAndSeed) {
            Arrays.fill(a, (byte) 0);
        }
        return out;
    }

    /** {@code a} followed by {@code b}; the seeds of the TLS 1.2 derivations are built this way. */
    public static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
