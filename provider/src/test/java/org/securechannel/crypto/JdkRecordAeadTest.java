package org.securechannel.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.securechannel.crypto.HkdfTest.hex;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.CipherSuite;
import org.securechannel.testing.OtherThread;

class JdkRecordAeadTest {
    private static final CryptoBackend CRYPTO = CryptoBackend.defaultBackend();

    private static byte[] sealToArray(RecordAead aead, byte[] nonce, byte[] aad, byte[] pt, int trailer)
            throws AlertException {
        ByteBuffer out = ByteBuffer.allocate(pt.length + 1 + 16);
        aead.seal(nonce, aad, ByteBuffer.wrap(pt), trailer, out);
        return Arrays.copyOf(out.array(), out.position());
    }

    private static byte[] openToArray(RecordAead aead, byte[] nonce, byte[] aad, byte[] ct) throws AlertException {
        ByteBuffer out = ByteBuffer.allocate(ct.length);
        aead.open(nonce, aad, ByteBuffer.wrap(ct), ct.length, out);
        return Arrays.copyOf(out.array(), out.position());
    }

    @Test
    void aesGcmKnownAnswer() throws Exception {
        // The GCM specification's (McGrew & Viega) test case 4: AES-128 with AAD.
        byte[] key = hex("feffe9928665731c6d6a8f9467308308");
        byte[] iv = hex("cafebabefacedbaddecaf888");
        byte[] pt = hex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
                + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
        byte[] aad = hex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
        byte[] expected = hex("42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
                + "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091"
                + "5bc94fbc3221a5db94fae95ae7121a47");
        RecordAead aead = CRYPTO.newAead(CipherSuite.Aead.AES_128_GCM, key);
        assertArrayEquals(expected, sealToArray(aead, iv, aad, pt, -1));
        assertArrayEquals(pt, openToArray(aead, iv, aad, expected));
    }

