package org.securechannel.crypto;

/**
 * Arithmetic modulo p = 2^255 - 19 for X25519 (RFC 7748), constant time: no branch and no memory index
 * depends on an operand's value.
 *
 * <p>An element is 5 limbs of radix 2^51 in a {@code long[5]}, value = sum a[i]·2^(51i), not necessarily
 * reduced below p. Products of two limbs (up to ~2^110) are split without 128-bit accumulation: for limbs
 * x, y, {@code Math.multiplyHigh(x << 7, y << 6)} is exactly floor(x·y / 2^51) (an intrinsic on x86-64
 * and AArch64), and {@code ((x << 7)·(y << 6)) >>> 13} is x·y mod 2^51 from the wrapping 64-bit product;
 * column sums of both halves fit in a long. Chosen by measurement over 10 limbs of 25.5 bits (see JavaX25519).
 *
 * <p>Bounds (each operation's javadoc refers to them):
 * <ul>
 * <li>input limbs of {@link #mul} and {@link #square}: below {@link #MAX_INPUT_LIMB}
 *     (= 13·2^49; 19·limb must stay below 2^57 so that (19·limb) &lt;&lt; 6 is a positive long);
 * <li>outputs of mul/square/squareTimes/carry ("carried"): limbs below 2^51 + 2^23 (in fact 2^51 + 2^15);
 * <li>{@link #add} of two carried values and {@link #sub} with a carried subtrahend and carried minuend stay
 *     below MAX_INPUT_LIMB, so they can feed mul/square directly without a carry; so do addSub, cswapAddSub
 *     and subMulSmallAdd.
 * </ul>
 * Nothing here allocates; results may alias inputs.
 */
final class Curve25519Field {
    static final int LIMBS = 5;
    static final long MASK = (1L << 51) - 1;
    /** Largest limb (exclusive) mul and square accept. */
    static final long MAX_INPUT_LIMB = 13L << 49;

    /** 2p in limbs, added before subtracting so that limbs stay non-negative. */
    private static final long TWO_P0 = (1L << 52) - 38;
    private static final long TWO_P = (1L << 52) - 2;

    private Curve25519Field() {
    }

    static long[] create() {
        return new long[LIMBS];
    }

    static void zero(long[] r) {
        r[0] = 0;
        r[1] = 0;
        r[2] = 0;
        r[3] = 0;
        r[4] = 0;
    }

    static void one(long[] r) {
        r[0] = 1;
        r[1] = 0;
        r[2] = 0;
        r[3] = 0;
        r[4] = 0;
    }

    static void copy(long[] a, long[] r) {
        r[0] = a[0];
        r[1] = a[1];
        r[2] = a[2];
        r[3] = a[3];
        r[4] = a[4];
    }

    /** r = a + b, limb by limb (no carry). */
    static void add(long[] a, long[] b, long[] r) {
        r[0] = a[0] + b[0];
        r[1] = a[1] + b[1];
        r[2] = a[2] + b[2];
        r[3] = a[3] + b[3];
        r[4] = a[4] + b[4];
    }

    /** r = a + 2p - b, limb by limb (no carry); b's limbs must be at most 2^52 - 38. */
    static void sub(long[] a, long[] b, long[] r) {
        r[0] = a[0] + TWO_P0 - b[0];
        r[1] = a[1] + TWO_P - b[1];
        r[2] = a[2] + TWO_P - b[2];
        r[3] = a[3] + TWO_P - b[3];
        r[4] = a[4] + TWO_P - b[4];
    }

