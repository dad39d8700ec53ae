package org.securechannel.crypto;

import org.securechannel.testing.OtherThread;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.securechannel.crypto.HkdfTest.hex;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.CipherSuite;

/** The pure-Java ChaCha20-Poly1305: RFC 8439's vectors, then against the JDK's cipher on random records. */
class JavaChaCha20Poly1305Test {
    private static final byte[] SUNSCREEN = ("Ladies and Gentlemen of the class of '99: If I could offer you only"
            + " one tip for the future, sunscreen would be it.").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEY_00_1F = hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    @Test
    void blockFunctionRfc8439Section232() {
        byte[] expected = hex("10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e"
                + "d2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e");
        assertArrayEquals(expected, JavaChaCha20Poly1305.block(KEY_00_1F, 1, hex("000000090000004a00000000")));
    }

    @Test
    void encryptionRfc8439Section242() {
        byte[] expected = hex("6e2e359a2568f98041ba0728dd0d6981e97e7aec1d4360c20a27afccfd9fae0b"
                + "f91b65c5524733ab8f593dabcd62b3571639d624e65152ab8f530c359f0861d8"
                + "07ca0dbf500d6a6156a38e088a22b65e52bc514d16ccf806818ce91ab7793736"
                + "5af90bbf74a35be6b40b8eedf2785e42874d");
        assertArrayEquals(expected, JavaChaCha20Poly1305.encrypt(KEY_00_1F, 1, hex("000000000000004a00000000"),
                SUNSCREEN));
    }

    @Test
    void aeadRfc8439Section282() throws Exception {
        byte[] key = hex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
        byte[] nonce = hex("070000004041424344454647");
        byte[] aad = hex("50515253c0c1c2c3c4c5c6c7");
        byte[] expected = hex("d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
                + "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
                + "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
                + "3ff4def08e4b7a9de576d26586cec64b6116"
                + "1ae10b594f09e26a7e902ecbd0600691");
        RecordAead aead = new JavaChaCha20Poly1305(key);
        ByteBuffer out = ByteBuffer.allocate(SUNSCREEN.length + 16);
        aead.seal(nonce, aad, ByteBuffer.wrap(SUNSCREEN), -1, out);
        assertArrayEquals(expected, out.array());
        ByteBuffer back = ByteBuffer.allocate(SUNSCREEN.length);
        aead.open(nonce, aad, ByteBuffer.wrap(expected), expected.length, back);
        assertArrayEquals(SUNSCREEN, back.array());
    }

    @Test
    void aeadDecryptionRfc8439AppendixA5() throws Exception {
        byte[] key = hex("1c9240a5eb55d38af333888604f6b5f0473917c1402b80099dca5cbc207075c0");
        byte[] nonce = hex("000000000102030405060708");
        byte[] aad = hex("f33388860000000000004e91");
        byte[] sealed = hex("64a0861575861af460f062c79be643bd5e805cfd345cf389f108670ac76c8cb2"
                + "4c6cfc18755d43eea09ee94e382d26b0bdb7b73c321b0100d4f03b7f355894cf"
                + "332f830e710b97ce98c8a84abd0b948114ad176e008d33bd60f982b1ff37c855"
                + "9797a06ef4f0ef61c186324e2b3506383606907b6a7c02b0f9f6157b53c867e4"
                + "b9166c767b804d46a59b5216cde7a4e99040c5a40433225ee282a1b0a06c523e"
                + "af4534d7f83fa1155b0047718cbc546a0d072b04b3564eea1b422273f548271a"
                + "0bb2316053fa76991955ebd63159434ecebb4e466dae5a1073a6727627097a10"
                + "49e617d91d361094fa68f0ff77987130305beaba2eda04df997b714d6c6f2c29"
                + "a6ad5cb4022b02709b" + "eead9d67890cbb22392336fea1851f38");
        byte[] expected = hex("496e7465726e65742d4472616674732061726520647261667420646f63756d65"
                + "6e74732076616c696420666f722061206d6178696d756d206f6620736978206d"
                + "6f6e74687320616e64206d617920626520757064617465642c207265706c6163"
                + "65642c206f72206f62736f6c65746564206279206f7468657220646f63756d65"
                + "6e747320617420616e792074696d652e20497420697320696e617070726f7072"
                + "6961746520746f2075736520496e7465726e65742d4472616674732061732072"
                + "65666572656e6365206d6174657269616c206f7220746f206369746520746865"
                + "6d206f74686572207468616e206173202fe2809c776f726b20696e2070726f67"
                + "726573732e2fe2809d");
        for (boolean direct : new boolean[] {false, true}) {
            ByteBuffer in = buffer(direct, sealed.length);
            in.put(sealed).flip();
            ByteBuffer out = buffer(direct, expected.length);
            new JavaChaCha20Poly1305(key).open(nonce, aad, in, sealed.length, out);
            assertEquals(expected.length, out.position());
            assertArrayEquals(expected, bytes(out, 0, expected.length));
        }
    }

