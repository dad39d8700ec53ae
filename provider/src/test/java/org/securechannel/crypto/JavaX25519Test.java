package org.securechannel.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import javax.crypto.KeyAgreement;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.junit.jupiter.api.Test;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.NamedGroup;

/** JavaX25519 and Curve25519Field against RFC 7748, the JDK's XDH, Bouncy Castle and BigInteger. */
class JavaX25519Test {
    private static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
    private static final long MASK = Curve25519Field.MASK;

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    private static byte[] x25519(byte[] k, byte[] u) {
        byte[] out = new byte[32];
        JavaX25519.scalarMult(k, u, out);
        return out;
    }

    private static byte[] publicKey(byte[] k) {
        byte[] out = new byte[32];
        JavaX25519.publicKey(k, out);
        return out;
    }

    private static byte[] nine() {
        byte[] u = new byte[32];
        u[0] = 9;
        return u;
    }

    // ---- RFC 7748 ----

    @Test
    void rfc7748Section52Vectors() {
        assertArrayEquals(hex("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552"),
                x25519(hex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4"),
                        hex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c")));
        assertArrayEquals(hex("95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957"),
                x25519(hex("4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d"),
                        hex("e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493")));
    }

    @Test
    void rfc7748IteratedOnceAndThousandTimes() {
        byte[] k = nine();
        byte[] u = nine();
        for (int i = 1; i <= 1000; i++) {
            byte[] r = x25519(k, u);
            u = k;
            k = r;
            if (i == 1) {
                assertArrayEquals(hex("422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079"), k);
            }
        }
        assertArrayEquals(hex("684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51"), k);
        // The 1,000,000-iteration vector is left out: about a minute at ~55 us per iteration.
    }

    @Test
    void rfc7748Section61DiffieHellman() throws Exception {
        byte[] alicePriv = hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
        byte[] bobPriv = hex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
        byte[] alicePub = hex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
        byte[] bobPub = hex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
        byte[] shared = hex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
        assertArrayEquals(alicePub, publicKey(alicePriv));
        assertArrayEquals(bobPub, publicKey(bobPriv));
        assertArrayEquals(alicePub, x25519(alicePriv, nine()));
        assertArrayEquals(bobPub, x25519(bobPriv, nine()));
        assertArrayEquals(shared, x25519(alicePriv, bobPub));
        assertArrayEquals(shared, x25519(bobPriv, alicePub));
        KeyShare alice = JavaX25519KeyShare.fromPrivateScalar(alicePriv);
        KeyShare bob = JavaX25519KeyShare.fromPrivateScalar(bobPriv);
        assertArrayEquals(alicePub, alice.publicValue());
        assertArrayEquals(bobPub, bob.publicValue());
        assertArrayEquals(shared, alice.sharedSecret(bobPub));
        assertArrayEquals(shared, bob.sharedSecret(alicePub));
    }

    // ---- decoding rules ----

    private static byte[] le(BigInteger v) {
        byte[] out = new byte[32];
        for (int i = 0; i < 32; i++) {
            out[i] = (byte) v.shiftRight(8 * i).intValue();
        }
        return out;
    }

    private static BigInteger fromLe(byte[] le) {
        byte[] be = new byte[le.length];
        for (int i = 0; i < le.length; i++) {
            be[i] = le[le.length - 1 - i];
        }
        return new BigInteger(1, be);
    }

    @Test
    void nonCanonicalUIsReducedAndTopBitMasked() {
        SecureRandom random = new SecureRandom();
        byte[] k = new byte[32];
        for (int i = 0; i < 19; i++) {
            // p + i (< 2^255) is the non-canonical encoding of i; i = 0, 1 are small order (all-zero result).
            random.nextBytes(k);
            BigInteger canonical = BigInteger.valueOf(i);
            byte[] expected = x25519(k, le(canonical));
            assertArrayEquals(expected, x25519(k, le(P.add(canonical))), "p + " + i);
            byte[] withTopBit = le(P.add(canonical));
            withTopBit[31] |= (byte) 0x80;
            assertArrayEquals(expected, x25519(k, withTopBit), "p + " + i + " with bit 255");
            byte[] bc = new byte[32];
            X25519.scalarMult(k, 0, le(P.add(canonical)), 0, bc, 0);
            assertArrayEquals(bc, expected, "Bouncy Castle, p + " + i);
        }
        for (int i = 0; i < 200; i++) {
            random.nextBytes(k);
            byte[] u = new byte[32];
            random.nextBytes(u);
            byte[] masked = u.clone();
            masked[31] &= 0x7F;
            byte[] high = masked.clone();
            high[31] |= (byte) 0x80;
            assertArrayEquals(x25519(k, masked), x25519(k, high));
        }
        // All ones: bit 255 is masked, leaving 2^255 - 1 = p + 18.
        byte[] ones = new byte[32];
        Arrays.fill(ones, (byte) 0xFF);
        assertArrayEquals(x25519(k, le(BigInteger.valueOf(18))), x25519(k, ones));
    }

    /** Small-order u-coordinates (and their non-canonical and top-bit-set encodings). */
    static List<byte[]> smallOrderPoints() {
        List<BigInteger> values = List.of(BigInteger.ZERO, BigInteger.ONE,
                new BigInteger("325606250916557431795983626356110631294008115727848805560023387167927233504"),
                new BigInteger("39382357235489614581723060781553021112529911719440698176882885853963445705823"),
                P.subtract(BigInteger.ONE));
        List<byte[]> out = new ArrayList<>();
        for (BigInteger v : values) {
            for (BigInteger enc : List.of(v, v.add(P))) {
                if (enc.bitLength() > 255) {
                    continue;
                }
                byte[] e = le(enc);
                out.add(e);
                byte[] top = e.clone();
                top[31] |= (byte) 0x80;
                out.add(top);
            }
        }
        return out;
    }

    @Test
    void smallOrderPointsGiveZeroAndIllegalParameter() throws Exception {
        List<byte[]> points = smallOrderPoints();
        assertEquals(14, points.size()); // non-canonical encodings exist only for 0 and 1 (p + 0..18 < 2^255)
        assertTrue(points.stream().anyMatch(p -> Arrays.equals(p,
                hex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800"))));
        SecureRandom random = new SecureRandom();
        for (int round = 0; round < 5; round++) {
            KeyShare share = JavaX25519KeyShare.generate(random);
            byte[] k = new byte[32];
            random.nextBytes(k);
            for (byte[] point : points) {
                String what = HexFormat.of().formatHex(point);
                assertArrayEquals(new byte[32], x25519(k, point), what);
                AlertException e = assertThrows(AlertException.class, () -> share.sharedSecret(point), what);
                assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert(), what);
            }
        }
    }

    @Test
    void keyShareRules() throws Exception {
        KeyShare share = JavaX25519KeyShare.generate(new SecureRandom());
        assertEquals(NamedGroup.X25519, share.group());
        assertEquals(32, share.publicValue().length);
        for (byte[] bad : new byte[][] {null, new byte[0], new byte[31], new byte[33]}) {
            AlertException e = assertThrows(AlertException.class, () -> share.sharedSecret(bad));
            assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
        }
        // The public value is a copy.
        share.publicValue()[0] ^= 1;
        KeyShare other = JavaX25519KeyShare.generate(new SecureRandom());
        assertArrayEquals(share.sharedSecret(other.publicValue()), other.sharedSecret(share.publicValue()));

        Field f = JavaX25519KeyShare.class.getDeclaredField("privateKey");
        f.setAccessible(true);
        byte[] scalar = (byte[]) f.get(share);
        // Generated scalars are stored clamped.
        assertEquals(0, scalar[0] & 7);
        assertEquals(0x40, scalar[31] & 0xC0);
        share.destroy();
        assertArrayEquals(new byte[32], scalar);
        AlertException e = assertThrows(AlertException.class, () -> share.sharedSecret(other.publicValue()));
        assertEquals(AlertDescription.INTERNAL_ERROR, e.alert());
        assertThrows(IllegalArgumentException.class, () -> JavaX25519KeyShare.fromPrivateScalar(new byte[31]));
    }

    // ---- cross-checks ----

    @Test
    void randomAgainstBouncyCastle() {
        Random random = new Random(7748);
        byte[] k = new byte[32];
        byte[] u = new byte[32];
        byte[] expected = new byte[32];
        for (int i = 0; i < 3000; i++) {
            random.nextBytes(k);
            random.nextBytes(u);
            X25519.scalarMult(k, 0, u, 0, expected, 0);
            assertArrayEquals(expected, x25519(k, u), "ladder, round " + i);
            X25519.scalarMultBase(k, 0, expected, 0);
            assertArrayEquals(expected, publicKey(k), "fixed base, round " + i);
        }
    }

    @Test
    void randomAgainstTheJdk() throws Exception {
        SecureRandom random = new SecureRandom();
        KeyFactory kf = KeyFactory.getInstance("XDH");
        byte[] k = new byte[32];
        byte[] u = new byte[32];
        for (int i = 0; i < 2000; i++) {
            random.nextBytes(k);
            random.nextBytes(u);
            PrivateKey priv = kf.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, k.clone()));
            PublicKey pub = kf.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519,
                    JdkX25519KeyShare.decodeU(u)));
            KeyAgreement ka = KeyAgreement.getInstance("XDH");
            ka.init(priv);
            ka.doPhase(pub, true);
            assertArrayEquals(ka.generateSecret(), x25519(k, u), "round " + i);
            if (i % 4 == 0) {
                // Our public key agrees with the JDK's private key: X25519(k, 9) by the JDK.
                PublicKey base = kf.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, BigInteger.valueOf(9)));
                ka.init(priv);
                ka.doPhase(base, true);
                assertArrayEquals(ka.generateSecret(), publicKey(k), "public key, round " + i);
            }
        }
    }

    @Test
    void interoperatesWithTheOtherKeyShares() throws Exception {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 20; i++) {
            KeyShare ours = JavaX25519KeyShare.generate(random);
            for (KeyShare theirs : List.of(JdkX25519KeyShare.generate(), BouncyCastleX25519KeyShare.generate(random))) {
                assertArrayEquals(theirs.sharedSecret(ours.publicValue()), ours.sharedSecret(theirs.publicValue()));
            }
        }
    }

    @Test
    void fixedBaseEqualsTheLadderOnNine() {
        Random random = new Random(1);
        byte[] k = new byte[32];
        for (int i = 0; i < 300; i++) {
            random.nextBytes(k);
            if (i < 8) {
                // Extremes of the clamped range and digit patterns: all zero, all ones, alternating.
                Arrays.fill(k, (byte) new int[] {0, 0xFF, 0x55, 0xAA, 0x88, 0x77, 0x0F, 0xF0}[i]);
            }
            assertArrayEquals(x25519(k, nine()), publicKey(k), "round " + i);
        }
    }

    // ---- field arithmetic against BigInteger ----

    private static long[] limbs(BigInteger v) {
        long[] r = new long[5];
        for (int i = 0; i < 5; i++) {
            r[i] = v.shiftRight(51 * i).longValue() & MASK;
        }
        return r;
    }

    /** The value of unreduced limbs (each non-negative). */
    private static BigInteger value(long[] a) {
        BigInteger v = BigInteger.ZERO;
        for (int i = 4; i >= 0; i--) {
            assertTrue(a[i] >= 0, "negative limb");
            v = v.shiftLeft(51).add(BigInteger.valueOf(a[i]));
        }
        return v;
    }

    private static BigInteger canonical(long[] a) {
        byte[] out = new byte[32];
        Curve25519Field.encode(a, out, 0);
        BigInteger v = fromLe(out);
        assertTrue(v.compareTo(P) < 0, "encode must be canonical");
        assertEquals(value(a).mod(P), v);
        return v;
    }

    private static final long CARRIED_BOUND = (1L << 51) + (1L << 23);

    private static void assertCarried(long[] a) {
        for (long l : a) {
            assertTrue(l >= 0 && l < CARRIED_BOUND, "limb out of the carried bound: " + l);
        }
    }

    /** Elements to test with: edge values (as 51-bit limbs of values below 2^255) and random ones. */
    static List<long[]> elements() {
        List<long[]> out = new ArrayList<>();
        for (BigInteger v : List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO, P.subtract(BigInteger.ONE), P,
                P.add(BigInteger.ONE), BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE),
                BigInteger.ONE.shiftLeft(254), BigInteger.ONE.shiftLeft(51).subtract(BigInteger.ONE),
                BigInteger.valueOf(121665), P.subtract(BigInteger.valueOf(121665)))) {
            out.add(limbs(v));
        }
        Random random = new Random(25519);
        for (int i = 0; i < 400; i++) {
            BigInteger v = new BigInteger(255, random);
            if (i % 10 == 0) {
                v = P.subtract(BigInteger.valueOf(random.nextInt(1000))); // near p
            }
            out.add(limbs(v));
        }
        // Maximal limbs: every limb at the largest value each operation accepts.
        long max = Curve25519Field.MAX_INPUT_LIMB - 1;
        out.add(new long[] {max, max, max, max, max});
        long carriedMax = CARRIED_BOUND - 1;
        out.add(new long[] {carriedMax, carriedMax, carriedMax, carriedMax, carriedMax});
        out.add(new long[] {max, 0, max, 0, max});
        out.add(new long[] {0, max, 0, max, 0});
        return out;
    }

    private static boolean isCarried(long[] a) {
        for (long l : a) {
            if (l >= CARRIED_BOUND) {
                return false;
            }
        }
        return true;
    }

    @Test
    void mulSquareSquareTimesMatchBigInteger() {
        List<long[]> els = elements();
        Random random = new Random(3);
        long[] r = new long[5];
        for (int i = 0; i < els.size(); i++) {
            long[] a = els.get(i);
            BigInteger av = value(a);
            Curve25519Field.square(a, r);
            assertCarried(r);
            assertEquals(av.multiply(av).mod(P), value(r).mod(P));
            assertEquals(av.multiply(av).mod(P), canonical(r));
            for (int n : new int[] {1, 2, 5}) {
                Curve25519Field.squareTimes(a, n, r);
                assertCarried(r);
                assertEquals(av.modPow(BigInteger.ONE.shiftLeft(n), P), canonical(r));
            }
            for (int t = 0; t < 8; t++) {
                long[] b = t < 4 ? els.get(els.size() - 1 - t) : els.get(random.nextInt(els.size()));
                Curve25519Field.mul(a, b, r);
                assertCarried(r);
                assertEquals(av.multiply(value(b)).mod(P), canonical(r));
            }
        }
        // Aliasing: r = a·a and r = r^2 in place.
        long[] a = limbs(P.subtract(BigInteger.TWO));
        long[] copy = a.clone();
        Curve25519Field.mul(a, a, a);
        Curve25519Field.square(copy, copy);
        assertArrayEquals(copy, a);
        assertEquals(BigInteger.valueOf(4), canonical(a));
    }

    @Test
    void addSubAndFusedFormsMatchBigIntegerAndStayMulInputs() {
        List<long[]> els = elements();
        long[] r = new long[5];
        long[] s = new long[5];
        for (long[] a : els) {
            if (!isCarried(a)) {
                continue;
            }
            for (int j = 0; j < els.size(); j += 3) {
                long[] b = els.get(j);
                if (!isCarried(b)) {
                    continue;
                }
                Curve25519Field.add(a, b, r);
                assertEquals(value(a).add(value(b)).mod(P), canonical(r));
                for (long l : r) {
                    assertTrue(l < Curve25519Field.MAX_INPUT_LIMB);
                }
                Curve25519Field.sub(a, b, s);
                assertEquals(value(a).subtract(value(b)).mod(P), canonical(s));
                for (long l : s) {
                    assertTrue(l >= 0 && l < Curve25519Field.MAX_INPUT_LIMB);
                }
                // Both feed mul without a carry.
                Curve25519Field.mul(r, s, r);
                assertEquals(value(a).pow(2).subtract(value(b).pow(2)).mod(P), canonical(r));
                // The fused forms give the same limbs.
                long[] sum = new long[5];
                long[] diff = new long[5];
                Curve25519Field.addSub(a, b, sum, diff);
                Curve25519Field.add(a, b, r);
                Curve25519Field.sub(a, b, s);
                assertArrayEquals(r, sum);
                assertArrayEquals(s, diff);
                // e = a - b, a + 121665·e: a valid mul input, with the right value.
                long[] e = new long[5];
                Curve25519Field.subMulSmallAdd(a, b, 121665, e, r);
                assertArrayEquals(diff, e);
                for (long l : r) {
                    assertTrue(l >= 0 && l < Curve25519Field.MAX_INPUT_LIMB);
                }
                BigInteger ev = value(a).subtract(value(b));
                assertEquals(value(a).add(ev.multiply(BigInteger.valueOf(121665))).mod(P), canonical(r));
                Curve25519Field.square(r, r);
                assertEquals(value(a).add(ev.multiply(BigInteger.valueOf(121665))).pow(2).mod(P), canonical(r));
            }
        }
    }

    @Test
    void invertMatchesBigInteger() {
        long[] r = new long[5];
        long[][] t = new long[4][5];
        List<long[]> els = elements();
        for (int i = 0; i < els.size(); i += 7) {
            long[] a = els.get(i);
            BigInteger av = value(a).mod(P);
            Curve25519Field.invert(a, r, t[0], t[1], t[2], t[3]);
            assertCarried(r);
            BigInteger expected = av.signum() == 0 ? BigInteger.ZERO : av.modInverse(P);
            assertEquals(expected, canonical(r));
        }
        long[] zero = limbs(P);
        Curve25519Field.invert(zero, zero, t[0], t[1], t[2], t[3]);
        assertEquals(BigInteger.ZERO, canonical(zero));
    }

    @Test
    void encodeDecodeAndCarryEdges() {
        // decode ignores bit 255 and keeps non-canonical values; encode reduces fully.
        for (BigInteger v : List.of(BigInteger.ZERO, P.subtract(BigInteger.ONE), P, P.add(BigInteger.valueOf(18)),
                BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE), BigInteger.ONE.shiftLeft(254))) {
            byte[] in = le(v);
            long[] a = new long[5];
            Curve25519Field.decode(in, 0, a);
            assertEquals(v, value(a));
            in[31] |= (byte) 0x80;
            Curve25519Field.decode(in, 0, a);
            assertEquals(v, value(a));
            assertEquals(v.mod(P), canonical(a));
        }
        // Encode and carry of limbs near 2^63 (encode's documented range).
        long big = Long.MAX_VALUE;
        long[] a = {big, big, big, big, big};
        assertEquals(value(a).mod(P), canonical(a));
        long[] c = new long[5];
        Curve25519Field.carry(a, c);
        assertEquals(value(a).mod(P), value(c).mod(P));
        for (int i = 1; i < 5; i++) {
            assertTrue(c[i] <= MASK);
        }
        assertTrue(c[0] < (1L << 51) + 19 * (1L << 13));
        // cswap and cmove.
        long[] x = {1, 2, 3, 4, 5};
        long[] y = {6, 7, 8, 9, 10};
        Curve25519Field.cswap(0, x, y);
        assertArrayEquals(new long[] {1, 2, 3, 4, 5}, x);
        Curve25519Field.cswap(1, x, y);
        assertArrayEquals(new long[] {6, 7, 8, 9, 10}, x);
        assertArrayEquals(new long[] {1, 2, 3, 4, 5}, y);
        Curve25519Field.cmove(0, y, x);
        assertArrayEquals(new long[] {6, 7, 8, 9, 10}, x);
        Curve25519Field.cmove(1, y, x);
        assertArrayEquals(y, x);
        // cswapAddSub: swaps (x2, z2) with (x3, z3) under the flag, then the four sums and differences.
        for (long swap = 0; swap <= 1; swap++) {
            long[] x2 = limbs(BigInteger.valueOf(1000)), z2 = limbs(P.subtract(BigInteger.ONE));
            long[] x3 = limbs(BigInteger.valueOf(7)), z3 = limbs(BigInteger.ONE.shiftLeft(200));
            long[][] before = {x2.clone(), z2.clone(), x3.clone(), z3.clone()};
            long[] s1 = new long[5], d1 = new long[5], s2 = new long[5], d2 = new long[5];
            Curve25519Field.cswapAddSub(swap, x2, z2, x3, z3, s1, d1, s2, d2);
            long[] ex2 = swap == 1 ? before[2] : before[0], ez2 = swap == 1 ? before[3] : before[1];
            long[] ex3 = swap == 1 ? before[0] : before[2], ez3 = swap == 1 ? before[1] : before[3];
            assertArrayEquals(ex2, x2);
            assertArrayEquals(ez2, z2);
            assertArrayEquals(ex3, x3);
            assertArrayEquals(ez3, z3);
            assertEquals(value(ex2).add(value(ez2)).mod(P), canonical(s1));
            assertEquals(value(ex2).subtract(value(ez2)).mod(P), canonical(d1));
            assertEquals(value(ex3).add(value(ez3)).mod(P), canonical(s2));
            assertEquals(value(ex3).subtract(value(ez3)).mod(P), canonical(d2));
        }
    }
}
