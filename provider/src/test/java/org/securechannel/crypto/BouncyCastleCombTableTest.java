package org.securechannel.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

/** The verification comb computes exactly u1·G + u2·Q, on every scalar shape that stresses the columns. */
class BouncyCastleCombTableTest {
    private static final ECDomainParameters P256 = BouncyCastleCurves.P256;

    @Test
    void sumOfTwoProductsMatchesPlainMultiplication() {
        BigInteger n = P256.getN();
        Random random = new Random(42);
        ECPoint g = P256.getG();
        ECPoint q = g.multiply(new BigInteger(255, random)).normalize();
        BouncyCastleCombTable tg = BouncyCastleCombTable.of(g, n.bitLength());
        BouncyCastleCombTable tq = BouncyCastleCombTable.of(q, n.bitLength());

        List<BigInteger> scalars = new ArrayList<>();
        for (long small : new long[] {0, 1, 2, 3, 63, 64, 65}) {
            scalars.add(BigInteger.valueOf(small));
        }
        scalars.add(n.subtract(BigInteger.ONE));
        scalars.add(n.subtract(BigInteger.TWO));
        scalars.add(BigInteger.ONE.shiftLeft(255));
        scalars.add(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE).mod(n));
        int spacing = (256 + BouncyCastleCombTable.WIDTH - 1) / BouncyCastleCombTable.WIDTH;
        scalars.add(BigInteger.ONE.shiftLeft(spacing * (BouncyCastleCombTable.WIDTH - 1))); // first bit, last tooth
        scalars.add(BigInteger.ONE.shiftLeft(spacing - 1)); // the last bit of the first tooth
        scalars.add(BigInteger.ONE.shiftLeft(spacing).subtract(BigInteger.ONE)); // the whole first tooth
        for (int i = 0; i < 40; i++) {
            scalars.add(new BigInteger(256, random).mod(n));
        }
        for (BigInteger u1 : scalars.subList(0, 16)) {
            for (BigInteger u2 : scalars) {
                ECPoint expected = g.multiply(u1).add(q.multiply(u2)).normalize();
                ECPoint actual = BouncyCastleCombTable.sumOfTwoProducts(tg, u1, tq, u2).normalize();
                assertEquals(expected, actual, "u1=" + u1 + " u2=" + u2);
            }
        }
    }

    @Test
    void pointsWhoseSumIsInfinity() {
        BigInteger n = P256.getN();
        ECPoint g = P256.getG();
        BouncyCastleCombTable tg = BouncyCastleCombTable.of(g, n.bitLength());
        // u1·G + u2·G with u1 + u2 = n is the point at infinity; the comb must get there, not throw.
        BigInteger u1 = BigInteger.valueOf(12345);
        assertTrue(BouncyCastleCombTable.sumOfTwoProducts(tg, u1, tg, n.subtract(u1)).isInfinity());
    }

    @Test
    void refusesScalarsOutsideTheTable() {
        BouncyCastleCombTable tg = BouncyCastleCombTable.of(P256.getG(), 256);
        BouncyCastleCombTable small = BouncyCastleCombTable.of(P256.getG(), 128);
        assertThrows(IllegalArgumentException.class,
                () -> BouncyCastleCombTable.sumOfTwoProducts(tg, BigInteger.ONE.shiftLeft(258), tg, BigInteger.ONE));
        assertThrows(IllegalArgumentException.class,
                () -> BouncyCastleCombTable.sumOfTwoProducts(tg, BigInteger.ONE.negate(), tg, BigInteger.ONE));
        assertThrows(IllegalArgumentException.class,
                () -> BouncyCastleCombTable.sumOfTwoProducts(tg, BigInteger.ONE, small, BigInteger.ONE));
    }
}
