package org.securechannel.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.securechannel.crypto.HkdfTest.hex;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Poly1305 alone: RFC 8439 §2.5.2 and every Appendix A.3 vector, then against a BigInteger reference. */
class Poly1305Test {
    private static final byte[] IETF = ("Any submission to the IETF intended by the Contributor for publication as"
            + " all or part of an IETF Internet-Draft or RFC and any statement made within the context of an IETF"
            + " activity is considered an \"IETF Contribution\". Such statements include oral statements in IETF"
            + " sessions, as well as written and electronic communications made at any time or place, which are"
            + " addressed to").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] JABBERWOCKY = ("'Twas brillig, and the slithy toves\nDid gyre and gimble in the wabe:\n"
            + "All mimsy were the borogoves,\nAnd the mome raths outgrabe.").getBytes(StandardCharsets.US_ASCII);
    private static final BigInteger P = BigInteger.ONE.shiftLeft(130).subtract(BigInteger.valueOf(5));

    private static void check(String key, byte[] msg, String tag) {
        byte[] k = hex(key);
        assertArrayEquals(hex(tag), reference(k, msg), "the reference disagrees with the RFC");
        assertArrayEquals(hex(tag), Poly1305.mac(k, msg));
    }

    private static byte[] repeat(String hex16, int times) {
        byte[] one = hex(hex16);
        byte[] r = new byte[one.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(one, 0, r, i * one.length, one.length);
        }
        return r;
    }

    @Test
    void rfc8439Section252() {
        check("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b",
                "Cryptographic Forum Research Group".getBytes(StandardCharsets.US_ASCII),
                "a8061dc1305136c6c22b8baf0c0127a9");
    }

    @Test
    void rfc8439AppendixA3Vectors1To4() {
        assertEquals(375, IETF.length);
        assertEquals(127, JABBERWOCKY.length);
        check("0000000000000000000000000000000000000000000000000000000000000000", new byte[64],
                "00000000000000000000000000000000");
        check("0000000000000000000000000000000036e5f6b5c5e06070f0efca96227a863e", IETF,
                "36e5f6b5c5e06070f0efca96227a863e");
        check("36e5f6b5c5e06070f0efca96227a863e00000000000000000000000000000000", IETF,
                "f3477e7cd95417af89a6b8794c310cf0");
        check("1c9240a5eb55d38af333888604f6b5f0473917c1402b80099dca5cbc207075c0", JABBERWOCKY,
                "4541669a7eaaee61e708dc7cbcc5eb62");
    }

    /** A.3 #5 - #11: the edge cases of carrying and reducing mod 2^130 - 5. */
    @Test
    void rfc8439AppendixA3ReductionEdgeCases() {
        String zeros = "00000000000000000000000000000000";
        // #5: h wraps past p on the way.
        check("02000000000000000000000000000000" + zeros, hex("ffffffffffffffffffffffffffffffff"),
                "03000000000000000000000000000000");
        // #6: s = all ones, the s addition wraps mod 2^128.
        check("02000000000000000000000000000000ffffffffffffffffffffffffffffffff",
                hex("02000000000000000000000000000000"), "03000000000000000000000000000000");
        // #7
        check("01000000000000000000000000000000" + zeros,
                hex("ffffffffffffffffffffffffffffffff" + "f0ffffffffffffffffffffffffffffff"
                        + "11000000000000000000000000000000"),
                "05000000000000000000000000000000");
        // #8: h ends exactly at p: the tag is 0.
        check("01000000000000000000000000000000" + zeros,
                hex("ffffffffffffffffffffffffffffffff" + "fbfefefefefefefefefefefefefefefe"
                        + "01010101010101010101010101010101"),
                "00000000000000000000000000000000");
        // #9: the tag is just below 2^128 - 5.
        check("02000000000000000000000000000000" + zeros, hex("fdffffffffffffffffffffffffffffff"),
                "faffffffffffffffffffffffffffffff");
        // #10, #11: r with a bit in its upper word; products carrying across the 64-bit boundary.
        String key10 = "0100000000000000040000000000000000000000000000000000000000000000";
        String m10 = "e33594d7505e43b90000000000000000" + "3394d7505e4379cd0100000000000000"
                + "00000000000000000000000000000000";
        check(key10, hex(m10 + "01000000000000000000000000000000"), "14000000000000005500000000000000");
        check(key10, hex(m10), "13000000000000000000000000000000");
    }

    @Test
    void valuesAtAndAboveTheModulus() {
        byte[] key = new byte[32];
        key[0] = 1;
        // r = 1, s = 0: the tag is h mod p itself. 2^129 - 5 is below p.
        assertArrayEquals(hex("fbffffffffffffffffffffffffffffff"),
                Poly1305.mac(key, hex("fbffffffffffffffffffffffffffffff")));
        // Two all-ones blocks: h = 2^130 - 2 = p + 3.
        byte[] three = new byte[16];
        three[0] = 3;
        assertArrayEquals(three, Poly1305.mac(key, repeat("ffffffffffffffffffffffffffffffff", 2)));
        // Long runs of all-ones under the largest clamped r and all-ones s: the accumulator's top bits stay full.
        byte[] maxKey = hex("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");
        for (int blocks = 1; blocks <= 64; blocks++) {
            byte[] msg = repeat("ffffffffffffffffffffffffffffffff", blocks);
            assertArrayEquals(reference(maxKey, msg), Poly1305.mac(maxKey, msg), "blocks " + blocks);
        }
    }

    /** Random keys (a quarter with every bit of r the clamp allows) and messages of every length 0..200. */
    @Test
    void matchesABigIntegerReference() {
        SplittableRandom rnd = new SplittableRandom(1305);
        for (int round = 0; round < 40; round++) {
            for (int len = 0; len <= 200; len++) {
                byte[] key = new byte[32];
                rnd.nextBytes(key);
                if (round % 4 == 0) {
                    Arrays.fill(key, 0, 16, (byte) 0xff);
                }
                byte[] msg = new byte[len];
                rnd.nextBytes(msg);
                if (round % 5 == 1) {
                    Arrays.fill(msg, (byte) 0xff);
                }
                assertArrayEquals(reference(key, msg), Poly1305.mac(key, msg), "round " + round + " len " + len);
            }
        }
    }

    /** Long messages, as records make them: the accumulator's bounds must hold over thousands of blocks. */
    @Test
    void matchesABigIntegerReferenceOnRecordSizes() {
        SplittableRandom rnd = new SplittableRandom(16384);
        for (int i = 0; i < 24; i++) {
            int len = i < 4 ? 16384 + 17 * i : rnd.nextInt(17000);
            byte[] key = new byte[32];
            rnd.nextBytes(key);
            if (i % 2 == 0) {
                Arrays.fill(key, 0, 16, (byte) 0xff);
            }
            byte[] msg = new byte[len];
            if (i % 3 == 0) {
                Arrays.fill(msg, (byte) 0xff);
            } else {
                rnd.nextBytes(msg);
            }
            assertArrayEquals(reference(key, msg), Poly1305.mac(key, msg), "len " + len);
        }
    }

    /** The instance is reusable: init resets h, wipe forgets everything. */
    @Test
    void initResetsAndReuseMatches() {
        byte[] key = new byte[32];
        new SplittableRandom(7).nextBytes(key);
        byte[] msg = new byte[96];
        Arrays.fill(msg, (byte) 0xa5);
        Poly1305 p = new Poly1305();
        byte[] tag = new byte[16];
        for (int i = 0; i < 3; i++) {
            p.init(key, 0);
            p.blocks(msg, 0, msg.length);
            p.finish(tag, 0);
            assertArrayEquals(reference(key, msg), tag);
        }
        p.wipe();
    }

    /** RFC 8439 §2.5.1 straight from its definition, with BigInteger: obviously correct, slow. */
    static byte[] reference(byte[] key, byte[] msg) {
        BigInteger r = le(Arrays.copyOfRange(key, 0, 16))
                .and(new BigInteger("0ffffffc0ffffffc0ffffffc0fffffff", 16));
        BigInteger s = le(Arrays.copyOfRange(key, 16, 32));
        BigInteger acc = BigInteger.ZERO;
        for (int i = 0; i < msg.length; i += 16) {
            int n = Math.min(16, msg.length - i);
            byte[] block = Arrays.copyOf(Arrays.copyOfRange(msg, i, i + n), n + 1);
            block[n] = 1;
            acc = acc.add(le(block)).multiply(r).mod(P);
        }
        acc = acc.add(s);
        byte[] tag = new byte[16];
        for (int i = 0; i < 16; i++) {
            tag[i] = acc.shiftRight(8 * i).byteValue();
        }
        return tag;
    }

    private static BigInteger le(byte[] b) {
        byte[] be = new byte[b.length + 1];
        for (int i = 0; i < b.length; i++) {
            be[b.length - i] = b[i];
        }
        return new BigInteger(be);
    }
}
