package org.securechannel.testing;

import java.math.BigInteger;
import org.securechannel.codec.NamedGroup;

/**
 * The RFC 7919 primes, derived independently of the provider's constants from the formula of RFC 7919
 * Appendix A: p = 2^b - 2^{b-64} + {[2^{b-130} e] + X} * 2^64 - 1, with the X the RFC gives for each size.
 */
public final class Rfc7919 {
    private Rfc7919() {
    }

    public static BigInteger prime(NamedGroup group) {
        switch (group) {
            case FFDHE2048: return prime(2048, 560316);
            case FFDHE3072: return prime(3072, 2625351);
            case FFDHE4096: return prime(4096, 5736041);
            default: throw new IllegalArgumentException(group + " is not an RFC 7919 group");
        }
    }

    static BigInteger prime(int bits, long x) {
        return BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE.shiftLeft(bits - 64))
                .add(floorOfEShiftedLeft(bits - 130).add(BigInteger.valueOf(x)).shiftLeft(64))
                .subtract(BigInteger.ONE);
    }

    /** floor(e * 2^shift), from the series e = sum 1/k! in fixed point with 64 guard bits. */
    private static BigInteger floorOfEShiftedLeft(int shift) {
        BigInteger term = BigInteger.ONE.shiftLeft(shift + 64);
        BigInteger sum = BigInteger.ZERO;
        for (int k = 1; term.signum() > 0; k++) {
            sum = sum.add(term);
            term = term.divide(BigInteger.valueOf(k));
        }
        return sum.shiftRight(64);
    }

    /** {@code v} big-endian in exactly {@code length} bytes (left-padded with zeros, or its low bytes). */
    public static byte[] fixed(BigInteger v, int length) {
        byte[] b = v.toByteArray();
        byte[] out = new byte[length];
        int n = Math.min(b.length, length);
        System.arraycopy(b, b.length - n, out, length - n, n);
        return out;
    }
}
