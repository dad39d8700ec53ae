package org.securechannel.crypto;

import static org.securechannel.crypto.Curve25519Field.add;
import static org.securechannel.crypto.Curve25519Field.addSub;
import static org.securechannel.crypto.Curve25519Field.carry;
import static org.securechannel.crypto.Curve25519Field.copy;
import static org.securechannel.crypto.Curve25519Field.cswap;
import static org.securechannel.crypto.Curve25519Field.cswapAddSub;
import static org.securechannel.crypto.Curve25519Field.decode;
import static org.securechannel.crypto.Curve25519Field.encode;
import static org.securechannel.crypto.Curve25519Field.invert;
import static org.securechannel.crypto.Curve25519Field.mul;
import static org.securechannel.crypto.Curve25519Field.one;
import static org.securechannel.crypto.Curve25519Field.square;
import static org.securechannel.crypto.Curve25519Field.sub;
import static org.securechannel.crypto.Curve25519Field.subMulSmallAdd;
import static org.securechannel.crypto.Curve25519Field.zero;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * X25519 (RFC 7748) in pure Java on {@link Curve25519Field}, constant time: the scalar's bits steer only
 * masked swaps and masked table scans, never a branch or a memory index.
 *
 * <ul>
 * <li>{@link #scalarMult}: the Montgomery ladder of RFC 7748 §5 on any u-coordinate (the peer's).
 * <li>{@link #publicKey}: X25519(k, 9) by a fixed-base comb on the birationally equivalent twisted Edwards
 *     curve (-x^2 + y^2 = 1 + d·x^2·y^2; its base point B maps to u = 9 by u = (1+y)/(1-y) = (Z+Y)/(Z-Y)):
 *     k in 64 signed radix-16 digits, 32 tables of j·256^i·B (j = 1..8), 64 mixed additions and 4
 *     doublings, about a third of the ladder's cost. The clamped scalar need not be reduced mod the group
 *     order; [k]B has the same u as the ladder's result, 0 (as in the ladder) if it were the identity.
 * </ul>
 */
final class JavaX25519 {
    static final int LENGTH = 32;
    /** 2p in limbs: negation is 2p - a (a carried). */
    private static final long TWO_P0 = (1L << 52) - 38;
    private static final long TWO_P = (1L << 52) - 2;
    /** (A - 2) / 4 for Curve25519's A = 486662 (RFC 7748 §5). */
    private static final long A24 = 121665;

    private JavaX25519() {
    }

    /** RFC 7748 §5 decodeScalar25519, in place. */
    static void clamp(byte[] k) {
        k[0] &= (byte) 248;
        k[31] &= 127;
        k[31] |= 64;
    }

    /** out = X25519(scalar, u): scalar is clamped (on a copy), u's top bit ignored, non-canonical u reduced. */
    static void scalarMult(byte[] scalar, byte[] u, byte[] out) {
        byte[] k = Arrays.copyOf(scalar, LENGTH);
        clamp(k);
        long[] x1 = new long[5], x2 = new long[5], z2 = new long[5], x3 = new long[5], z3 = new long[5];
        long[] a = new long[5], b = new long[5], c = new long[5], d = new long[5];
        long[] aa = new long[5], bb = new long[5], e = new long[5];
        decode(u, 0, x1);
        // Clamping fixes bit 254 to 1 and bits 2..0 to 0 (RFC 7748 §5), so the ladder's first step always
        // leaves (x2:z2) = (u:1), (x3:z3) = 2·(u:1), and its last three only double (x2:z2): done directly.
        copy(x1, x2);
        one(z2);
        xdbl(x2, z2, x3, z3, a, b, aa, bb, e);
        long swap = 0;
        for (int t = 253; t >= 3; t--) {
            long bit = (k[t >>> 3] >>> (t & 7)) & 1;
            swap ^= bit;
            cswapAddSub(swap, x2, z2, x3, z3, a, b, c, d); // A, B, C, D
            swap = bit;

            square(a, aa);
            square(b, bb);
            mul(d, a, d);             // DA
            mul(c, b, c);             // CB
            addSub(d, c, x3, z3);
            square(x3, x3);           // (DA + CB)^2
            square(z3, z3);
            mul(x1, z3, z3);          // x1 · (DA - CB)^2
            mul(aa, bb, x2);          // AA · BB
            subMulSmallAdd(aa, bb, A24, e, z2); // E = AA - BB, AA + a24·E
            mul(e, z2, z2);           // E · (AA + a24·E)
        }
        cswap(swap, x2, x3);
        cswap(swap, z2, z3);
        for (int t = 2; t >= 0; t--) {
            xdbl(x2, z2, x2, z2, a, b, aa, bb, e);
        }
        invert(z2, z2, a, b, c, d);
        mul(x2, z2, x2);
        encode(x2, out, 0);
        Arrays.fill(k, (byte) 0);
        for (long[] v : new long[][] {x1, x2, z2, x3, z3, a, b, c, d, aa, bb, e}) {
            Arrays.fill(v, 0);
        }
    }

    /** (outX:outZ) = 2·(x:z) on the Montgomery curve, x-only (the ladder's doubling half); outputs may alias. */
    private static void xdbl(long[] x, long[] z, long[] outX, long[] outZ, long[] a, long[] b, long[] aa,
            long[] bb, long[] e) {
        addSub(x, z, a, b);
        square(a, aa);
        square(b, bb);
        mul(aa, bb, outX);
        subMulSmallAdd(aa, bb, A24, e, outZ);
        mul(e, outZ, outZ);
    }

    /** out = X25519(scalar, 9), the public key (scalar clamped on a copy). */
    static void publicKey(byte[] scalar, byte[] out) {
        byte[] k = Arrays.copyOf(scalar, LENGTH);
        clamp(k);
        byte[] digits = new byte[64];
        for (int i = 0; i < 32; i++) {
            digits[2 * i] = (byte) (k[i] & 15);
            digits[2 * i + 1] = (byte) ((k[i] >>> 4) & 15);
        }
        // Signed digits in [-8, 8): carry = floor((d + 8) / 16) computed by shifts, no branch.
        int carry = 0;
        for (int i = 0; i < 63; i++) {
            int v = digits[i] + carry;
            carry = (v + 8) >> 4;
            digits[i] = (byte) (v - (carry << 4));
        }
        digits[63] += (byte) carry; // the top digit is at most 7 + 1: the clamped scalar is below 2^255

        Edwards w = new Edwards();
        long[] hx = w.hx, hy = w.hy, hz = w.hz, ht = w.ht;
        zero(hx);
        one(hy);
        one(hz);
        zero(ht);
        for (int i = 1; i < 64; i += 2) {
            w.select(i >>> 1, digits[i]);
            w.madd();
        }
        w.doubleP2();
        w.doubleP2();
        w.doubleP2();
        w.doubleP3();
        for (int i = 0; i < 64; i += 2) {
            w.select(i >>> 1, digits[i]);
            w.madd();
        }
        // u = (Z + Y) / (Z - Y)
        long[] num = w.t0, den = w.t1;
        add(hz, hy, num);
        sub(hz, hy, den);
        invert(den, den, w.t2, w.t3, w.t4, w.t5);
        mul(num, den, num);
        encode(num, out, 0);
        Arrays.fill(k, (byte) 0);
        Arrays.fill(digits, (byte) 0);
        w.wipe();
    }

    /**
     * Working state of one fixed-base multiplication: the accumulator h = (X:Y:Z:T) in extended
     * coordinates (x = X/Z, y = Y/Z, x·y = T/Z), the selected table point in Niels form (y+x, y-x, 2d·x·y),
     * and scratch.
     */
    private static final class Edwards {
        final long[] hx = new long[5], hy = new long[5], hz = new long[5], ht = new long[5];
        final long[] ypx = new long[5], ymx = new long[5], xy2d = new long[5];
        final long[] t0 = new long[5], t1 = new long[5], t2 = new long[5], t3 = new long[5];
        final long[] t4 = new long[5], t5 = new long[5];

        /**
         * The Niels point digit·256^i·B, digit in [-8, 8]: all 8 entries are read and OR-ed in under masks
         * (only the matching one is all ones; none for digit 0, which leaves the identity (1, 1, 0)), then
         * negated under a mask for a negative digit: -P = (y-x, y+x, -2dxy).
         */
        void select(int i, int digit) {
            int negative = (digit >>> 31) & 1;
            int abs = digit - ((-negative & digit) << 1);
            long identity = ((long) abs - 1) >>> 63;
            long[][] t = BASE_TABLE;
            long r0 = identity, r1 = 0, r2 = 0, r3 = 0, r4 = 0;
            long r5 = identity, r6 = 0, r7 = 0, r8 = 0, r9 = 0;
            long r10 = 0, r11 = 0, r12 = 0, r13 = 0, r14 = 0;
            int first = i * 8;
            for (int j = 1; j <= 8; j++) {
                long m = -((((long) (abs ^ j)) - 1) >>> 63);
                // One row per entry: constant indices, so one bounds check per row.
                long[] e = t[first + j - 1];
                r0 |= m & e[0];
                r1 |= m & e[1];
                r2 |= m & e[2];
                r3 |= m & e[3];
                r4 |= m & e[4];
                r5 |= m & e[5];
                r6 |= m & e[6];
                r7 |= m & e[7];
                r8 |= m & e[8];
                r9 |= m & e[9];
                r10 |= m & e[10];
                r11 |= m & e[11];
                r12 |= m & e[12];
                r13 |= m & e[13];
                r14 |= m & e[14];
            }
            long n = -(long) negative;
            long s0 = n & (r0 ^ r5);
            long s1 = n & (r1 ^ r6);
            long s2 = n & (r2 ^ r7);
            long s3 = n & (r3 ^ r8);
            long s4 = n & (r4 ^ r9);
            ypx[0] = r0 ^ s0;
            ymx[0] = r5 ^ s0;
            xy2d[0] = r10 ^ (n & (r10 ^ (TWO_P0 - r10)));
            ypx[1] = r1 ^ s1;
            ymx[1] = r6 ^ s1;
            xy2d[1] = r11 ^ (n & (r11 ^ (TWO_P - r11)));
            ypx[2] = r2 ^ s2;
            ymx[2] = r7 ^ s2;
            xy2d[2] = r12 ^ (n & (r12 ^ (TWO_P - r12)));
            ypx[3] = r3 ^ s3;
            ymx[3] = r8 ^ s3;
            xy2d[3] = r13 ^ (n & (r13 ^ (TWO_P - r13)));
            ypx[4] = r4 ^ s4;
            ymx[4] = r9 ^ s4;
            xy2d[4] = r14 ^ (n & (r14 ^ (TWO_P - r14)));
        }

        /** h = h + (ypx, ymx, xy2d), extended + affine Niels (7 multiplications). */
        void madd() {
            addSub(hy, hx, t0, t1);
            mul(t0, ypx, t0);         // B = (Y+X)(y+x)
            mul(t1, ymx, t1);         // A = (Y-X)(y-x)
            mul(ht, xy2d, t2);        // C = T·2dxy
            add(hz, hz, t3);
            carry(t3, t3);            // D = 2Z
            addSub(t0, t1, t5, t4);   // H = B + A, E = B - A
            addSub(t3, t2, t0, t1);   // G = D + C, F = D - C
            mul(t4, t1, hx);          // X = E·F
            mul(t0, t5, hy);          // Y = G·H
            mul(t1, t0, hz);          // Z = F·G
            mul(t4, t5, ht);          // T = E·H
        }

        /** h = 2h, reading X, Y, Z only; T is left stale (the next operation must be a doubling). */
        void doubleP2() {
            dbl(false);
        }

        /** h = 2h with T recomputed. */
        void doubleP3() {
            dbl(true);
        }

        private void dbl(boolean withT) {
            square(hx, t0);           // XX
            square(hy, t1);           // YY
            square(hz, t2);
            add(t2, t2, t2);
            carry(t2, t2);            // C = 2ZZ
            add(hx, hy, t3);
            square(t3, t3);           // (X+Y)^2
            sub(t1, t0, t4);
            carry(t4, t4);            // G = YY - XX
            add(t1, t0, t5);
            carry(t5, t5);            // -H = YY + XX
            sub(t3, t5, t3);          // E = (X+Y)^2 - XX - YY
            sub(t2, t4, t2);          // C - G
            // ref10's p2 doubling: E, YY + XX, G, C - G give (E(C-G), (YY+XX)G, G(C-G), E(YY+XX)).
            mul(t3, t2, hx);
            mul(t5, t4, hy);
            mul(t4, t2, hz);
            if (withT) {
                mul(t3, t5, ht);
            }
        }

        void wipe() {
            for (long[] v : new long[][] {hx, hy, hz, ht, ypx, ymx, xy2d, t0, t1, t2, t3, t4, t5}) {
                Arrays.fill(v, 0);
            }
        }
    }

    /**
     * 32 × 8 Niels points j·256^i·B (i = 0..31, j = 1..8), a row of 15 longs each (y+x, y-x, 2d·x·y, carried),
     * computed once with this class's own arithmetic from B (RFC 8032 §5.1: y = 4/5, x even).
     */
    private static final long[][] BASE_TABLE = buildTable();

    private static long[][] buildTable() {
        BigInteger p = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
        BigInteger d = BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(p)).mod(p);
        BigInteger y = BigInteger.valueOf(4).multiply(BigInteger.valueOf(5).modInverse(p)).mod(p);
        // x^2 = (y^2 - 1) / (d·y^2 + 1); square root as in RFC 8032 §5.1.3, then the even root.
        BigInteger y2 = y.multiply(y).mod(p);
        BigInteger x2 = y2.subtract(BigInteger.ONE).multiply(d.multiply(y2).add(BigInteger.ONE).modInverse(p)).mod(p);
        BigInteger x = x2.modPow(p.add(BigInteger.valueOf(3)).shiftRight(3), p);
        if (!x.multiply(x).mod(p).equals(x2)) {
            x = x.multiply(BigInteger.TWO.modPow(p.subtract(BigInteger.ONE).shiftRight(2), p)).mod(p);
        }
        if (x.testBit(0)) {
            x = p.subtract(x);
        }
        long[] d2 = fromBig(d.shiftLeft(1).mod(p));

        long[][] table = new long[32 * 8][15];
        Edwards w = new Edwards();
        long[] px = fromBig(x), py = fromBig(y); // 256^i·B, affine
        long[] s0 = new long[5], s1 = new long[5], s2 = new long[5], s3 = new long[5], s4 = new long[5];
        for (int i = 0; i < 32; i++) {
            // Niels form of P = 256^i·B in ypx/ymx/xy2d: w adds it repeatedly.
            setNiels(px, py, d2, w.ypx, w.ymx, w.xy2d);
            copy(px, w.hx);
            copy(py, w.hy);
            one(w.hz);
            mul(px, py, w.ht);
            long[] nypx = w.ypx.clone(), nymx = w.ymx.clone(), nxy2d = w.xy2d.clone();
            for (int j = 1; j <= 8; j++) {
                // h = j·P: normalize into the table.
                invert(w.hz, s0, s1, s2, s3, s4);
                mul(w.hx, s0, s1);
                mul(w.hy, s0, s2);
                long[] ey = new long[5], ex = new long[5], exy = new long[5];
                setNiels(s1, s2, d2, ey, ex, exy);
                long[] row = table[i * 8 + j - 1];
                System.arraycopy(ey, 0, row, 0, 5);
                System.arraycopy(ex, 0, row, 5, 5);
                System.arraycopy(exy, 0, row, 10, 5);
                copy(nypx, w.ypx);
                copy(nymx, w.ymx);
                copy(nxy2d, w.xy2d);
                w.madd();
            }
            // Next base: 256·P from P.
            copy(px, w.hx);
            copy(py, w.hy);
            one(w.hz);
            for (int k = 0; k < 8; k++) {
                w.doubleP2();
            }
            invert(w.hz, s0, s1, s2, s3, s4);
            mul(w.hx, s0, px);
            mul(w.hy, s0, py);
        }
        return table;
    }

    /** (y+x, y-x, 2d·x·y), each carried. */
    private static void setNiels(long[] x, long[] y, long[] d2, long[] ypx, long[] ymx, long[] xy2d) {
        add(y, x, ypx);
        carry(ypx, ypx);
        sub(y, x, ymx);
        carry(ymx, ymx);
        mul(x, y, xy2d);
        mul(xy2d, d2, xy2d);
    }

    private static long[] fromBig(BigInteger v) {
        long[] r = new long[5];
        for (int i = 0; i < 5; i++) {
            r[i] = v.shiftRight(51 * i).longValue() & Curve25519Field.MASK;
        }
        return r;
    }
}
