package org.securechannel.record;

import org.securechannel.testing.OtherThread;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.ContentType;
import org.securechannel.crypto.CryptoBackend;
import org.securechannel.crypto.Hkdf;
import org.securechannel.crypto.RecordAead;

class Tls13RecordProtectionTest {
    private static final CryptoBackend CRYPTO = CryptoBackend.defaultBackend();

    private static byte[] secret(CipherSuite suite) {
        byte[] s = new byte[suite.hash().length()];
        Arrays.fill(s, (byte) 0x42);
        return s;
    }

    private static byte[] content(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7 + 1);
        }
        return b;
    }

    private static ByteBuffer alloc(boolean direct, int n) {
        return direct ? ByteBuffer.allocateDirect(n) : ByteBuffer.allocate(n);
    }

    private static byte[] bytes(ByteBuffer b, int from, int to) {
        byte[] out = new byte[to - from];
        ByteBuffer d = b.duplicate();
        d.limit(to).position(from);
        d.get(out);
        return out;
    }

    private static byte[] seal(Tls13RecordProtection p, ContentType type, byte[] content) throws AlertException {
        ByteBuffer out = ByteBuffer.allocate(content.length + p.overhead());
        p.seal(type, ByteBuffer.wrap(content), out);
        return Arrays.copyOf(out.array(), out.position());
    }

    /** Opens a whole record (header included) into a fresh buffer; returns the type and fills {@code content}. */
    private static ContentType open(Tls13RecordProtection p, byte[] record, ByteBuffer content) throws AlertException {
        return p.open(Arrays.copyOf(record, 5), ByteBuffer.wrap(record, 5, record.length - 5), record.length - 5,
                content);
    }

    @ParameterizedTest
    @EnumSource(value = CipherSuite.class, names = {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"})
    void roundTripHeapAndDirect(CipherSuite suite) throws Exception {
        for (boolean direct : new boolean[] {false, true}) {
            // Each pass seals under the same secret from sequence 0: on its own thread, as a new connection would be.
            final boolean isDirect = direct;
            OtherThread.call(() -> {
                Tls13RecordProtection w = new Tls13RecordProtection(CRYPTO, suite, secret(suite));
                Tls13RecordProtection r = new Tls13RecordProtection(CRYPTO, suite, secret(suite));
                assertEquals(22, w.overhead());
                for (int len : new int[] {0, 1, 100, 16384}) {
                    byte[] c = content(len);
                    ByteBuffer src = alloc(isDirect, len);
                    src.put(c).flip();
                    ByteBuffer out = alloc(isDirect, len + w.overhead());
                    w.seal(ContentType.APPLICATION_DATA, src, out);
                    assertFalse(src.hasRemaining());
                    assertEquals(len + w.overhead(), out.position());
                    byte[] header = bytes(out, 0, 5);
                    assertArrayEquals(new byte[] {23, 3, 3, (byte) ((len + 17) >>> 8), (byte) (len + 17)}, header);

                    ByteBuffer in = out.duplicate();
                    in.flip().position(5);
                    ByteBuffer plain = alloc(isDirect, len + 1);
                    assertEquals(ContentType.APPLICATION_DATA, r.open(header, in, len + 17, plain));
                    assertFalse(in.hasRemaining());
                    assertArrayEquals(c, bytes(plain, 0, plain.position()));
                }
                assertEquals(4, w.sequenceNumber());
                assertEquals(4, r.sequenceNumber());
                return null;
            });
        }
    }

    @ParameterizedTest
    @EnumSource(value = CipherSuite.class, names = {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"})
    void inPlaceSealAndOpen(CipherSuite suite) throws Exception {
        for (boolean direct : new boolean[] {false, true}) {
            // Each pass seals under the same secret at sequence 0: on its own thread, as a new connection would be.
            final boolean isDirect = direct;
            OtherThread.call(() -> {
                Tls13RecordProtection w = new Tls13RecordProtection(CRYPTO, suite, secret(suite));
                Tls13RecordProtection r = new Tls13RecordProtection(CRYPTO, suite, secret(suite));
                byte[] c = content(3000);
                byte[] reference = OtherThread.call(() -> seal(new Tls13RecordProtection(CRYPTO, suite, secret(suite)), ContentType.HANDSHAKE, c));
                // The fragment sits where the record body goes, 5 bytes in, as a framing layer would leave it.
                ByteBuffer buf = alloc(isDirect, c.length + 22);
                buf.position(5);
                buf.put(c);
                ByteBuffer frag = buf.duplicate();
                frag.position(5).limit(5 + c.length);
                ByteBuffer out = buf.duplicate();
                out.clear();
                w.seal(ContentType.HANDSHAKE, frag, out);
                assertArrayEquals(reference, bytes(buf, 0, out.position()));

                ByteBuffer in = buf.duplicate();
                in.position(5).limit(reference.length);
                ByteBuffer plain = buf.duplicate();
                plain.clear().position(5);
                assertEquals(ContentType.HANDSHAKE, r.open(Arrays.copyOf(reference, 5), in, reference.length - 5, plain));
                assertArrayEquals(c, bytes(buf, 5, plain.position()));
                return null;
            });
        }
    }

    @ParameterizedTest
    @EnumSource(value = CipherSuite.class, names = {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"})
    void anyTamperedByteIsBadRecordMacAndSequenceHolds(CipherSuite suite) throws Exception {
        Tls13RecordProtection w = new Tls13RecordProtection(CRYPTO, suite, secret(suite));
        Tls13RecordProtection r = new Tls13RecordProtection(CRYPTO, suite, secret(suite));
        byte[] record = seal(w, ContentType.APPLICATION_DATA, content(40));
        for (int i = 0; i < record.length; i++) {
            byte[] bad = record.clone();
            bad[i] ^= (byte) 0x80;
            AlertException e = assertThrows(AlertException.class, () -> open(r, bad, ByteBuffer.allocate(100)));
            assertEquals(AlertDescription.BAD_RECORD_MAC, e.alert(), "byte " + i);
            assertEquals(0, r.sequenceNumber());
        }
        ByteBuffer plain = ByteBuffer.allocate(100);
        assertEquals(ContentType.APPLICATION_DATA, open(r, record, plain));
        assertEquals(1, r.sequenceNumber());
        // Replaying it under the next sequence number fails.
        assertEquals(AlertDescription.BAD_RECORD_MAC,
                assertThrows(AlertException.class, () -> open(r, record, ByteBuffer.allocate(100))).alert());
        assertEquals(1, r.sequenceNumber());
        // Shorter than a tag.
        byte[] tiny = {23, 3, 3, 0, 3, 1, 2, 3};
        assertEquals(AlertDescription.BAD_RECORD_MAC,
                assertThrows(AlertException.class, () -> open(r, tiny, ByteBuffer.allocate(100))).alert());
    }

    /** Seals an arbitrary TLSInnerPlaintext, as a peer that pads (or misbehaves) would. */
    /**
     * A record sealed directly with the AEAD at sequence {@code seq}, to forge inner plaintexts the record layer
     * would never produce. Tests forge several at one sequence number under one key, which is nonce reuse:
     * the JDK refuses that on one thread's Cipher, so each forgery is sealed on a thread of its own.
     */
    private static byte[] rawRecord(CipherSuite suite, long seq, byte[] innerPlaintext) throws Exception {
        return OtherThread.call(() -> sealRaw(suite, seq, innerPlaintext));
    }

    private static byte[] sealRaw(CipherSuite suite, long seq, byte[] innerPlaintext) throws AlertException {
        byte[] key = Hkdf.expandLabel(CRYPTO, suite.hash(), secret(suite), "key", null, suite.aead().keyLength());
        byte[] iv = Hkdf.expandLabel(CRYPTO, suite.hash(), secret(suite), "iv", null, 12);
        for (int i = 0; i < 8; i++) {
            iv[4 + i] ^= (byte) (seq >>> (56 - 8 * i));
        }
        int len = innerPlaintext.length + 16;
        byte[] header = {23, 3, 3, (byte) (len >>> 8), (byte) len};
        RecordAead aead = CRYPTO.newAead(suite.aead(), key);
        ByteBuffer out = ByteBuffer.allocate(5 + len);
        out.put(header);
        aead.seal(iv, header, ByteBuffer.wrap(innerPlaintext), -1, out);
        return out.array();
    }

    @ParameterizedTest
    @EnumSource(value = CipherSuite.class, names = {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"})
    void paddingIsStripped(CipherSuite suite) throws Exception {
        Tls13RecordProtection r = new Tls13RecordProtection(CRYPTO, suite, secret(suite));
        byte[] inner = new byte[5 + 1 + 300];
        System.arraycopy(new byte[] {1, 0, 2, 0, 3}, 0, inner, 0, 5);
        inner[5] = 21; // alert, then 300 bytes of zero padding
        ByteBuffer plain = ByteBuffer.allocate(inner.length);
        assertEquals(ContentType.ALERT, open(r, rawRecord(suite, 0, inner), plain));
        assertArrayEquals(new byte[] {1, 0, 2, 0, 3}, Arrays.copyOf(plain.array(), plain.position()));
    }

    @Test
    void malformedInnerPlaintexts() throws Exception {
        CipherSuite suite = CipherSuite.TLS_CHACHA20_POLY1305_SHA256;
        Tls13RecordProtection r = new Tls13RecordProtection(CRYPTO, suite, secret(suite));
        ByteBuffer plain = ByteBuffer.allocate(20000);
        // No non-zero byte at all: no content type.
        AlertException e = assertThrows(AlertException.class, () -> open(r, rawRecord(suite, 0, new byte[10]), plain));
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, e.alert());
        assertEquals(0, plain.position());
        e = assertThrows(AlertException.class, () -> open(r, rawRecord(suite, 0, new byte[0]), plain));
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, e.alert());
        // An unknown content type.
        e = assertThrows(AlertException.class, () -> open(r, rawRecord(suite, 0, new byte[] {5, 99, 0}), plain));
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, e.alert());
        // 2^14 + 1 bytes of content.
        byte[] big = new byte[16385 + 1];
        big[0] = 1;
        big[16385] = 23;
        e = assertThrows(AlertException.class, () -> open(r, rawRecord(suite, 0, big), plain));
        assertEquals(AlertDescription.RECORD_OVERFLOW, e.alert());
        assertEquals(0, r.sequenceNumber());
        // Padding does not raise the limit (§5.4): 2^14 content plus even one zero is 2^14 + 2 bytes, too many,
        // though the ciphertext is well under 2^14 + 256. So is a short content padded past the limit.
        byte[] overPadded = new byte[16384 + 2];
        overPadded[16384] = 23;
        e = assertThrows(AlertException.class, () -> open(r, rawRecord(suite, 0, overPadded), plain));
        assertEquals(AlertDescription.RECORD_OVERFLOW, e.alert());
        byte[] maxPadded = new byte[16384 + 256 - 16];
        maxPadded[0] = 23;
        e = assertThrows(AlertException.class, () -> open(r, rawRecord(suite, 0, maxPadded), plain));
        assertEquals(AlertDescription.RECORD_OVERFLOW, e.alert());
        assertEquals(0, plain.position());
        assertEquals(0, r.sequenceNumber());
        // Exactly 2^14 + 1: 2^14 content and its type, or one byte of content, its type and 2^14 - 1 zeros.
        byte[] full = new byte[16384 + 1];
        full[16384] = 23;
        assertEquals(ContentType.APPLICATION_DATA, open(r, rawRecord(suite, 0, full), plain));
        assertEquals(16384, plain.position());
        assertEquals(1, r.sequenceNumber());
        plain.clear();
        byte[] padded = new byte[16384 + 1];
        padded[0] = 7;
        padded[1] = 22;
        assertEquals(ContentType.HANDSHAKE, open(r, rawRecord(suite, 1, padded), plain));
        assertEquals(1, plain.position());
        assertEquals(7, plain.get(0));
        assertEquals(2, r.sequenceNumber());
    }

    @Test
    void limitsAndDestroy() throws Exception {
        CipherSuite suite = CipherSuite.TLS_AES_256_GCM_SHA384;
        Tls13RecordProtection w = new Tls13RecordProtection(CRYPTO, suite, secret(suite));
        assertEquals(16640, Tls13RecordProtection.MAX_CIPHERTEXT);
        assertFalse(w.nearKeyLimit());
        AlertException e = assertThrows(AlertException.class,
                () -> w.seal(ContentType.APPLICATION_DATA, ByteBuffer.allocate(16385), ByteBuffer.allocate(17000)));
        assertEquals(AlertDescription.INTERNAL_ERROR, e.alert());
        e = assertThrows(AlertException.class,
                () -> w.seal(ContentType.APPLICATION_DATA, ByteBuffer.allocate(10), ByteBuffer.allocate(31)));
        assertEquals(AlertDescription.INTERNAL_ERROR, e.alert());
        assertEquals(0, w.sequenceNumber());
        e = assertThrows(AlertException.class, () -> w.open(new byte[] {23, 3, 3, 0x41, 1},
                ByteBuffer.allocate(16641), 16641, ByteBuffer.allocate(16641)));
        assertEquals(AlertDescription.RECORD_OVERFLOW, e.alert());
        w.destroy();
        e = assertThrows(AlertException.class,
                () -> w.seal(ContentType.APPLICATION_DATA, ByteBuffer.allocate(10), ByteBuffer.allocate(64)));
        assertEquals(AlertDescription.INTERNAL_ERROR, e.alert());
        assertTrue(Tls13RecordProtection.MAX_CIPHERTEXT > 16384);
    }
}
