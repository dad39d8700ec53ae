package org.securechannel.crypto;

import java.math.BigInteger;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECLookupTable;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A Lim–Lee comb table of a PUBLIC point P, for verification only: entry b (1 ≤ b < 2^WIDTH) is
 * Σ_j bit_j(b)·2^(j·spacing)·P, in affine form so that adding it is a mixed addition.
 *
 * <p>{@link #sumOfTwoProducts} evaluates u1·P1 + u2·P2 for two tables of the same spacing in one pass:
 * the doublings are shared (spacing of them instead of two scalar multiplications' worth) and each column
 * costs at most two additions. Lookups index the table directly: everything here is public (the point,
 * the scalars u1 = e/s and u2 = r/s of a signature being verified), so nothing needs to be constant-time,
 * and unlike Bouncy Castle's signing comb we do not scan the whole table per lookup ({@code lookupVar}). Never use this with a
 * secret scalar.
 */
final class BouncyCastleCombTable {
    /**
     * 255 entries, kept by Bouncy Castle's compact lookup table (x and y as ints: 16 KB for P-256); 32 shared
     * doublings and at most 64 mixed additions for a 256-bit order (width 6: 43 and 86, in 16 KB of points).
     */
    static final int WIDTH = 8;

    private final ECCurve curve;
    private final int spacing;
    /** Entry b at index b - 1 (entry 0 is the point at infinity, never looked up). */
    private final ECLookupTable entries;

    private BouncyCastleCombTable(ECCurve curve, int spacing, ECLookupTable entries) {
        this.curve = curve;
        this.spacing = spacing;
        this.entries = entries;
    }

    /** The table of {@code p} for scalars below 2^{@code scalarBits}. */
    static BouncyCastleCombTable of(ECPoint p, int scalarBits) {
        int spacing = (scalarBits + WIDTH - 1) / WIDTH;
        ECPoint[] teeth = new ECPoint[WIDTH];
        teeth[0] = p.normalize();
        for (int j = 1; j < WIDTH; j++) {
            teeth[j] = teeth[j - 1].timesPow2(spacing);
        }
        ECPoint[] entries = new ECPoint[1 << WIDTH];
        entries[0] = p.getCurve().getInfinity();
        for (int b = 1; b < entries.length; b++) {
            int top = Integer.highestOneBit(b);
            ECPoint tooth = teeth[Integer.numberOfTrailingZeros(top)];
            entries[b] = b == top ? tooth : entries[b ^ top].add(tooth);
        }
        // One shared inversion turns all of them affine; the lookup table keeps only their coordinates.
        ECCurve curve = p.getCurve();
        curve.normalizeAll(entries, 1, entries.length - 1, null);
        return new BouncyCastleCombTable(curve, spacing, curve.createCacheSafeLookupTable(entries, 1, entries.length - 1));
    }

    /** u1·P1 + u2·P2 where {@code t1} and {@code t2} are the tables of P1 and P2 (same curve and spacing). */
    static ECPoint sumOfTwoProducts(BouncyCastleCombTable t1, BigInteger u1, BouncyCastleCombTable t2, BigInteger u2) {
        if (t1.spacing != t2.spacing || t1.curve != t2.curve) {
            throw new IllegalArgumentException("comb tables of different shapes");
        }
        int spacing = t1.spacing;
        if (u1.signum() < 0 || u2.signum() < 0 || u1.bitLength() > spacing * WIDTH || u2.bitLength() > spacing * WIDTH) {
            throw new IllegalArgumentException("scalar out of the table's range");
        }
        ECPoint r = t1.curve.getInfinity();
        for (int column = spacing - 1; column >= 0; column--) {
            r = r.twice();
            int a = tooth(u1, column, spacing);
            if (a != 0) {
                r = r.add(t1.entries.lookupVar(a - 1));
            }
            int b = tooth(u2, column, spacing);
            if (b != 0) {
                r = r.add(t2.entries.lookupVar(b - 1));
            }
        }
        return r;
    }

    /** The comb index of one column: bit (j·spacing + column) of k for each tooth j. */
    private static int tooth(BigInteger k, int column, int spacing) {
        int index = 0;
        for (int j = WIDTH - 1; j >= 0; j--) {
            index = (index << 1) | (k.testBit(j * spacing + column) ? 1 : 0);
        }
        return index;
    }
}