    /**
     * Every length 0..2100 (each remainder mod 16 and 64, the lanes' 2 KiB threshold and the Poly1305 groups
     * around it) with random AAD lengths, heap and direct, sealed and opened against the JDK's cipher.
     */
    @Test
    void matchesTheJdkAtEveryLengthTo2100() throws Exception {
        SplittableRandom rnd = new SplittableRandom(2100);
        byte[] key = new byte[32];
        rnd.nextBytes(key);
        JavaChaCha20Poly1305 java = new JavaChaCha20Poly1305(key);
        JdkRecordAead jdk = new JdkRecordAead(CipherSuite.Aead.CHACHA20_POLY1305, key);
        for (int len = 0; len <= 2100; len++) {
            byte[] pt = new byte[len];
            rnd.nextBytes(pt);
            byte[] aad = new byte[rnd.nextInt(70)];
            rnd.nextBytes(aad);
            byte[] nonce = new byte[12];
            rnd.nextBytes(nonce);
            ByteBuffer ref = ByteBuffer.allocate(len + 16);
            jdk.seal(nonce, aad, ByteBuffer.wrap(pt), -1, ref);
            boolean direct = (len & 1) == 1;
            ByteBuffer in = buffer(direct, len);
            in.put(pt).flip();
            ByteBuffer out = buffer(!direct, len + 16);
            java.seal(nonce, aad, in, -1, out);
            assertArrayEquals(ref.array(), bytes(out, 0, len + 16), "seal len=" + len);
            ByteBuffer cin = buffer(direct, len + 16);
            cin.put(ref.array()).flip();
            ByteBuffer pout = buffer(direct, len);
            java.open(nonce, aad, cin, len + 16, pout);
            assertEquals(len, pout.position());
            assertArrayEquals(pt, bytes(pout, 0, len), "open len=" + len);
        }
    }

    private static ByteBuffer buffer(boolean direct, int capacity) {
        return direct ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
    }

    private static byte[] bytes(ByteBuffer b, int from, int to) {
        byte[] r = new byte[to - from];
        b.duplicate().position(from).limit(to).get(r);
        return r;
    }

