package org.securechannel.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * GHASH (NIST SP 800-38D §6.4) in constant time: no table lookup and no branch depends on H or on the data.
 *
 * <p>Representation: a block is read as two big-endian longs {@code hi} (bytes 0-7) and {@code lo} (bytes
 * 8-15), so the coefficient of x^i of the field element is bit 127-i of the 128-bit integer {@code hi:lo}
 * (GCM's bit-reflected convention). The carry-less product of two such reversed operands is the reversal of
 * the polynomial product (shifted by one bit), which the reduction below accounts for once per product.
 *
 * <p>Carry-less 64x64 multiplication ({@link #clmulLow}) is done with ordinary integer multiplications, which
 * are constant time on the CPUs we run on: each operand is split into 4 interleaved bit classes (bits
 * {@code i, i+4, i+8, ...}), so every integer partial product lands on positions of one class with 3-bit
 * "holes" between them. A position of the low 64 bits collects at most 16 one-bit partial products, and only
 * the topmost position (60..63) of a 4-bit digit can reach 16, whose carry leaves the 64-bit word: every
 * other digit holds at most 15 and never carries into the next bit of its class. The high 64 bits of the
 * product are computed as the bit-reversed low half of the bit-reversed operands (no carry analysis needed
 * for {@code Math.multiplyHigh}, where digits of 16 do carry). A 128x128 product is three 64x64 ones
 * (Karatsuba), i.e. 6 {@code clmulLow} calls, 96 multiplications.
 *
 * <p>Blocks are processed four at a time with precomputed H, H^2, H^3, H^4 (aggregated reduction:
 * {@code ((Y ^ X1) H^4) ^ (X2 H^3) ^ (X3 H^2) ^ (X4 H)}), so the four unreduced products are summed and
 * reduced (and bit-reversed back) once. The key-dependent table is 16 longs per key ({@link #keyTable}).
 *
 * <p>An instance is the per-thread running state of one GHASH computation; it is not thread-safe and holds
 * no key between {@link #start} and the next start other than the table reference it was given.
 */
final class Ghash {
    private static final VarHandle BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final long M0 = 0x1111111111111111L;
    private static final long M1 = 0x2222222222222222L;
    private static final long M2 = 0x4444444444444444L;
    private static final long M3 = 0x8888888888888888L;
    /** Longs per power of H in the key table: hi, lo, reverse(hi), reverse(lo). */
    private static final int STRIDE = 4;
    static final int TABLE_LONGS = 4 * STRIDE;

    private long[] table;
    private long yHi;
    private long yLo;
    /** Up to four blocks waiting to be processed together. */
    private final byte[] queue = new byte[64];
    private int queued;

    /**
     * The per-key table: H, H^2, H^3, H^4, each as {@code hi, lo, reverse(hi), reverse(lo)}. H is
     * E(K, 0^128) as two big-endian longs.
     */
    static long[] keyTable(long hHi, long hLo) {
        long[] t = new long[TABLE_LONGS];
        long[] p = new long[2];
        t[0] = hHi;
        t[1] = hLo;
        for (int k = 1; k < 4; k++) {
            multiply(p, t[STRIDE * (k - 1)], t[STRIDE * (k - 1) + 1], hHi, hLo);
            t[STRIDE * k] = p[0];
            t[STRIDE * k + 1] = p[1];
        }
        for (int k = 0; k < 4; k++) {
            t[STRIDE * k + 2] = Long.reverse(t[STRIDE * k]);
            t[STRIDE * k + 3] = Long.reverse(t[STRIDE * k + 1]);
        }
        p[0] = 0;
        p[1] = 0;
        return t;
    }

    /** Starts a new GHASH under the key table of {@link #keyTable}: Y = 0. */
    void start(long[] keyTable) {
        this.table = keyTable;
        yHi = 0;
        yLo = 0;
        queued = 0;
    }

    /**
     * Absorbs {@code len} bytes; a final partial block is zero-padded, so only the last call of a GHASH
     * segment (AAD, ciphertext) may pass a length that is not a multiple of 16.
     */
    void update(byte[] a, int off, int len) {
        int end = off + len;
        // Top up a partly filled queue first.
        while (queued != 0 && end - off >= 16) {
            System.arraycopy(a, off, queue, queued << 4, 16);
            off += 16;
            if (++queued == 4) {
                group(queue, 0, 4);
                queued = 0;
            }
        }
        // Whole groups straight from the caller's array.
        while (end - off >= 64) {
            group(a, off, 4);
            off += 64;
        }
        while (end - off >= 16) {
            System.arraycopy(a, off, queue, queued << 4, 16);
            off += 16;
            queued++;
        }
        int rest = end - off;
        if (rest > 0) {
            int q = queued << 4;
            System.arraycopy(a, off, queue, q, rest);
            for (int i = q + rest; i < q + 16; i++) {
                queue[i] = 0;
            }
            if (++queued == 4) {
                group(queue, 0, 4);
                queued = 0;
            }
        }
    }

    /** Absorbs one block given as two big-endian longs (the lengths block). */
    void update(long hi, long lo) {
        int q = queued << 4;
        BE.set(queue, q, hi);
        BE.set(queue, q + 8, lo);
        if (++queued == 4) {
            group(queue, 0, 4);
            queued = 0;
        }
    }

    /** Processes whatever is queued; afterwards {@link #hi} and {@link #lo} are the GHASH value. */
    void finish() {
        if (queued != 0) {
            group(queue, 0, queued);
            queued = 0;
        }
        for (int i = 0; i < queue.length; i++) {
            queue[i] = 0;
        }
        table = null;
    }

    long hi() {
        return yHi;
    }

    long lo() {
        return yLo;
    }

    /** Forgets the running value. */
    void clear() {
        yHi = 0;
        yLo = 0;
    }

    /**
     * Y = ((Y ^ X1) H^g) ^ (X2 H^(g-1)) ^ ... ^ (Xg H) for the {@code g} (1..4) blocks at {@code off}: the
     * products are summed unreduced (the reversal and the reduction are linear) and reduced once.
     */
    private void group(byte[] a, int off, int g) {
        long[] t = table;
        long z0 = 0;
        long z1 = 0;
        long z2 = 0;
        long z0h = 0;
        long z1h = 0;
        long z2h = 0;
        for (int i = 0; i < g; i++) {
            long x1 = (long) BE.get(a, off + 16 * i);
            long x0 = (long) BE.get(a, off + 16 * i + 8);
            if (i == 0) {
                x1 ^= yHi;
                x0 ^= yLo;
            }
            int p = STRIDE * (g - 1 - i);
            long h1 = t[p];
            long h0 = t[p + 1];
            long h1r = t[p + 2];
            long h0r = t[p + 3];
            long x1r = Long.reverse(x1);
            long x0r = Long.reverse(x0);
            z0 ^= clmulLow(x0, h0);
            z1 ^= clmulLow(x1, h1);
            z2 ^= clmulLow(x0 ^ x1, h0 ^ h1);
            z0h ^= clmulLow(x0r, h0r);
            z1h ^= clmulLow(x1r, h1r);
            z2h ^= clmulLow(x0r ^ x1r, h0r ^ h1r);
        }
        reduce(z0, z1, z2, z0h, z1h, z2h);
    }

    /**
     * From the six Karatsuba half-products (low halves of lo*lo, hi*hi, mid*mid and the same of the reversed
     * operands) to the reduced 128-bit value in yHi:yLo.
     */
    private void reduce(long z0, long z1, long z2, long z0h, long z1h, long z2h) {
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
        yHi = v3;
        yLo = v2;
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

    /** out = a * b in GF(2^128) (GCM representation, big-endian longs hi, lo). Key set-up and tests. */
    static void multiply(long[] out, long aHi, long aLo, long bHi, long bLo) {
        Ghash g = new Ghash();
        long[] t = {bHi, bLo, Long.reverse(bHi), Long.reverse(bLo)};
        g.table = t;
        byte[] block = new byte[16];
        BE.set(block, 0, aHi);
        BE.set(block, 8, aLo);
        g.group(block, 0, 1);
        out[0] = g.yHi;
        out[1] = g.yLo;
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
