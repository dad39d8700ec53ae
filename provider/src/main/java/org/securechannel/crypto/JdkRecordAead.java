package org.securechannel.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.CipherSuite;

/**
 * A record AEAD on the JDK's {@code AES/GCM/NoPadding} or {@code ChaCha20-Poly1305}: both use hardware
 * intrinsics, which is why the record path never goes through Bouncy Castle (DESIGN §4).
 *
 * <p><b>One Cipher per key, recycled.</b> JCA re-initialises an AEAD Cipher for every record, and an init with
 * the key of the Cipher's previous init skips the AES key expansion, which an init with another key redoes
 * (JDK 17, init + seal of 64 B: 1.7 us with a new key, 0.39 us with the same one; Temurin 25: 0.67 vs 0.34 us).
 * So each key has its own Cipher (one per direction it is used in, made at its first record), as SunJSSE's
 * connections have: a server thread serving many connections then never re-expands a key, where a Cipher per
 * thread re-keyed at nearly every small record of a keep-alive server (perf/RESULTS.md, issue 16: AES key
 * expansion was the largest cost left there). An idle connection holds two Ciphers (about 0.4-0.9 KB each).
 * When a key is retired (a key change, on the thread that used it: {@link #retire}) its Ciphers go to
 * {@link CipherRecycler} for the next key of the same algorithm, so a handshake's key changes do not pay
 * {@code Cipher.getInstance} (a provider walk, ~2 us on JDK 17) for each key, and virtual threads share nothing
 * per thread here; a key destroyed otherwise (a failing or closed connection, possibly from the other direction's
 * thread) keeps its Ciphers until collected. A recycled Cipher
 * still holds the previous key's expanded schedule until its next init replaces it, as the JDK's own
 * Ciphers do until collected; the key bytes we own ({@link RawKey}) are wiped at destroy.
 *
 * <p>Nonce uniqueness rests on the record sequence number, which only grows, and on a connection whose seal
 * failed never sealing again; the JDK's refusal to encrypt twice under its previous init's key and nonce is
 * kept as a second guard. Encryption and decryption use separate Ciphers so that an object used both ways (tests)
 * never re-inits a Cipher with the key and nonce of its previous init, which the JDK's ChaCha20 refuses even to
 * decrypt (see {@link #initDecrypt}). JCA insists on a fresh parameter spec per init, which is the only
 * per-record allocation of our own.
 */
final class JdkRecordAead implements RecordAead {
    private static final int TAG_LENGTH = 16;
    /** The largest TLS 1.3 ciphertext (RFC 8446 §5.2): no record the scratch path takes is longer. */
    private static final int SCRATCH_LENGTH = 16384 + 256;
    /** Where records in direct buffers are processed (see {@link #viaScratch}): per platform thread, pooled. */
    private static final ScratchPool<byte[]> SCRATCH = new ScratchPool<>(() -> new byte[SCRATCH_LENGTH]);
    /** One read-only byte per TLS 1.3 inner content type, fed through doFinal without allocating. */
    private static final byte[][] TRAILERS = trailers();

    private final boolean chacha;
    private final CipherRecycler recycler;
    private final RawKey key;
    private boolean destroyed;
    /** This key's Ciphers, made (or recycled) at the first seal and the first open; null after destroy. */
    private Cipher sealCipher;
    private Cipher openCipher;
    /** For the ByteBuffer seal path only (in-place records, buffers without arrays): made on first use. */
    private ByteBuffer trailerBuffer;
    /** For the ChaCha20 re-init of {@link #initDecrypt}: made on first use. */
    private byte[] otherNonce;

    JdkRecordAead(CipherSuite.Aead algorithm, byte[] keyBytes) {
        this(algorithm, new RawKey(algorithm == CipherSuite.Aead.CHACHA20_POLY1305 ? "ChaCha20" : "AES", keyBytes));
    }

    /** Over a key another AEAD of the same record direction may already hold (one copy of it, wiped by either). */
    JdkRecordAead(CipherSuite.Aead algorithm, RawKey key) {
        if (key.material().length != algorithm.keyLength()) {
            throw new IllegalArgumentException(algorithm + " needs a " + algorithm.keyLength() + "-byte key, got "
                    + key.material().length);
        }
        this.chacha = algorithm == CipherSuite.Aead.CHACHA20_POLY1305;
        this.recycler = chacha ? CipherRecycler.CHACHA20_POLY1305 : CipherRecycler.AES_GCM;
        this.key = key;
        recycler.checkAvailable(); // fails here, not at the first record, when the JDK lacks the algorithm
    }

