package org.securechannel.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.ContentType;
import org.securechannel.crypto.CryptoBackend;

/**
 * TLS 1.2 AEAD records (RFC 5246 §6.2.3.3): each record we seal is decrypted by the JDK's own AES/GCM or
 * ChaCha20-Poly1305 Cipher set up from the RFCs' nonce rules (RFC 5288 §3 explicit nonce, RFC 7905 §2 XORed
 * IV) and AAD, and records the JDK seals that way open with ours; then tampering, size limits and
 * sequence numbers.
 */
class Tls12RecordProtectionTest {
    private static final CryptoBackend CRYPTO = CryptoBackend.defaultBackend();

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static Tls12RecordProtection protection(CipherSuite.Aead alg, byte[] key, byte[] iv) {
        return new Tls12RecordProtection(CRYPTO, alg, key, iv);
    }

    /** The RFCs' construction, written out with the JDK's Cipher: nonce, AAD, record. */
    private static byte[] jdkSeal(CipherSuite.Aead alg, byte[] key, byte[] iv, long seq, int type, byte[] plain) throws Exception {
        byte[] aad = aad(seq, type, plain.length);
        byte[] nonce = nonce(alg, iv, seq);
        Cipher c = jdkCipher(alg, Cipher.ENCRYPT_MODE, key, nonce);
        c.updateAAD(aad);
        byte[] sealed = c.doFinal(plain);
        boolean gcm = alg != CipherSuite.Aead.CHACHA20_POLY1305;
        int length = (gcm ? 8 : 0) + sealed.length;
        ByteBuffer record = ByteBuffer.allocate(5 + length);
        record.put((byte) type).put((byte) 3).put((byte) 3).putShort((short) length);
        if (gcm) {
            record.put(nonce, 4, 8);
        }
        return record.put(sealed).array();
    }

    private static Cipher jdkCipher(CipherSuite.Aead alg, int mode, byte[] key, byte[] nonce) throws Exception {
        if (alg == CipherSuite.Aead.CHACHA20_POLY1305) {
            Cipher c = Cipher.getInstance("ChaCha20-Poly1305");
            c.init(mode, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
            return c;
        }
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        return c;
    }

    private static byte[] aad(long seq, int type, int length) {
        return ByteBuffer.allocate(13).putLong(seq).put((byte) type).put((byte) 3).put((byte) 3).putShort((short) length).array();
    }

    private static byte[] nonce(CipherSuite.Aead alg, byte[] iv, long seq) {
        if (alg == CipherSuite.Aead.CHACHA20_POLY1305) {
            byte[] n = iv.clone();
            for (int i = 0; i < 8; i++) {
                n[4 + i] ^= (byte) (seq >>> (56 - 8 * i));
            }
            return n;
        }
        return ByteBuffer.allocate(12).put(iv).putLong(seq).array();
    }

    private static byte[] seal(Tls12RecordProtection p, ContentType type, byte[] plain) throws AlertException {
        ByteBuffer out = ByteBuffer.allocate(plain.length + p.overhead());
        p.seal(type, ByteBuffer.wrap(plain), out);
        assertEquals(out.capacity(), out.position(), "a record is exactly fragment + overhead");
        return out.array();
    }

    private static byte[] open(Tls12RecordProtection p, byte[] record, ContentType[] type) throws AlertException {
        ByteBuffer in = ByteBuffer.wrap(record);
        byte[] header = new byte[5];
        in.get(header);
        int length = ((header[3] & 0xFF) << 8) | (header[4] & 0xFF);
        ByteBuffer out = ByteBuffer.allocate(p.maxContentLength(length));
        type[0] = p.open(header, in, length, out);
        return Arrays.copyOf(out.array(), out.position());
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.Aead.class)
    void oursOpenWithTheJdkAndTheJdksOpenWithOurs(CipherSuite.Aead alg) throws Exception {
        byte[] key = bytes(alg.keyLength(), 1);
        byte[] iv = bytes(Tls12RecordProtection.fixedIvLength(alg), 2);
        Tls12RecordProtection writer = protection(alg, key, iv);
        Tls12RecordProtection reader = protection(alg, key, iv);
        ContentType[] got = new ContentType[1];
        int[] sizes = {0, 1, 15, 16, 17, 1000, 16384};
        for (int i = 0; i < sizes.length; i++) {
            ContentType type = i % 2 == 0 ? ContentType.APPLICATION_DATA : ContentType.HANDSHAKE;
            byte[] plain = bytes(sizes[i], 10 + i);
            byte[] ours = seal(writer, type, plain);
            assertArrayEquals(jdkSeal(alg, key, iv, i, type.code(), plain), ours, "record " + i + " as the RFC builds it");
            assertArrayEquals(plain, open(reader, jdkSeal(alg, key, iv, i, type.code(), plain), got));
            assertEquals(type, got[0], "TLS 1.2 keeps the real type in the header");
        }
        assertEquals(sizes.length, writer.sequenceNumber());
        assertEquals(sizes.length, reader.sequenceNumber());
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.Aead.class)
    void everyFlippedBitIsBadRecordMacAndTheSequenceStays(CipherSuite.Aead alg) throws Exception {
        byte[] key = bytes(alg.keyLength(), 3);
        byte[] iv = bytes(Tls12RecordProtection.fixedIvLength(alg), 4);
        byte[] record = seal(protection(alg, key, iv), ContentType.APPLICATION_DATA, bytes(40, 5));
        for (int bit = 0; bit < record.length * 8; bit += 7) {
            if (bit / 8 >= 1 && bit / 8 <= 4) {
                continue; // version and length bytes: the record layer judges those before opening
            }
            byte[] bad = record.clone();
            bad[bit / 8] ^= (byte) (1 << (bit % 8));
            Tls12RecordProtection reader = protection(alg, key, iv);
            AlertException e = assertThrows(AlertException.class, () -> open(reader, bad, new ContentType[1]), "bit " + bit);
            assertTrue(e.alert() == AlertDescription.BAD_RECORD_MAC || bit / 8 == 0, "bit " + bit + ": " + e.alert());
            assertEquals(0, reader.sequenceNumber());
        }
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.Aead.class)
    void limits(CipherSuite.Aead alg) {
        Tls12RecordProtection p = protection(alg, bytes(alg.keyLength(), 6), bytes(Tls12RecordProtection.fixedIvLength(alg), 7));
        int minimum = p.overhead() - 5;
        byte[] header = {23, 3, 3, 0, 0};
        AlertException tooShort = assertThrows(AlertException.class,
                () -> p.open(header, ByteBuffer.allocate(minimum - 1), minimum - 1, ByteBuffer.allocate(64)));
        assertEquals(AlertDescription.BAD_RECORD_MAC, tooShort.alert());
        AlertException tooLong = assertThrows(AlertException.class,
                () -> p.open(header, ByteBuffer.allocate(20000), 16384 + 2049, ByteBuffer.allocate(20000)));
        assertEquals(AlertDescription.RECORD_OVERFLOW, tooLong.alert());
        AlertException plaintextTooLong = assertThrows(AlertException.class,
                () -> p.open(header, ByteBuffer.allocate(20000), 16384 + 1 + minimum, ByteBuffer.allocate(20000)));
        assertEquals(AlertDescription.RECORD_OVERFLOW, plaintextTooLong.alert());
        assertTrue(p.protects(ContentType.HANDSHAKE) && p.protects(ContentType.ALERT) && !p.protects(ContentType.CHANGE_CIPHER_SPEC));
        assertEquals(16384 + 2048, p.maxCiphertextLength());
    }
}