    /** sum = a + b and diff = a + 2p - b in one pass (b's limbs at most 2^52 - 38). */
    static void addSub(long[] a, long[] b, long[] sum, long[] diff) {
        long a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4];
        long b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3], b4 = b[4];
        sum[0] = a0 + b0;
        sum[1] = a1 + b1;
        sum[2] = a2 + b2;
        sum[3] = a3 + b3;
        sum[4] = a4 + b4;
        diff[0] = a0 + TWO_P0 - b0;
        diff[1] = a1 + TWO_P - b1;
        diff[2] = a2 + TWO_P - b2;
        diff[3] = a3 + TWO_P - b3;
        diff[4] = a4 + TWO_P - b4;
    }

    /**
     * The ladder step's opening in one pass: swap (x2, z2) with (x3, z3) when swap is 1 (constant time;
     * swap is 0 or 1), then a = x2 + z2, b = x2 - z2, c = x3 + z3, d = x3 - z3 (z's limbs at most 2^52 - 38).
     */
    static void cswapAddSub(long swap, long[] x2, long[] z2, long[] x3, long[] z3, long[] a, long[] b,
            long[] c, long[] d) {
        long mask = -swap;
        {
            long p = x2[0], q = x3[0], u = z2[0], v = z3[0];
            long t = mask & (p ^ q);
            p ^= t;
            q ^= t;
            t = mask & (u ^ v);
            u ^= t;
            v ^= t;
            x2[0] = p;
            x3[0] = q;
            z2[0] = u;
            z3[0] = v;
            a[0] = p + u;
            b[0] = p + TWO_P0 - u;
            c[0] = q + v;
            d[0] = q + TWO_P0 - v;
        }
        {
            long p = x2[1], q = x3[1], u = z2[1], v = z3[1];
            long t = mask & (p ^ q);
            p ^= t;
            q ^= t;
            t = mask & (u ^ v);
            u ^= t;
            v ^= t;
            x2[1] = p;
            x3[1] = q;
            z2[1] = u;
            z3[1] = v;
            a[1] = p + u;
            b[1] = p + TWO_P - u;
            c[1] = q + v;
            d[1] = q + TWO_P - v;
        }
        {
            long p = x2[2], q = x3[2], u = z2[2], v = z3[2];
            long t = mask & (p ^ q);
            p ^= t;
            q ^= t;
            t = mask & (u ^ v);
            u ^= t;
            v ^= t;
            x2[2] = p;
            x3[2] = q;
            z2[2] = u;
            z3[2] = v;
            a[2] = p + u;
            b[2] = p + TWO_P - u;
            c[2] = q + v;
            d[2] = q + TWO_P - v;
        }
        {
            long p = x2[3], q = x3[3], u = z2[3], v = z3[3];
            long t = mask & (p ^ q);
            p ^= t;
            q ^= t;
            t = mask & (u ^ v);
            u ^= t;
            v ^= t;
            x2[3] = p;
            x3[3] = q;
            z2[3] = u;
            z3[3] = v;
            a[3] = p + u;
            b[3] = p + TWO_P - u;
            c[3] = q + v;
            d[3] = q + TWO_P - v;
        }
        {
            long p = x2[4], q = x3[4], u = z2[4], v = z3[4];
            long t = mask & (p ^ q);
            p ^= t;
            q ^= t;
            t = mask & (u ^ v);
            u ^= t;
            v ^= t;
            x2[4] = p;
            x3[4] = q;
            z2[4] = u;
            z3[4] = v;
            a[4] = p + u;
            b[4] = p + TWO_P - u;
            c[4] = q + v;
            d[4] = q + TWO_P - v;
        }
    }

    /**
     * The ladder's e = aa - bb and r = aa + s·e in one pass (aa, bb carried, s &lt; 2^17): r is below
     * 2^52 + 2^24 per limb, a valid mul input.
     */
    static void subMulSmallAdd(long[] aa, long[] bb, long s, long[] e, long[] r) {
        long aa0 = aa[0], aa1 = aa[1], aa2 = aa[2], aa3 = aa[3], aa4 = aa[4];
        long e0 = aa0 + TWO_P0 - bb[0], e1 = aa1 + TWO_P - bb[1], e2 = aa2 + TWO_P - bb[2];
        long e3 = aa3 + TWO_P - bb[3], e4 = aa4 + TWO_P - bb[4];
        e[0] = e0;
        e[1] = e1;
        e[2] = e2;
        e[3] = e3;
        e[4] = e4;
        long ss = s << 6;
        long x0 = e0 << 7, x1 = e1 << 7, x2 = e2 << 7, x3 = e3 << 7, x4 = e4 << 7;
        long h0 = hi(x0, ss), h1 = hi(x1, ss), h2 = hi(x2, ss), h3 = hi(x3, ss), h4 = hi(x4, ss);
        r[0] = aa0 + lo(x0, ss) + 19 * h4;
        r[1] = aa1 + lo(x1, ss) + h0;
        r[2] = aa2 + lo(x2, ss) + h1;
        r[3] = aa3 + lo(x3, ss) + h2;
        r[4] = aa4 + lo(x4, ss) + h3;
    }

    /** floor(x·y / 2^51) from x' = x·2^7 and y' = y·2^6 (x'·y' = x·y·2^13, both below 2^63). */
    private static long hi(long xs, long ys) {
        return Math.multiplyHigh(xs, ys);
    }

    /** x·y mod 2^51 from the same x', y': the low 64 bits of x·y·2^13 are (x·y mod 2^51)·2^13. */
    private static long lo(long xs, long ys) {
        return (xs * ys) >>> 13;
    }

    /** r = a·b mod p (carried). */
    static void mul(long[] a, long[] b, long[] r) {
        // Only the shifted operands stay live: fewer registers than keeping x, y as well.
        long x0 = a[0] << 7, x1 = a[1] << 7, x2 = a[2] << 7, x3 = a[3] << 7, x4 = a[4] << 7;
        long b1 = b[1], b2 = b[2], b3 = b[3], b4 = b[4];
        long y0 = b[0] << 6, y1 = b1 << 6, y2 = b2 << 6, y3 = b3 << 6, y4 = b4 << 6;
        long c1 = (19 * b1) << 6, c2 = (19 * b2) << 6, c3 = (19 * b3) << 6, c4 = (19 * b4) << 6;

        long h0 = hi(x0, y0) + hi(x1, c4) + hi(x2, c3) + hi(x3, c2) + hi(x4, c1);
        long l0 = lo(x0, y0) + lo(x1, c4) + lo(x2, c3) + lo(x3, c2) + lo(x4, c1);
        long h1 = hi(x0, y1) + hi(x1, y0) + hi(x2, c4) + hi(x3, c3) + hi(x4, c2);
        long l1 = lo(x0, y1) + lo(x1, y0) + lo(x2, c4) + lo(x3, c3) + lo(x4, c2);
        long h2 = hi(x0, y2) + hi(x1, y1) + hi(x2, y0) + hi(x3, c4) + hi(x4, c3);
        long l2 = lo(x0, y2) + lo(x1, y1) + lo(x2, y0) + lo(x3, c4) + lo(x4, c3);
        long h3 = hi(x0, y3) + hi(x1, y2) + hi(x2, y1) + hi(x3, y0) + hi(x4, c4);
        long l3 = lo(x0, y3) + lo(x1, y2) + lo(x2, y1) + lo(x3, y0) + lo(x4, c4);
        long h4 = hi(x0, y4) + hi(x1, y3) + hi(x2, y2) + hi(x3, y1) + hi(x4, y0);
        long l4 = lo(x0, y4) + lo(x1, y3) + lo(x2, y2) + lo(x3, y1) + lo(x4, y0);
        reduce(h0, l0, h1, l1, h2, l2, h3, l3, h4, l4, r);
    }

    /** r = a^2 mod p (carried). */
    static void square(long[] a, long[] r) {
        long a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4];
        // x' = x·2^7 for x in a_i and 2a_i (= a_i·2^8); y' = y·2^6 for y in a_i and 19a_i.
        long x0 = a0 << 7, x1 = a1 << 7, x2 = a2 << 7, x3 = a3 << 7, x4 = a4 << 7;
        long d0 = a0 << 8, d1 = a1 << 8, d2 = a2 << 8, d3 = a3 << 8;
        long y0 = a0 << 6, y1 = a1 << 6, y2 = a2 << 6, y3 = a3 << 6, y4 = a4 << 6;
        long e3 = (19 * a3) << 6, e4 = (19 * a4) << 6;

        long h0 = hi(x0, y0) + hi(d1, e4) + hi(d2, e3);
        long l0 = lo(x0, y0) + lo(d1, e4) + lo(d2, e3);
        long h1 = hi(d0, y1) + hi(d2, e4) + hi(x3, e3);
        long l1 = lo(d0, y1) + lo(d2, e4) + lo(x3, e3);
        long h2 = hi(d0, y2) + hi(x1, y1) + hi(d3, e4);
        long l2 = lo(d0, y2) + lo(x1, y1) + lo(d3, e4);
        long h3 = hi(d0, y3) + hi(d1, y2) + hi(x4, e4);
        long l3 = lo(d0, y3) + lo(d1, y2) + lo(x4, e4);
        long h4 = hi(d0, y4) + hi(d1, y3) + hi(x2, y2);
        long l4 = lo(d0, y4) + lo(d1, y3) + lo(x2, y2);
        reduce(h0, l0, h1, l1, h2, l2, h3, l3, h4, l4, r);
    }

    /**
     * r = a^(2^n) mod p, n &gt;= 1: square's arithmetic with the limbs kept in locals between squarings (the
     * inversion is 254 of them).
     */
    static void squareTimes(long[] a, int n, long[] r) {
        long a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4];
        for (int i = 0; i < n; i++) {
            long x0 = a0 << 7, x1 = a1 << 7, x2 = a2 << 7, x3 = a3 << 7, x4 = a4 << 7;
            long d0 = a0 << 8, d1 = a1 << 8, d2 = a2 << 8, d3 = a3 << 8;
            long y0 = a0 << 6, y1 = a1 << 6, y2 = a2 << 6, y3 = a3 << 6, y4 = a4 << 6;
            long e3 = (19 * a3) << 6, e4 = (19 * a4) << 6;

            long h0 = hi(x0, y0) + hi(d1, e4) + hi(d2, e3);
            long l0 = lo(x0, y0) + lo(d1, e4) + lo(d2, e3);
            long h1 = hi(d0, y1) + hi(d2, e4) + hi(x3, e3);
            long l1 = lo(d0, y1) + lo(d2, e4) + lo(x3, e3);
            long h2 = hi(d0, y2) + hi(x1, y1) + hi(d3, e4);
            long l2 = lo(d0, y2) + lo(x1, y1) + lo(d3, e4);
            long h3 = hi(d0, y3) + hi(d1, y2) + hi(x4, e4);
            long l3 = lo(d0, y3) + lo(d1, y2) + lo(x4, e4);
            long h4 = hi(d0, y4) + hi(d1, y3) + hi(x2, y2);
            long l4 = lo(d0, y4) + lo(d1, y3) + lo(x2, y2);

            // reduce(), inline: column 4's overflow into column 0, then one carry pass.
            a4 = l4 & MASK;
            long c = h4 + (l4 >>> 51);
            l0 += 19 * (c & MASK);
            h0 += 19 * (c >>> 51);
            a0 = l0 & MASK;
            c = h0 + (l0 >>> 51);
            long t = l1 + c;
            a1 = t & MASK;
            c = h1 + (t >>> 51);
            t = l2 + c;
            a2 = t & MASK;
            c = h2 + (t >>> 51);
            t = l3 + c;
            a3 = t & MASK;
            c = h3 + (t >>> 51);
            t = a4 + c;
            a4 = t & MASK;
            a0 += 19 * (t >>> 51);
        }
        r[0] = a0;
        r[1] = a1;
        r[2] = a2;
        r[3] = a3;
        r[4] = a4;
    }

    /**
     * Column k holds h_k·2^51 + l_k at weight 2^(51k) (h_k &lt; 2^62, l_k &lt; 2^55). Folds column 4's overflow
     * (weight 2^255 = 19) into column 0 first, so that the one carry pass never multiplies a large carry by 19.
     */
    private static void reduce(long h0, long l0, long h1, long l1, long h2, long l2, long h3, long l3,
            long h4, long l4, long[] r) {
        long r4 = l4 & MASK;
        long c = h4 + (l4 >>> 51);
        l0 += 19 * (c & MASK);
        h0 += 19 * (c >>> 51);

        long r0 = l0 & MASK;
        c = h0 + (l0 >>> 51);
        long t = l1 + c;
        long r1 = t & MASK;
        c = h1 + (t >>> 51);
        t = l2 + c;
        long r2 = t & MASK;
        c = h2 + (t >>> 51);
        t = l3 + c;
        long r3 = t & MASK;
        c = h3 + (t >>> 51);
        t = r4 + c;
        r[4] = t & MASK;
        r[0] = r0 + 19 * (t >>> 51);
        r[1] = r1;
        r[2] = r2;
        r[3] = r3;
    }

    /** One carry pass: r ≡ a, limbs below 2^51 except r[0] &lt; 2^51 + 19·2^13 (for a's limbs &lt; 2^63). */
    static void carry(long[] a, long[] r) {
        long t0 = a[0], t1 = a[1], t2 = a[2], t3 = a[3], t4 = a[4];
        t1 += t0 >>> 51;
        t0 &= MASK;
        t2 += t1 >>> 51;
        t1 &= MASK;
        t3 += t2 >>> 51;
        t2 &= MASK;
        t4 += t3 >>> 51;
        t3 &= MASK;
        t0 += 19 * (t4 >>> 51);
        t4 &= MASK;
        r[0] = t0;
        r[1] = t1;
        r[2] = t2;
        r[3] = t3;
        r[4] = t4;
    }

    /**
     * Constant-time swap of a and b when swap is 1, nothing when 0 (swap must be 0 or 1).
     */
    static void cswap(long swap, long[] a, long[] b) {
        long mask = -swap;
        long t;
        t = mask & (a[0] ^ b[0]);
        a[0] ^= t;
        b[0] ^= t;
        t = mask & (a[1] ^ b[1]);
        a[1] ^= t;
        b[1] ^= t;
        t = mask & (a[2] ^ b[2]);
        a[2] ^= t;
        b[2] ^= t;
        t = mask & (a[3] ^ b[3]);
        a[3] ^= t;
        b[3] ^= t;
        t = mask & (a[4] ^ b[4]);
        a[4] ^= t;
        b[4] ^= t;
    }

    /** r = b when move is 1, unchanged when 0 (constant time; move must be 0 or 1). */
    static void cmove(long move, long[] b, long[] r) {
        long mask = -move;
        r[0] ^= mask & (r[0] ^ b[0]);
        r[1] ^= mask & (r[1] ^ b[1]);
        r[2] ^= mask & (r[2] ^ b[2]);
        r[3] ^= mask & (r[3] ^ b[3]);
        r[4] ^= mask & (r[4] ^ b[4]);
    }

    /**
     * r = a^(p-2) = a^-1 mod p (0 for a ≡ 0), by the addition chain for 2^255 - 21: 254 squarings and
     * 11 multiplications. t0..t3 are scratch (4 elements); r may alias a.
     */
    static void invert(long[] a, long[] r, long[] t0, long[] t1, long[] t2, long[] t3) {
        square(a, t0);                 // a^2
        squareTimes(t0, 2, t1);        // a^8
        mul(a, t1, t1);                // a^9
        mul(t0, t1, t0);               // a^11
        square(t0, t2);                // a^22
        mul(t1, t2, t1);               // a^(2^5 - 1)
        squareTimes(t1, 5, t2);
        mul(t2, t1, t1);               // a^(2^10 - 1)
        squareTimes(t1, 10, t2);
        mul(t2, t1, t2);               // a^(2^20 - 1)
        squareTimes(t2, 20, t3);
        mul(t3, t2, t2);               // a^(2^40 - 1)
        squareTimes(t2, 10, t2);
        mul(t2, t1, t1);               // a^(2^50 - 1)
        squareTimes(t1, 50, t2);
        mul(t2, t1, t2);               // a^(2^100 - 1)
        squareTimes(t2, 100, t3);
        mul(t3, t2, t2);               // a^(2^200 - 1)
        squareTimes(t2, 50, t2);
        mul(t2, t1, t1);               // a^(2^250 - 1)
        squareTimes(t1, 5, t1);        // a^(2^255 - 32)
        mul(t1, t0, r);                // a^(2^255 - 21)
    }

    /** Decodes 32 little-endian bytes with the top bit ignored (RFC 7748 §5); the value may be &gt;= p. */
    static void decode(byte[] in, int off, long[] r) {
        long w0 = le64(in, off), w1 = le64(in, off + 8), w2 = le64(in, off + 16), w3 = le64(in, off + 24);
        r[0] = w0 & MASK;
        r[1] = ((w0 >>> 51) | (w1 << 13)) & MASK;
        r[2] = ((w1 >>> 38) | (w2 << 26)) & MASK;
        r[3] = ((w2 >>> 25) | (w3 << 39)) & MASK;
        r[4] = (w3 >>> 12) & MASK;
    }

    /** Encodes a (limbs below 2^63) fully reduced mod p as 32 little-endian bytes. */
    static void encode(long[] a, byte[] out, int off) {
        long t0 = a[0], t1 = a[1], t2 = a[2], t3 = a[3], t4 = a[4];
        // One carry pass: the value is then below 2^255 + 19·2^13 < 2p.
        t1 += t0 >>> 51;
        t0 &= MASK;
        t2 += t1 >>> 51;
        t1 &= MASK;
        t3 += t2 >>> 51;
        t2 &= MASK;
        t4 += t3 >>> 51;
        t3 &= MASK;
        t0 += 19 * (t4 >>> 51);
        t4 &= MASK;
        // q = floor((v + 19) / 2^255) is 1 exactly when v >= p; v - q·p = v + 19q - q·2^255.
        long q = (t0 + 19) >>> 51;
        q = (t1 + q) >>> 51;
        q = (t2 + q) >>> 51;
        q = (t3 + q) >>> 51;
        q = (t4 + q) >>> 51;
        t0 += 19 * q;
        t1 += t0 >>> 51;
        t0 &= MASK;
        t2 += t1 >>> 51;
        t1 &= MASK;
        t3 += t2 >>> 51;
        t2 &= MASK;
        t4 += t3 >>> 51;
        t3 &= MASK;
        t4 &= MASK;
        put64(out, off, t0 | (t1 << 51));
        put64(out, off + 8, (t1 >>> 13) | (t2 << 38));
        put64(out, off + 16, (t2 >>> 26) | (t3 << 25));
        put64(out, off + 24, (t3 >>> 39) | (t4 << 12));
    }

    private static long le64(byte[] b, int off) {
        return (b[off] & 0xFFL) | (b[off + 1] & 0xFFL) << 8 | (b[off + 2] & 0xFFL) << 16
                | (b[off + 3] & 0xFFL) << 24 | (b[off + 4] & 0xFFL) << 32 | (b[off + 5] & 0xFFL) << 40
                | (b[off + 6] & 0xFFL) << 48 | (b[off + 7] & 0xFFL) << 56;
    }

    private static void put64(byte[] b, int off, long v) {
        for (int i = 0; i < 8; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }
}