    private static byte[][] trailers() {
        byte[][] t = new byte[256][];
        for (int i = 0; i < t.length; i++) {
            t[i] = new byte[] {(byte) i};
        }
        return t;
    }

    private Cipher sealCipher() {
        if (sealCipher == null) {
            sealCipher = recycler.take();
        }
        return sealCipher;
    }

    /** The Cipher this key seals with, null before its first seal and after retire (tests). */
    Cipher currentSealCipher() {
        return sealCipher;
    }

    private Cipher openCipher() {
        if (openCipher == null) {
            openCipher = recycler.take();
        }
        return openCipher;
    }

    @Override
    public int tagLength() {
        return TAG_LENGTH;
    }

    private AlgorithmParameterSpec params(byte[] nonce) {
        return chacha
                ? new IvParameterSpec(nonce)
                : new GCMParameterSpec(TAG_LENGTH * 8, nonce);
    }

    private void checkUsable(byte[] nonce) throws AlertException {
        RecordAeadArguments.checkUsable(destroyed, nonce);
    }

    @Override
    public void seal(byte[] nonce, byte[] aad, ByteBuffer plaintext, int trailerByte, ByteBuffer out)
            throws AlertException {
        checkUsable(nonce);
        int inLength = RecordAeadArguments.checkSeal(plaintext, trailerByte, out);
        int inStart = plaintext.position();
        int outStart = out.position();
        try {
            Cipher cipher = sealCipher();
            initEncrypt(cipher, nonce);
            cipher.updateAAD(aad);
            if (viaScratch(plaintext, out, inLength + TAG_LENGTH)) {
                // Copy in, encrypt in place, copy out: the JDK's GCM on direct buffers is slower than two copies.
                byte[] scratch = SCRATCH.take();
                try {
                    int n = plaintext.remaining();
                    plaintext.get(scratch, 0, n);
                    if (trailerByte >= 0) {
                        scratch[n] = (byte) trailerByte;
                    }
                    int sealed = cipher.doFinal(scratch, 0, inLength, scratch, 0);
                    out.put(scratch, 0, sealed); // the scratch now holds ciphertext only: nothing to wipe
                } finally {
                    SCRATCH.give(scratch);
                }
            } else if (plaintext.hasArray() && out.hasArray() && plaintext.array() != out.array()) {
                sealArrays(cipher, plaintext, trailerByte, out);
            } else if (trailerByte < 0) {
                cipher.doFinal(plaintext, out);
            } else {
                cipher.update(plaintext, out);
                if (trailerBuffer == null) {
                    trailerBuffer = ByteBuffer.allocate(1);
                }
                trailerBuffer.clear();
                trailerBuffer.put((byte) trailerByte).flip();
                cipher.doFinal(trailerBuffer, out);
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            throw RecordAeadArguments.sealFailed(plaintext, inStart, out, outStart, e);
        }
    }

    /**
     * Heap buffers through the byte[] calls (open too), as the direct path's scratch does: a cold Temurin 25 reached
     * the steady rate of 16 KiB records one 2-s iteration sooner this way (CPU per seal+open in the second
     * iteration 11.0-11.7 us against 30-33 us through the ByteBuffer calls; 10.3-10.6 us steady either way; two
     * alternating A/B pairs, perf/RESULTS.md, issue 16 warm-up). The ByteBuffer calls remain for overlapping
     * (in-place) heap records and for buffers without an accessible array.
     */
    private static void sealArrays(Cipher cipher, ByteBuffer plaintext, int trailerByte, ByteBuffer out)
            throws GeneralSecurityException {
        int n = plaintext.remaining();
        byte[] oa = out.array();
        int oo = out.arrayOffset() + out.position();
        int written = cipher.update(plaintext.array(), plaintext.arrayOffset() + plaintext.position(), n, oa, oo);
        if (trailerByte >= 0) {
            written += cipher.doFinal(TRAILERS[trailerByte], 0, 1, oa, oo + written);
        } else {
            written += cipher.doFinal(oa, oo + written);
        }
        plaintext.position(plaintext.position() + n);
        out.position(out.position() + written);
    }

    @Override
    public void open(byte[] nonce, byte[] aad, ByteBuffer in, int ciphertextLength, ByteBuffer out)
            throws AlertException {
        checkUsable(nonce);
        RecordAeadArguments.checkOpen(in, ciphertextLength, out);
        int inStart = in.position();
        int inLimit = in.limit();
        int outStart = out.position();
        try {
            Cipher cipher = openCipher();
            initDecrypt(cipher, nonce);
            cipher.updateAAD(aad);
            if (viaScratch(in, out, ciphertextLength)) {
                byte[] scratch = SCRATCH.take();
                try {
                    in.get(scratch, 0, ciphertextLength);
                    int opened = cipher.doFinal(scratch, 0, ciphertextLength, scratch, 0);
                    out.put(scratch, 0, opened);
                } finally {
                    Arrays.fill(scratch, 0, ciphertextLength, (byte) 0); // plaintext: not left on the thread
                    SCRATCH.give(scratch);
                }
            } else if (in.hasArray() && out.hasArray() && in.array() != out.array()) {
                int opened = cipher.doFinal(in.array(), in.arrayOffset() + inStart, ciphertextLength,
                        out.array(), out.arrayOffset() + outStart);
                in.position(inStart + ciphertextLength);
                out.position(outStart + opened);
            } else {
                in.limit(inStart + ciphertextLength);
                cipher.doFinal(in, out);
                in.limit(inLimit);
            }
        } catch (AEADBadTagException e) {
            restore(in, inStart, inLimit, out, outStart);
            throw new AlertException(AlertDescription.BAD_RECORD_MAC, "record authentication failed", e);
        } catch (GeneralSecurityException | RuntimeException e) {
            in.limit(inLimit);
            throw RecordAeadArguments.openFailed(in, inStart, out, outStart, e);
        }
    }

    /**
     * The JDK's ChaCha20 refuses any init whose key and nonce equal the previous init's, even to decrypt.
     * A record that failed to open leaves the sequence number (so the nonce) unchanged, and a server skipping
     * rejected 0-RTT records (RFC 8446 §4.2.10) tries the next record under that same nonce: initialising
     * once with another nonce first is harmless for decryption and makes that work.
     */
    private void initDecrypt(Cipher cipher, byte[] nonce) throws GeneralSecurityException {
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, params(nonce));
        } catch (InvalidKeyException e) {
            if (!chacha) {
                throw e;
            }
            if (otherNonce == null) {
                otherNonce = new byte[nonce.length];
            }
            System.arraycopy(nonce, 0, otherNonce, 0, nonce.length);
            otherNonce[0] ^= 1;
            cipher.init(Cipher.DECRYPT_MODE, key, params(otherNonce));
            cipher.init(Cipher.DECRYPT_MODE, key, params(nonce));
        }
    }

    private void initEncrypt(Cipher cipher, byte[] nonce) throws GeneralSecurityException {
        // The JDK refuses to encrypt twice under the same key and nonce; we keep that guard: one traffic secret is
        // installed once, so a refusal here means real nonce reuse, and it must fail the connection.
        cipher.init(Cipher.ENCRYPT_MODE, key, params(nonce));
    }

    /**
     * Records in or out of direct buffers go through a per-thread heap array: copy in, the cipher in place,
     * copy out. Seal+open of 16 KiB in direct buffers, the JDK's GCM on the buffers vs through the scratch: 7.3 vs
     * 5.9 us on JDK 17, 7.6 vs 4.3 us on JDK 25 (it works on direct buffers in small chunks).
     */
    private static boolean viaScratch(ByteBuffer a, ByteBuffer b, int length) {
        return (a.isDirect() || b.isDirect()) && length <= SCRATCH_LENGTH;
    }

    private static void restore(ByteBuffer in, int inStart, int inLimit, ByteBuffer out, int outStart) {
        in.limit(inLimit);
        in.position(inStart);
        out.position(outStart);
    }

    @Override
    public void destroy() {
        destroyed = true;
        key.destroy();
        // Not recycled here: destroy may come from the other direction's thread (a connection failing while a
        // record is being opened), and a Cipher in use must never reach another key. Collected with this object.
    }

    /** Called on the thread that used the key, after its last record: its Ciphers are free for the next key. */
    @Override
    public void retire() {
        destroy();
        recycler.give(sealCipher);
        recycler.give(openCipher);
        sealCipher = null;
        openCipher = null;
    }
}