    @Test
    void chacha20Poly1305KnownAnswer() throws Exception {
        // RFC 8439 §2.8.2.
        byte[] key = hex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
        byte[] nonce = hex("070000004041424344454647");
        byte[] aad = hex("50515253c0c1c2c3c4c5c6c7");
        byte[] pt = ("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future,"
                + " sunscreen would be it.").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] expected = hex("d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
                + "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
                + "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
                + "3ff4def08e4b7a9de576d26586cec64b6116"
                + "1ae10b594f09e26a7e902ecbd0600691");
        RecordAead aead = CRYPTO.newAead(CipherSuite.Aead.CHACHA20_POLY1305, key);
        assertArrayEquals(expected, sealToArray(aead, nonce, aad, pt, -1));
        assertArrayEquals(pt, openToArray(aead, nonce, aad, expected));
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.Aead.class)
    void trailerIsTheLastPlaintextByte(CipherSuite.Aead alg) throws Exception {
        byte[] key = new byte[alg.keyLength()];
        RecordAead a = CRYPTO.newAead(alg, key);
        RecordAead b = CRYPTO.newAead(alg, key);
        byte[] aad = {1, 2, 3};
        byte[] withTrailer = sealToArray(a, nonce(1), aad, new byte[] {9, 8, 7}, 22);
        byte[] inline = OtherThread.call(() -> sealToArray(b, nonce(1), aad, new byte[] {9, 8, 7, 22}, -1));
        assertArrayEquals(inline, withTrailer);
    }

    /**
     * The JDK's guard against sealing twice under one key and nonce survives on each key's own Cipher: an AEAD
     * that repeats itself fails the second seal, also when its Cipher came recycled from another key. (Two
     * AEADs over the same key have separate Ciphers; the record layer makes one per traffic key, and nonces are
     * unique because record sequence numbers only grow. The pure-Java ChaCha20-Poly1305 used before JDK 20 has no
     * such guard either.)
     */
    @ParameterizedTest
    @EnumSource(CipherSuite.Aead.class)
    void sealingTwiceUnderOneKeyAndNonceIsRefused(CipherSuite.Aead alg) throws Exception {
        byte[] key = new byte[alg.keyLength()];
        Arrays.fill(key, (byte) 0x5A);
        byte[] aad = {23, 3, 3, 0, 20};
        RecordAead first = JdkCryptoBackend.INSTANCE.newAead(alg, key);
        sealToArray(first, nonce(7), aad, new byte[3], 23);
        assertEquals(AlertDescription.INTERNAL_ERROR,
                assertThrows(AlertException.class, () -> sealToArray(first, nonce(7), aad, new byte[3], 23)).alert());
        first.retire(); // its Cipher goes back for the next key
        byte[] otherKey = key.clone();
        otherKey[0] ^= 1;
        RecordAead next = JdkCryptoBackend.INSTANCE.newAead(alg, otherKey);
        sealToArray(next, nonce(7), aad, new byte[3], 23); // another key: the same nonce is fine
        assertEquals(AlertDescription.INTERNAL_ERROR,
                assertThrows(AlertException.class, () -> sealToArray(next, nonce(7), aad, new byte[3], 23)).alert());
    }

    /**
     * A server thread serves many connections: keys whose records interleave on one thread each keep their own
     * Cipher, and every record opens under its own key (a Cipher mixed up between keys fails the tag). Keys that
     * end (destroy) hand their Ciphers to the next ones, which must work as new.
     */
    @ParameterizedTest
    @EnumSource(CipherSuite.Aead.class)
    void manyKeysInterleavedOnOneThreadWithRecycledCiphers(CipherSuite.Aead alg) throws Exception {
        byte[] aad = {23, 3, 3, 0, 20};
        for (int n = 0; n < 3; n++) {
            int round = n;
            int keys = 24;
            RecordAead[] sealers = new RecordAead[keys];
            RecordAead[] openers = new RecordAead[keys];
            for (int k = 0; k < keys; k++) {
                byte[] key = new byte[alg.keyLength()];
                key[0] = (byte) k;
                key[1] = (byte) round;
                sealers[k] = new JdkRecordAead(alg, key);
                openers[k] = new JdkRecordAead(alg, key);
            }
            for (int r = 0; r < 4; r++) {
                int record = r;
                for (int k = 0; k < keys; k++) {
                    byte[] pt = {(byte) k, (byte) record, (byte) round};
                    byte[] sealed = sealToArray(sealers[k], nonce(record), aad, pt, 23);
                    RecordAead neighbour = openers[(k + keys - 1) % keys];
                    assertEquals(AlertDescription.BAD_RECORD_MAC, assertThrows(AlertException.class,
                            () -> openToArray(neighbour, nonce(record), aad, sealed)).alert());
                    assertArrayEquals(new byte[] {(byte) k, (byte) record, (byte) round, 23},
                            openToArray(openers[k], nonce(record), aad, sealed));
                }
            }
            for (int k = 0; k < keys; k++) {
                sealers[k].retire();
                openers[k].retire();
            }
        }
    }

    /**
     * retire (a key change, on the thread that used the key) hands the Cipher on; destroy (which may come from the
     * other direction's thread while a record is being processed) must not: a Cipher in use never reaches another key.
     */
    @Test
    void onlyARetiredKeysCipherIsHandedOn() throws Exception {
        byte[] aad = {23, 3, 3, 0, 20};
        JdkRecordAead destroyed = new JdkRecordAead(CipherSuite.Aead.AES_128_GCM, new byte[16]);
        sealToArray(destroyed, nonce(1), aad, new byte[3], 23);
        javax.crypto.Cipher kept = destroyed.currentSealCipher();
        destroyed.destroy();
        for (int i = 0; i < CipherRecycler.SLOTS + 1; i++) {
            assertNotSame(kept, CipherRecycler.AES_GCM.take(), "a destroyed key's Cipher was handed on");
        }
        JdkRecordAead retired = new JdkRecordAead(CipherSuite.Aead.AES_128_GCM, new byte[16]);
        sealToArray(retired, nonce(2), aad, new byte[3], 23);
        javax.crypto.Cipher handedOn = retired.currentSealCipher();
        retired.retire();
        assertNull(retired.currentSealCipher());
        assertSame(handedOn, CipherRecycler.AES_GCM.take(), "the slot this thread gave to is the first it looks in");
    }

    @Test
    void aGivenCipherIsTakenBackFirst() {
        javax.crypto.Cipher c = CipherRecycler.AES_GCM.take();
        CipherRecycler.AES_GCM.give(c);
        assertEquals(c, CipherRecycler.AES_GCM.take(), "the slot this thread gave to is the first it looks in");
        CipherRecycler.AES_GCM.give(null); // ignored
    }

    private static byte[] nonce(int n) {
        byte[] b = new byte[12];
        b[11] = (byte) n;
        b[0] = (byte) (n >>> 8);
        return b;
    }

    /** Sealing and opening in place, with the plaintext 5 bytes behind the output (as a record header needs). */
    @ParameterizedTest
    @EnumSource(CipherSuite.Aead.class)
    void inPlaceOnHeapAndDirectBuffers(CipherSuite.Aead alg) throws Exception {
        byte[] key = new byte[alg.keyLength()];
        Arrays.fill(key, (byte) 7);
        byte[] pt = new byte[5000];
        for (int i = 0; i < pt.length; i++) {
            pt[i] = (byte) (i * 31);
        }
        byte[] aad = {23, 3, 3, 0, 0};
        int seq = 0;
        for (boolean direct : new boolean[] {false, true}) {
            for (int shift : new int[] {0, 5}) {
                RecordAead sealer = CRYPTO.newAead(alg, key);
                RecordAead opener = CRYPTO.newAead(alg, key);
                byte[] n = nonce(seq++);
                ByteBuffer buf = direct ? ByteBuffer.allocateDirect(pt.length + 64) : ByteBuffer.allocate(pt.length + 64);
                buf.position(shift);
                buf.put(pt);
                ByteBuffer in = buf.duplicate();
                in.position(shift).limit(shift + pt.length);
                ByteBuffer out = buf.duplicate();
                out.position(0);
                sealer.seal(n, aad, in, 23, out);
                int ctLen = out.position();
                assertEquals(pt.length + 17, ctLen);
                byte[] ct = new byte[ctLen];
                buf.duplicate().position(0).get(ct);
                assertArrayEquals(OtherThread.call(() -> sealToArray(CRYPTO.newAead(alg, key), n, aad, pt, 23)), ct,
                        "in-place seal, direct=" + direct + " shift=" + shift);

                // Open in place: ciphertext at 0, plaintext written at 0.
                ByteBuffer cin = buf.duplicate();
                cin.position(0).limit(ctLen);
                ByteBuffer pout = buf.duplicate();
                pout.position(0);
                opener.open(n, aad, cin, ctLen, pout);
                byte[] back = new byte[pout.position()];
                buf.duplicate().position(0).get(back);
                assertEquals(pt.length + 1, back.length);
                assertArrayEquals(pt, Arrays.copyOf(back, pt.length));
                assertEquals(23, back[pt.length]);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.Aead.class)
    void tamperedCiphertextIsBadRecordMac(CipherSuite.Aead alg) throws Exception {
        byte[] key = new byte[alg.keyLength()];
        byte[] aad = {23, 3, 3, 0, 20};
        byte[] ct = sealToArray(CRYPTO.newAead(alg, key), nonce(5), aad, new byte[] {1, 2, 3}, 23);
        RecordAead opener = CRYPTO.newAead(alg, key);
        for (int i = 0; i < ct.length; i++) {
            byte[] bad = ct.clone();
            bad[i] ^= 0x01;
            AlertException e = assertThrows(AlertException.class, () -> openToArray(opener, nonce(5), aad, bad));
            assertEquals(AlertDescription.BAD_RECORD_MAC, e.alert());
        }
        byte[] badAad = aad.clone();
        badAad[4] = 21;
        assertEquals(AlertDescription.BAD_RECORD_MAC,
                assertThrows(AlertException.class, () -> openToArray(opener, nonce(5), badAad, ct)).alert());
        assertEquals(AlertDescription.BAD_RECORD_MAC,
                assertThrows(AlertException.class, () -> openToArray(opener, nonce(5), aad, new byte[5])).alert());
        // And the genuine one still opens.
        assertArrayEquals(new byte[] {1, 2, 3, 23}, openToArray(opener, nonce(5), aad, ct));
    }

    @Test
    void bufferMisuseIsInternalErrorAndDestroyForgets() throws Exception {
        RecordAead aead = CRYPTO.newAead(CipherSuite.Aead.AES_256_GCM, new byte[32]);
        AlertException e = assertThrows(AlertException.class,
                () -> aead.seal(nonce(1), new byte[0], ByteBuffer.allocate(10), 23, ByteBuffer.allocate(20)));
        assertEquals(AlertDescription.INTERNAL_ERROR, e.alert());
        aead.destroy();
        e = assertThrows(AlertException.class,
                () -> aead.seal(nonce(2), new byte[0], ByteBuffer.allocate(10), 23, ByteBuffer.allocate(64)));
        assertEquals(AlertDescription.INTERNAL_ERROR, e.alert());
    }

    /**
     * Direct buffers go through a per-thread heap scratch: every mix of heap and direct, full-size records,
     * agrees with the all-heap result, and a forged record in a direct buffer fails with nothing consumed.
     */
    @ParameterizedTest
    @EnumSource(CipherSuite.Aead.class)
    void directAndHeapBuffersInEveryMix(CipherSuite.Aead alg) throws Exception {
        byte[] key = new byte[alg.keyLength()];
        Arrays.fill(key, (byte) 3);
        byte[] aad = {23, 3, 3, 0x40, 0x11};
        byte[] pt = new byte[16384];
        for (int i = 0; i < pt.length; i++) {
            pt[i] = (byte) (i * 7 + 1);
        }
        int seq = 100;
        for (int mix = 0; mix < 4; mix++) {
            boolean directIn = (mix & 1) != 0;
            boolean directOut = (mix & 2) != 0;
            byte[] n = nonce(seq++);
            byte[] expected = OtherThread.call(() -> sealToArray(new JdkRecordAead(alg, key), n, aad, pt, 23));

            ByteBuffer in = buffer(directIn, pt.length);
            in.put(pt).flip();
            ByteBuffer out = buffer(directOut, pt.length + 17);
            new JdkRecordAead(alg, key).seal(n, aad, in, 23, out);
            assertEquals(0, in.remaining());
            out.flip();
            byte[] sealed = new byte[out.remaining()];
            out.duplicate().get(sealed);
            assertArrayEquals(expected, sealed, "seal, directIn=" + directIn + " directOut=" + directOut);

            ByteBuffer plain = buffer(directIn, pt.length + 1);
            new JdkRecordAead(alg, key).open(n, aad, out, sealed.length, plain);
            assertEquals(0, out.remaining());
            plain.flip();
            byte[] back = new byte[plain.remaining()];
            plain.get(back);
            assertArrayEquals(pt, Arrays.copyOf(back, pt.length));
            assertEquals(23, back[pt.length]);

            sealed[sealed.length - 1] ^= 1;
            ByteBuffer forged = buffer(directOut, sealed.length);
            forged.put(sealed).flip();
            ByteBuffer sink = buffer(directIn, pt.length + 1);
            AlertException e = assertThrows(AlertException.class,
                    () -> new JdkRecordAead(alg, key).open(n, aad, forged, sealed.length, sink));
            assertEquals(AlertDescription.BAD_RECORD_MAC, e.alert());
            assertEquals(0, forged.position(), "nothing consumed from a forged record");
            assertEquals(sealed.length, forged.limit());
            assertEquals(0, sink.position(), "nothing delivered from a forged record");
        }
    }

    private static ByteBuffer buffer(boolean direct, int capacity) {
        return direct ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
    }
}