    /** Random lengths 0..70000, random AAD, with and without trailer, heap/direct/in-place, both directions. */
    @Test
    void matchesTheJdkOnRandomRecords() throws Exception {
        SplittableRandom rnd = new SplittableRandom(8439);
        int[] lengths = new int[120];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = i < 80 ? i : rnd.nextInt(i < 110 ? 17000 : 70001);
        }
        lengths[80] = 16384;
        lengths[81] = 16383;
        lengths[82] = 70000;
        lengths[83] = 127;
        lengths[84] = 128;
        int seq = 0;
        for (int len : lengths) {
            byte[] key = new byte[32];
            rnd.nextBytes(key);
            byte[] pt = new byte[len];
            rnd.nextBytes(pt);
            byte[] aad = new byte[rnd.nextInt(40)];
            rnd.nextBytes(aad);
            int trailer = rnd.nextBoolean() ? rnd.nextInt(256) : -1;
            byte[] nonce = new byte[12];
            rnd.nextBytes(nonce);
            int total = len + (trailer >= 0 ? 1 : 0);

            ByteBuffer ref = ByteBuffer.allocate(total + 16);
            new JdkRecordAead(CipherSuite.Aead.CHACHA20_POLY1305, key).seal(nonce, aad, ByteBuffer.wrap(pt),
                    trailer, ref);
            byte[] expected = ref.array();
            byte[] expectedPlain = Arrays.copyOf(pt, total);
            if (trailer >= 0) {
                expectedPlain[len] = (byte) trailer;
            }

            JavaChaCha20Poly1305 java = new JavaChaCha20Poly1305(key);
            for (int mode = 0; mode < 6; mode++) {
                boolean directIn = mode == 1 || mode == 3 || mode == 5;
                boolean directOut = mode == 2 || mode == 3 || mode == 5;
                boolean inPlace = mode >= 4;
                String what = "len=" + len + " trailer=" + trailer + " mode=" + mode;
                // seal
                ByteBuffer in;
                ByteBuffer out;
                int outStart;
                if (inPlace) {
                    ByteBuffer buf = buffer(directIn, total + 64);
                    buf.position(5).put(pt);
                    in = buf.duplicate().position(5).limit(5 + len);
                    out = buf.duplicate().position(0);
                    outStart = 0;
                } else {
                    in = buffer(directIn, len + 3).position(3);
                    in.put(pt).position(3);
                    out = buffer(directOut, total + 16 + 7).position(7);
                    outStart = 7;
                }
                java.seal(nonce, aad, in, trailer, out);
                assertEquals(0, in.remaining(), what);
                assertEquals(outStart + total + 16, out.position(), what);
                assertArrayEquals(expected, bytes(out, outStart, out.position()), "seal " + what);
                // open (the JDK's ciphertext)
                ByteBuffer cin;
                ByteBuffer pout;
                int poutStart;
                if (inPlace) {
                    ByteBuffer buf = buffer(directIn, total + 64);
                    buf.position(0).put(expected);
                    cin = buf.duplicate().position(0).limit(expected.length);
                    pout = buf.duplicate().position(0);
                    poutStart = 0;
                } else {
                    cin = buffer(directIn, expected.length + 2).position(2);
                    cin.put(expected).position(2);
                    pout = buffer(directOut, total + 9).position(9);
                    poutStart = 9;
                }
                java.open(nonce, aad, cin, expected.length, pout);
                assertEquals(cin.limit(), cin.position(), what);
                assertArrayEquals(expectedPlain, bytes(pout, poutStart, pout.position()), "open " + what);
            }
            // And the JDK opens ours (the other direction of the cross-check).
            ByteBuffer ours = ByteBuffer.allocate(total + 16);
            java.seal(nonce, aad, ByteBuffer.wrap(pt), trailer, ours);
            ours.flip();
            ByteBuffer plain = ByteBuffer.allocate(total);
            new JdkRecordAead(CipherSuite.Aead.CHACHA20_POLY1305, key).open(nonce, aad, ours, ours.remaining(),
                    plain);
            assertArrayEquals(expectedPlain, plain.array());
            seq++;
        }
        assertEquals(lengths.length, seq);
    }

    /** The JDK 20+ default splits by size; every record around the split matches the JDK alone. */
    @Test
    void sizeSplitMatchesTheJdkAroundTheSplit() throws Exception {
        byte[] key = new byte[32];
        key[31] = 5;
        RecordAead split = new SizeSplitChaCha20Poly1305(key);
        RecordAead splitOpener = new SizeSplitChaCha20Poly1305(key);
        byte[] aad = {23, 3, 3, 1, 2};
        for (int len = SizeSplitChaCha20Poly1305.SMALL - 3; len <= SizeSplitChaCha20Poly1305.SMALL + 3; len++) {
            byte[] nonce = new byte[12];
            nonce[0] = (byte) len;
            byte[] pt = new byte[len];
            Arrays.fill(pt, (byte) len);
            ByteBuffer ref = ByteBuffer.allocate(len + 16);
            OtherThread.call(() -> {
                new JdkRecordAead(CipherSuite.Aead.CHACHA20_POLY1305, key).seal(nonce, aad, ByteBuffer.wrap(pt), -1, ref);
                return null;
            });
            ByteBuffer got = ByteBuffer.allocate(len + 16);
            split.seal(nonce, aad, ByteBuffer.wrap(pt), -1, got);
            assertArrayEquals(ref.array(), got.array(), "len " + len);
            got.flip();
            ByteBuffer back = ByteBuffer.allocate(len);
            splitOpener.open(nonce, aad, got, got.remaining(), back);
            assertArrayEquals(pt, back.array());
        }
    }

    @Test
    void heapOutputAheadOfItsInputIsHandled() throws Exception {
        byte[] key = new byte[32];
        key[3] = 9;
        byte[] pt = new byte[1000];
        Arrays.fill(pt, (byte) 0x5a);
        byte[] nonce = new byte[12];
        byte[] aad = {1};
        ByteBuffer ref = ByteBuffer.allocate(pt.length + 17);
        new JavaChaCha20Poly1305(key).seal(nonce, aad, ByteBuffer.wrap(pt), 23, ref);
        byte[] buf = new byte[pt.length + 64];
        System.arraycopy(pt, 0, buf, 0, pt.length);
        ByteBuffer in = ByteBuffer.wrap(buf, 0, pt.length);
        ByteBuffer out = ByteBuffer.wrap(buf).position(10);
        new JavaChaCha20Poly1305(key).seal(nonce, aad, in, 23, out);
        assertArrayEquals(ref.array(), Arrays.copyOfRange(buf, 10, 10 + pt.length + 17));
        ByteBuffer cin = ByteBuffer.wrap(buf, 10, pt.length + 17);
        ByteBuffer pout = ByteBuffer.wrap(buf).position(20);
        new JavaChaCha20Poly1305(key).open(nonce, aad, cin, pt.length + 17, pout);
        assertArrayEquals(pt, Arrays.copyOfRange(buf, 20, 20 + pt.length));
        assertEquals(23, buf[20 + pt.length]);
    }

    /** Every single-bit change anywhere (ciphertext, tag, AAD) fails with bad_record_mac and writes nothing. */
    @Test
    void everyTamperIsBadRecordMacAndWritesNothing() throws Exception {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 0x42);
        byte[] nonce = hex("000102030405060708090a0b");
        byte[] aad = {23, 3, 3, 0, 0};
        byte[] pt = new byte[150];
        for (int i = 0; i < pt.length; i++) {
            pt[i] = (byte) i;
        }
        JavaChaCha20Poly1305 aead = new JavaChaCha20Poly1305(key);
        ByteBuffer sealed = ByteBuffer.allocate(pt.length + 17);
        aead.seal(nonce, aad, ByteBuffer.wrap(pt), 23, sealed);
        byte[] ct = sealed.array();
        for (boolean direct : new boolean[] {false, true}) {
            for (int i = 0; i < ct.length; i++) {
                for (int bit = 0; bit < 8; bit += 7) {
                    byte[] bad = ct.clone();
                    bad[i] ^= (byte) (1 << bit);
                    ByteBuffer in = buffer(direct, bad.length);
                    in.put(bad).flip();
                    ByteBuffer out = buffer(direct, bad.length);
                    AlertException e = assertThrows(AlertException.class,
                            () -> aead.open(nonce, aad, in, bad.length, out));
                    assertEquals(AlertDescription.BAD_RECORD_MAC, e.alert());
                    assertEquals(0, in.position());
                    assertEquals(0, out.position());
                    assertArrayEquals(new byte[bad.length], bytes(out, 0, out.capacity()), "plaintext leaked");
                }
            }
        }
        for (int i = 0; i < aad.length; i++) {
            byte[] badAad = aad.clone();
            badAad[i] ^= 1;
            assertEquals(AlertDescription.BAD_RECORD_MAC, assertThrows(AlertException.class,
                    () -> aead.open(nonce, badAad, ByteBuffer.wrap(ct), ct.length, ByteBuffer.allocate(200))).alert());
        }
        byte[] badNonce = nonce.clone();
        badNonce[11] ^= 1;
        assertEquals(AlertDescription.BAD_RECORD_MAC, assertThrows(AlertException.class,
                () -> aead.open(badNonce, aad, ByteBuffer.wrap(ct), ct.length, ByteBuffer.allocate(200))).alert());
        assertEquals(AlertDescription.BAD_RECORD_MAC, assertThrows(AlertException.class,
                () -> aead.open(nonce, aad, ByteBuffer.wrap(ct), 15, ByteBuffer.allocate(200))).alert());
        // In place: a forged record leaves the ciphertext as it was.
        byte[] bad = ct.clone();
        bad[3] ^= 1;
        byte[] copy = bad.clone();
        assertThrows(AlertException.class, () -> aead.open(nonce, aad, ByteBuffer.wrap(bad), bad.length,
                ByteBuffer.wrap(bad)));
        assertArrayEquals(copy, bad);
        // The genuine record still opens, under the same nonce again (a rejected record does not consume it).
        ByteBuffer out = ByteBuffer.allocate(200);
        aead.open(nonce, aad, ByteBuffer.wrap(ct), ct.length, out);
        assertEquals(pt.length + 1, out.position());
        assertArrayEquals(pt, Arrays.copyOf(out.array(), pt.length));
    }

    @Test
    void misuseIsInternalErrorAndDestroyForgets() throws Exception {
        JavaChaCha20Poly1305 aead = new JavaChaCha20Poly1305(new byte[32]);
        assertThrows(IllegalArgumentException.class, () -> new JavaChaCha20Poly1305(new byte[16]));
        assertEquals(AlertDescription.INTERNAL_ERROR, assertThrows(AlertException.class,
                () -> aead.seal(new byte[12], new byte[0], ByteBuffer.allocate(10), 23, ByteBuffer.allocate(26)))
                .alert());
        assertEquals(AlertDescription.INTERNAL_ERROR, assertThrows(AlertException.class,
                () -> aead.seal(new byte[8], new byte[0], ByteBuffer.allocate(10), 23, ByteBuffer.allocate(64)))
                .alert());
        assertEquals(AlertDescription.INTERNAL_ERROR, assertThrows(AlertException.class,
                () -> aead.seal(new byte[12], new byte[0], ByteBuffer.allocate(10), 23,
                        ByteBuffer.allocate(64).asReadOnlyBuffer())).alert());
        aead.destroy();
        assertEquals(AlertDescription.INTERNAL_ERROR, assertThrows(AlertException.class,
                () -> aead.seal(new byte[12], new byte[0], ByteBuffer.allocate(10), 23, ByteBuffer.allocate(64)))
                .alert());
    }
}
