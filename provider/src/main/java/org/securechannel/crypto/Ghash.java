package org.securechannel.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * GHASH (NIST SP 800-38D §6.4) in constant time: no table lookup and no branch depends on H or on the data.
 *
 * <p>Representation: a block is read as two big-endian longs {@code hi} (bytes 0-7) and {@code lo} (bytes
 * 8-15), so the coefficient of x^i of the field element is bit 127-i of the 128-bit integer {@code hi:lo}
 * (GCM's bit-reflected convention). The carry-less product of two such reversed operands is the reversal of
 * the polynomial product (shifted by one bit), which the reduction accounts for once per product.
 *
 * <p>Carry-less 64x64 multiplication ({@link #clmulLow}) is done with ordinary integer multiplications, which
 * are constant time on the CPUs we run on: each operand is split into 4 interleaved bit classes (bits
 * {@code i, i+4, i+8, ...}), so every integer partial product lands on positions of one class with 3-bit
 * "holes" between them. A 4-bit digit of the low 64 bits collects at most 16 one-bit partial products, and
 * only the topmost digit (bits 60..63) can reach 16, whose carry leaves the 64-bit word: every other digit
 * holds at most 15 and never carries into the next bit of its class. (For the high 64 bits, which
 * {@code Math.multiplyHigh} would give, digits of 16 do carry: 4 classes are not enough there.) The high
 * half is instead the bit-reversed low half of the bit-reversed operands' product. A 128x128 product is
 * three 64x64 ones (Karatsuba), i.e. six {@code clmulLow}: 96 multiplications per block.
 *
 * <p>96 scalar multiplications cost about 37 ns per block (JDK 17, 2-core EPYC): as much as the JDK's whole
 * per-record init for a 64-byte record. So blocks are not multiplied one by one: a record's blocks X1..Xg
 * (up to {@link #BATCH} at a time) are summed as X1 H^g ^ X2 H^(g-1) ^ ... ^ Xg H (with Y folded into X1),
 * which makes their 6g {@code clmulLow} independent "lanes". Written as simple loops over lane arrays, at
 * most two products per loop, C2's superword pass turns them into AVX-512/AVX2 vector multiplies
 * (vpmullq): about 2 ns per lane instead of 5-6 scalar. The six sums are then reduced (and bit-reversed
 * back) once per batch. The powers H..H^BATCH, each as the six 64-bit Karatsuba operands, are the key
 * table ({@link #keyTable}): per thread and key slot, not per connection.
 *
 * <p>An instance is the per-thread running state of one GHASH computation and its lane scratch; it is not
 * thread-safe.
 */
final class Ghash {
    private static final VarHandle BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final long M0 = 0x1111111111111111L;
    private static final long M1 = 0x2222222222222222L;
    private static final long M2 = 0x4444444444444444L;
    private static final long M3 = 0x8888888888888888L;
    /** Blocks per reduction. */
    static final int BATCH = 32;
    /**
     * Longs per power of H in the key table and lanes per block: lo, hi, lo^hi, and the same bit-reversed
     * (the Karatsuba operands of the low and the high halves).
     */
    private static final int WORDS = 6;
    static final int TABLE_LONGS = BATCH * WORDS;

    private long[] table;
    /** The running value Y: hi, lo. */
    private final long[] y = new long[2];
    /** Blocks in the current batch. */
    private int count;
    // Lanes: the data operands, the products, and the four bit classes of the data operands.
    private final long[] a = new long[TABLE_LONGS];
    private final long[] r = new long[TABLE_LONGS];
    private final long[] x0 = new long[TABLE_LONGS];
    private final long[] x1 = new long[TABLE_LONGS];
    private final long[] x2 = new long[TABLE_LONGS];
    private final long[] x3 = new long[TABLE_LONGS];
    private final long[] s1 = new long[TABLE_LONGS];
    private final long[] s2 = new long[TABLE_LONGS];
    private final long[] s3 = new long[TABLE_LONGS];
    private final long[] hs = new long[TABLE_LONGS];

    /**
     * The key table for H = E(K, 0^128) given as two big-endian longs: H^BATCH first, down to H^1 last, so
     * that a batch of g blocks in order finds its powers H^g..H^1 as the table's last g entries.
     */
    static long[] keyTable(long hHi, long hLo) {
        return keyTable(new long[TABLE_LONGS], hHi, hLo);
    }

    /** {@link #keyTable(long, long)} into {@code t} ({@link #TABLE_LONGS} long). */
    static long[] keyTable(long[] t, long hHi, long hLo) {
        long[] state = {0, 0, hHi, hLo};
        extendKeyTable(t, state, 0, BATCH);
        Arrays.fill(state, 0);
        return t;
    }

    /**
     * Fills powers H^(from+1)..H^to of the key table {@code t}, whose powers up to H^from are there already.
     * {@code state} is {H^from hi, H^from lo, H hi, H lo} (the first two ignored when {@code from} is 0) and is left
     * holding H^to: nothing is allocated, as this runs whenever a thread re-keys a slot. A record of g GHASH blocks
     * needs only H^1..H^min(g, BATCH), so a key used for small records computes a few powers, not all {@link #BATCH}
     * (how many depends only on record lengths, which are public).
     */
    static void extendKeyTable(long[] t, long[] state, int from, int to) {
        for (int k = from + 1; k <= to; k++) {
            if (k == 1) {
                state[0] = state[2];
                state[1] = state[3];
            } else {
                multiply(state, state[0], state[1], state[2], state[3]); // reads its arguments, then writes state[0..1]
            }
            operands(t, (BATCH - k) * WORDS, state[0], state[1]);
        }
    }

    /**
     * The {@link #WORDS} Karatsuba operands of one element at {@code dst[o..]}: lo, hi, lo^hi, and the same
     * bit-reversed. Both sides of a product (a power of H, a data block) are laid out alike, so the lane loops
     * pair them word for word.
     */
    private static void operands(long[] dst, int o, long hi, long lo) {
        long hr = Long.reverse(hi);
        long lr = Long.reverse(lo);
        dst[o] = lo;
        dst[o + 1] = hi;
        dst[o + 2] = lo ^ hi;
        dst[o + 3] = lr;
        dst[o + 4] = hr;
        dst[o + 5] = lr ^ hr;
    }

    /** Starts a new GHASH under a table of {@link #keyTable}: Y = 0. */
    void start(long[] keyTable) {
        this.table = keyTable;
        y[0] = 0;
        y[1] = 0;
        count = 0;
    }

    /**
     * Absorbs {@code len} bytes; a final partial block is zero-padded, so only the last call of a GHASH
     * segment (AAD, ciphertext) may pass a length that is not a multiple of 16.
     */
    void update(byte[] data, int off, int len) {
        int end = off + len;
        while (end - off >= 16) {
            update((long) BE.get(data, off), (long) BE.get(data, off + 8));
            off += 16;
        }
        int rest = end - off;
        if (rest > 0) {
            long hi = 0;
            long lo = 0;
            for (int i = 0; i < rest; i++) {
                long b = data[off + i] & 0xffL;
                if (i < 8) {
                    hi |= b << (56 - 8 * i);
                } else {
                    lo |= b << (120 - 8 * i);
                }
            }
            update(hi, lo);
        }
    }

    /** Absorbs one block given as two big-endian longs. */
    void update(long hi, long lo) {
        if (count == 0) {
            hi ^= y[0];
            lo ^= y[1];
        }
        operands(a, count * WORDS, hi, lo);
        if (++count == BATCH) {
            flush();
        }
    }

    /** Processes whatever is pending; afterwards {@link #hi} and {@link #lo} are the GHASH value. */
    void finish() {
        if (count != 0) {
            flush();
        }
        table = null;
    }

    long hi() {
        return y[0];
    }

    long lo() {
        return y[1];
    }

    /** Forgets the running value. */
    void clear() {
        y[0] = 0;
        y[1] = 0;
    }

    /** Y = X1 H^g ^ ... ^ Xg H for the g pending blocks (Y already folded into X1). */
    private void flush() {
        int n = count * WORDS;
        // The powers at the same lane index as the data: one invariant offset less, which C2 vectorises better.
        System.arraycopy(table, TABLE_LONGS - n, hs, 0, n);
        clmulLanes(a, hs, r, n);
        long z0 = 0;
        long z1 = 0;
        long z2 = 0;
        long z0h = 0;
        long z1h = 0;
        long z2h = 0;
        long[] p = r;
        for (int o = 0; o < n; o += WORDS) {
            z0 ^= p[o];
            z1 ^= p[o + 1];
            z2 ^= p[o + 2];
            z0h ^= p[o + 3];
            z1h ^= p[o + 4];
            z2h ^= p[o + 5];
        }
        count = 0;
        reduce(y, z0, z1, z2, z0h, z1h, z2h);
    }

    /**
     * r[l] = clmulLow(x[l], h[l]) for {@code n} lanes: {@link #clmulLow} split into loops simple
     * enough (at most two multiplications each) for C2 to vectorise.
     */
    private void clmulLanes(long[] x, long[] h, long[] out, int n) {
        long[] c0 = x0;
        long[] c1 = x1;
        long[] c2 = x2;
        long[] c3 = x3;
        long[] t1 = s1;
        long[] t2 = s2;
        long[] t3 = s3;
        for (int l = 0; l < n; l++) {
            long v = x[l];
            c0[l] = v & M0;
            c1[l] = v & M1;
            c2[l] = v & M2;
            c3[l] = v & M3;
        }
        for (int l = 0; l < n; l++) {
            out[l] = (c0[l] * (h[l] & M0)) ^ (c1[l] * (h[l] & M3));
        }
        for (int l = 0; l < n; l++) {
            out[l] = (out[l] ^ (c2[l] * (h[l] & M2)) ^ (c3[l] * (h[l] & M1))) & M0;
        }
        for (int l = 0; l < n; l++) {
            t1[l] = (c0[l] * (h[l] & M1)) ^ (c1[l] * (h[l] & M0));
        }
        for (int l = 0; l < n; l++) {
            t1[l] ^= (c2[l] * (h[l] & M3)) ^ (c3[l] * (h[l] & M2));
        }
        for (int l = 0; l < n; l++) {
            t2[l] = (c0[l] * (h[l] & M2)) ^ (c1[l] * (h[l] & M1));
        }
        for (int l = 0; l < n; l++) {
            t2[l] ^= (c2[l] * (h[l] & M0)) ^ (c3[l] * (h[l] & M3));
        }
        for (int l = 0; l < n; l++) {
            t3[l] = (c0[l] * (h[l] & M3)) ^ (c1[l] * (h[l] & M2));
        }
        for (int l = 0; l < n; l++) {
            t3[l] ^= (c2[l] * (h[l] & M1)) ^ (c3[l] * (h[l] & M0));
        }
        for (int l = 0; l < n; l++) {
            out[l] |= (t1[l] & M1) | (t2[l] & M2) | (t3[l] & M3);
        }
    }

    /**
     * From the six Karatsuba half-products (low halves of lo*lo, hi*hi, mid*mid and the same of the reversed
     * operands) to the reduced 128-bit value in yHi:yLo.
     */
    private static void reduce(long[] y, long z0, long z1, long z2, long z0h, long z1h, long z2h) {
        z2 ^= z0 ^ z1;
        z2h ^= z0h ^ z1h;
        // High halves: the low half of the reversed operands' product, reversed, is bits 63..126.
        z0h = Long.reverse(z0h) >>> 1;
        z1h = Long.reverse(z1h) >>> 1;
        z2h = Long.reverse(z2h) >>> 1;
        // The 255-bit product v3:v2:v1:v0, coefficient of x^k at bit 254-k.
        long v0 = z0;
        long v1 = z0h ^ z2;
        long v2 = z1 ^ z2h;
        long v3 = z1h;
        // Shift left by one: the coefficient of x^k at bit 255-k, so v3:v2 holds x^0..x^127, v1:v0 x^128..x^255.
        v3 = (v3 << 1) | (v2 >>> 63);
        v2 = (v2 << 1) | (v1 >>> 63);
        v1 = (v1 << 1) | (v0 >>> 63);
        v0 = v0 << 1;
        // x^128 = x^7 + x^2 + x + 1: fold v0 (x^192..x^255) into v2:v1, then v1 (x^128..x^191) into v3:v2.
        // Raising the degree by d is a right shift by d in this representation.
        v2 ^= v0 ^ (v0 >>> 1) ^ (v0 >>> 2) ^ (v0 >>> 7);
        v1 ^= (v0 << 63) ^ (v0 << 62) ^ (v0 << 57);
        v3 ^= v1 ^ (v1 >>> 1) ^ (v1 >>> 2) ^ (v1 >>> 7);
        v2 ^= (v1 << 63) ^ (v1 << 62) ^ (v1 << 57);
        y[0] = v3;
        y[1] = v2;
    }

    /**
     * The low 64 bits of the carry-less product of {@code x} and {@code y}. In the product of class i of x
     * and class j of y, the bits of class (i + j) mod 4 are exact: a 4-bit digit collects at most 16 partial
     * products, 16 only in the digit starting at bit 60 (all 16 bits of both classes set), whose carry goes
     * to bit 64, outside the result; the masks drop the carries that land in the other classes' holes.
     */
    static long clmulLow(long x, long y) {
        long x0 = x & M0;
        long x1 = x & M1;
        long x2 = x & M2;
        long x3 = x & M3;
        long y0 = y & M0;
        long y1 = y & M1;
        long y2 = y & M2;
        long y3 = y & M3;
        long z0 = (x0 * y0) ^ (x1 * y3) ^ (x2 * y2) ^ (x3 * y1);
        long z1 = (x0 * y1) ^ (x1 * y0) ^ (x2 * y3) ^ (x3 * y2);
        long z2 = (x0 * y2) ^ (x1 * y1) ^ (x2 * y0) ^ (x3 * y3);
        long z3 = (x0 * y3) ^ (x1 * y2) ^ (x2 * y1) ^ (x3 * y0);
        return (z0 & M0) | (z1 & M1) | (z2 & M2) | (z3 & M3);
    }

    /** out = a * b in GF(2^128) (GCM representation, big-endian longs hi, lo), scalar: key set-up and tests. */
    static void multiply(long[] out, long aHi, long aLo, long bHi, long bLo) {
        long aHr = Long.reverse(aHi);
        long aLr = Long.reverse(aLo);
        long bHr = Long.reverse(bHi);
        long bLr = Long.reverse(bLo);
        reduce(out, clmulLow(aLo, bLo), clmulLow(aHi, bHi), clmulLow(aLo ^ aHi, bLo ^ bHi),
                clmulLow(aLr, bLr), clmulLow(aHr, bHr), clmulLow(aLr ^ aHr, bLr ^ bHr));
    }

    /** GHASH_H(A || pad || C || pad || len(A) || len(C)) as 16 bytes: the whole function, for tests. */
    static byte[] ghash(byte[] h, byte[] aad, byte[] ciphertext) {
        Ghash g = new Ghash();
        g.start(keyTable((long) BE.get(h, 0), (long) BE.get(h, 8)));
        g.update(aad, 0, aad.length);
        g.update(ciphertext, 0, ciphertext.length);
        g.update((long) aad.length << 3, (long) ciphertext.length << 3);
        g.finish();
        byte[] out = new byte[16];
        BE.set(out, 0, g.hi());
        BE.set(out, 8, g.lo());
        return out;
    }
}
