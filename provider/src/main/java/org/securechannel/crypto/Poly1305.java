package org.securechannel.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Poly1305 (RFC 8439 §2.5) in radix 2^64: the accumulator h is two 64-bit words plus a few bits above 2^128,
 * r two 64-bit words. Because the clamp clears the low two bits of r's upper word, the product term at
 * 2^128 reduces mod p = 2^130 - 5 as {@code r1 * 5/4 = r1 + (r1 >>> 2)}, so one block costs four 64x64->128
 * products ({@link Math#multiplyHigh} is an intrinsic on x86-64 and AArch64) and two small ones: ten
 * multiplications instead of the 25 of five 26-bit limbs. Carries are computed from the sign bits, never
 * with a branch or a comparison, so the running time depends only on the message length.
 *
 * <p>Reusable: {@link #init} starts a new MAC, {@link #wipe} forgets the key. Nothing is allocated after
 * construction.
 */
final class Poly1305 {
    private static final VarHandle LE64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** RFC 8439 §2.5.1 clamp of r, as two little-endian 64-bit words. */
    private static final long CLAMP0 = 0x0ffffffc0fffffffL;
    private static final long CLAMP1 = 0x0ffffffc0ffffffcL;

    private long r0;
    private long r1;
    /** r1 * 5/4: r1 * 2^128 = (r1/4) * 2^130 = (r1/4) * 5 mod p; exact since the clamp clears r1's low 2 bits. */
    private long s1;
    private long pad0;
    private long pad1;
    private long h0;
    private long h1;
    private long h2;
    private final byte[] block = new byte[16];

    /** r (clamped) from key bytes 0..15, s from 16..31; h = 0. */
    void init(byte[] key, int off) {
        r0 = (long) LE64.get(key, off) & CLAMP0;
        r1 = (long) LE64.get(key, off + 8) & CLAMP1;
        s1 = r1 + (r1 >>> 2);
        pad0 = (long) LE64.get(key, off + 16);
        pad1 = (long) LE64.get(key, off + 24);
        h0 = 0;
        h1 = 0;
        h2 = 0;
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
     * <p>Bounds, with h2 <= 4 on entry: t2 <= 6; t0*r0 + t1*s1 < 2^124 + 2^125; the 2^64 column
     * t0*r1 + t1*r0 + t2*s1 + carry < 2^126; the 2^128 column d2 = t2*r0 + carry < 2^63.4, so
     * d2 + d2/4 fits 64 bits unsigned and after folding d2's bits from 2^130 up back in (times 5), h2 <= 4.
     */
    private void blocks(byte[] m, int off, int len, long hibit) {
        final long r0 = this.r0;
        final long r1 = this.r1;
        final long s1 = this.s1;
        long h0 = this.h0;
        long h1 = this.h1;
        long h2 = this.h2;
        int end = off + len;
        for (int p = off; p < end; p += 16) {
            long m0 = (long) LE64.get(m, p);
            long m1 = (long) LE64.get(m, p + 8);
            // t = h + m + hibit * 2^128
            long t0 = h0 + m0;
            long c = carry(h0, m0, t0);
            long t1 = h1 + m1 + c;
            c = carry(h1, m1, t1);
            long t2 = h2 + c + hibit;

            // r0, r1, s1 < 2^63: only t0 and t1 need the unsigned correction of the signed high product.
            long sg0 = t0 >> 63;
            long sg1 = t1 >> 63;
            // Column 2^0: t0*r0 + t1*s1.
            long a = t0 * r0;
            long ah = Math.multiplyHigh(t0, r0) + (sg0 & r0);
            long b = t1 * s1;
            long bh = Math.multiplyHigh(t1, s1) + (sg1 & s1);
            long d0 = a + b;
            long d0h = ah + bh + carry(a, b, d0);
            // Column 2^64: t0*r1 + t1*r0 + t2*s1 + d0h.
            a = t0 * r1;
            ah = Math.multiplyHigh(t0, r1) + (sg0 & r1);
            b = t1 * r0;
            bh = Math.multiplyHigh(t1, r0) + (sg1 & r0);
            long d1 = a + b;
            long d1h = ah + bh + carry(a, b, d1);
            long e = t2 * s1 + d0h; // < 2^64: 6 * 2^61 + 2^62
            long d1b = d1 + e;
            d1h += carry(d1, e, d1b);
            // Column 2^128: t2*r0 + d1h.
            long d2 = t2 * r0 + d1h;
            // Fold 2^130 and up: (d2 >>> 2) * 5 = (d2 & ~3) + (d2 >>> 2).
            long f = (d2 & ~3L) + (d2 >>> 2);
            h0 = d0 + f;
            c = carry(d0, f, h0);
            h1 = d1b + c;
            c = (d1b & ~h1) >>> 63;
            h2 = (d2 & 3) + c;
        }
        this.h0 = h0;
        this.h1 = h1;
        this.h2 = h2;
    }

    /** The carry out of {@code s = a + b (+ carry in)}, from bit 63 alone: no branch, no comparison. */
    private static long carry(long a, long b, long s) {
        return ((a & b) | ((a | b) & ~s)) >>> 63;
    }

    /** tag = (h mod 2^130 - 5) + s mod 2^128, little-endian, constant time; h is left unusable. */
    void finish(byte[] out, int off) {
        long h0 = this.h0;
        long h1 = this.h1;
        long h2 = this.h2;
        // Fully carry: h < 2^130 + 2^64 < 2p afterwards.
        long f = (h2 >>> 2) * 5;
        h2 &= 3;
        long t = h0 + f;
        long c = carry(h0, f, t);
        h0 = t;
        t = h1 + c;
        c = (h1 & ~t) >>> 63;
        h1 = t;
        h2 += c;
        // g = h + 5; h >= p exactly when g reaches 2^130, and then h mod p = g - 2^130.
        long g0 = h0 + 5;
        c = (h0 & ~g0) >>> 63;
        long g1 = h1 + c;
        c = (h1 & ~g1) >>> 63;
        long g2 = h2 + c;
        long useG = -(g2 >>> 2); // all ones when g >= 2^130
        h0 = (h0 & ~useG) | (g0 & useG);
        h1 = (h1 & ~useG) | (g1 & useG);
        // + s mod 2^128.
        t = h0 + pad0;
        c = carry(h0, pad0, t);
        LE64.set(out, off, t);
        LE64.set(out, off + 8, h1 + pad1 + c);
    }

    /** Forgets r, s, h and the scratch block. */
    void wipe() {
        r0 = r1 = s1 = 0;
        pad0 = pad1 = 0;
        h0 = h1 = h2 = 0;
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
