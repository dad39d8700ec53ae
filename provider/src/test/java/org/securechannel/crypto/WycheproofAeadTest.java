package org.securechannel.crypto;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.CipherSuite;
import org.securechannel.crypto.wycheproof.Outcome;
import org.securechannel.crypto.wycheproof.TestGroup;
import org.securechannel.crypto.wycheproof.TestVector;
import org.securechannel.crypto.wycheproof.VectorRun;

/**
 * Wycheproof aes_gcm_test and chacha20_poly1305_test through every {@link RecordAead} implementation and every
 * backend's {@code newAead}, sealing and opening as the record layer does.
 *
 * <p>Filter: only groups with the sizes of TLS 1.3's suites (RFC 8446 §5.3, B.4): AES-128-GCM, AES-256-GCM and
 * ChaCha20-Poly1305, all with a 96-bit nonce and a 128-bit tag. AES-192 and other nonce lengths belong to no
 * suite (our AEADs refuse any nonce but 12 bytes as internal_error: the record layer always builds 12).
 *
 * <p>A valid vector must seal to exactly ct‖tag and open back to msg; an invalid one (all are forged tags
 * within the filter) must fail to open with bad_record_mac. Neither file has acceptable vectors. The tcId picks
 * the layout, so both halves of the file cover each: odd ids seal the last plaintext byte as the TLS 1.3 inner
 * content type ({@code trailer}), even ids without; ids 2,3 mod 4 use direct buffers, the others heap buffers.
 */
class WycheproofAeadTest {

    /** A RecordAead implementation under test, named for the report. */
    record Implementation(String name, Factory factory) {
        @Override
        public String toString() {
            return name;
        }
    }

    interface Factory {
        RecordAead create(CipherSuite.Aead algorithm, byte[] key);
    }

    static Stream<Implementation> aesGcm() {
        return Stream.of(
                new Implementation("JdkRecordAead", JdkRecordAead::new),
                backend(JdkCryptoBackend.INSTANCE),
                backend(BouncyCastleCryptoBackend.INSTANCE),
                backend(CryptoBackend.defaultBackend()));
    }

    static Stream<Implementation> chaCha20Poly1305() {
        return Stream.of(
                new Implementation("JdkRecordAead", JdkRecordAead::new),
                new Implementation("JavaChaCha20Poly1305", (a, key) -> new JavaChaCha20Poly1305(key)),
                new Implementation("SizeSplitChaCha20Poly1305", (a, key) -> new SizeSplitChaCha20Poly1305(key)),
                backend(JdkCryptoBackend.INSTANCE),
                backend(BouncyCastleCryptoBackend.INSTANCE),
                backend(CryptoBackend.defaultBackend()));
    }

    private static Implementation backend(CryptoBackend backend) {
        return new Implementation(backend.name() + " backend newAead", backend::newAead);
    }

    @ParameterizedTest
    @MethodSource("aesGcm")
    void aesGcm(Implementation implementation) {
        VectorRun.of("aes_gcm_test", implementation.name())
                .onlyGroups(g -> (g.integer("keySize") == 128 || g.integer("keySize") == 256) && tlsNonceAndTag(g),
                        "AES-192 or nonce/tag sizes no TLS suite uses")
                .run((g, v) -> check(implementation,
                        g.integer("keySize") == 128 ? CipherSuite.Aead.AES_128_GCM : CipherSuite.Aead.AES_256_GCM, v));
    }

    @ParameterizedTest
    @MethodSource("chaCha20Poly1305")
    void chaCha20Poly1305(Implementation implementation) {
        VectorRun.of("chacha20_poly1305_test", implementation.name())
                .onlyGroups(g -> g.integer("keySize") == 256 && tlsNonceAndTag(g),
                        "nonce sizes no TLS suite uses")
                .run((g, v) -> check(implementation, CipherSuite.Aead.CHACHA20_POLY1305, v));
    }

    private static boolean tlsNonceAndTag(TestGroup g) {
        return g.integer("ivSize") == 96 && g.integer("tagSize") == 128;
    }

    private static Outcome check(Implementation implementation, CipherSuite.Aead algorithm, TestVector v)
            throws AlertException {
        byte[] key = v.hex("key");
        byte[] nonce = v.hex("iv");
        byte[] aad = v.hex("aad");
        byte[] msg = v.hex("msg");
        byte[] sealed = concat(v.hex("ct"), v.hex("tag"));
        boolean trailer = v.tcId() % 2 == 1 && msg.length > 0;
        boolean direct = (v.tcId() / 2) % 2 == 1;
        RecordAead aead = implementation.factory().create(algorithm, key);
        try {
            byte[] opened;
            try {
                opened = open(aead, nonce, aad, sealed, direct);
            } catch (AlertException e) {
                return e.alert() == AlertDescription.BAD_RECORD_MAC ? Outcome.REJECTED
                        : Outcome.wrong("open failed with " + e.alert() + ": " + e.getMessage());
            }
            if (!Arrays.equals(msg, opened)) {
                return Outcome.answer(msg, opened);
            }
            NonceGuard.rotate(algorithm);
            return Outcome.answer(sealed, seal(aead, nonce, aad, msg, trailer, direct));
        } finally {
            aead.destroy();
        }
    }

    /** Opens {@code sealed} whole (ciphertext and tag) and returns the plaintext. */
    private static byte[] open(RecordAead aead, byte[] nonce, byte[] aad, byte[] sealed, boolean direct)
            throws AlertException {
        ByteBuffer in = buffer(sealed, direct);
        int plainLength = Math.max(0, sealed.length - aead.tagLength());
        ByteBuffer out = direct ? ByteBuffer.allocateDirect(plainLength) : ByteBuffer.allocate(plainLength);
        aead.open(nonce, aad, in, sealed.length, out);
        if (in.hasRemaining()) {
            throw new AssertionError("open left " + in.remaining() + " input bytes");
        }
        return bytes(out.flip());
    }

    private static byte[] seal(RecordAead aead, byte[] nonce, byte[] aad, byte[] msg, boolean trailer, boolean direct)
            throws AlertException {
        ByteBuffer plaintext = buffer(trailer ? Arrays.copyOf(msg, msg.length - 1) : msg, direct);
        ByteBuffer out = direct ? ByteBuffer.allocateDirect(msg.length + 16) : ByteBuffer.allocate(msg.length + 16);
        aead.seal(nonce, aad, plaintext, trailer ? msg[msg.length - 1] & 0xFF : -1, out);
        return bytes(out.flip());
    }

    private static ByteBuffer buffer(byte[] content, boolean direct) {
        if (!direct) {
            return ByteBuffer.wrap(content.clone());
        }
        return ByteBuffer.allocateDirect(content.length).put(content).flip();
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * The JDK's AES-GCM and ChaCha20 refuse to encrypt twice in a row under one key and nonce, and
     * JdkRecordAead keeps that guard on purpose (its thread's Cipher; see its javadoc). Wycheproof reuses a
     * key and nonce across consecutive vectors (ChaCha20-Poly1305's Poly1305 edge cases), which no TLS
     * connection does: before each vector's seal, one record under a throwaway key moves the thread's Cipher on.
     */
    private static final class NonceGuard {
        private static final byte[] KEY = new byte[32];
        private static int counter;

        static void rotate(CipherSuite.Aead algorithm) throws AlertException {
            byte[] nonce = new byte[12];
            int n = ++counter;
            nonce[0] = (byte) n;
            nonce[1] = (byte) (n >>> 8);
            nonce[2] = (byte) (n >>> 16);
            RecordAead throwaway = new JdkRecordAead(algorithm, Arrays.copyOf(KEY, algorithm.keyLength()));
            throwaway.seal(nonce, new byte[0], ByteBuffer.allocate(0), -1, ByteBuffer.allocate(16));
            throwaway.destroy();
        }
    }
}
