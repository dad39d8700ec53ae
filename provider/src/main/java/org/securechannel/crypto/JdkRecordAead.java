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
 * <p>The Cipher is re-initialised for every record (JCA allows nothing else for an AEAD), so it carries no
 * state from one record to the next: instead of one Cipher per key, which an idle connection would hold four
 * of, each platform thread (or pooled scratch, on virtual threads: ScratchPool) keeps one Cipher per
 * algorithm and direction and every key uses it in turn. Nothing is lost
 * in safety: nonce uniqueness never rested on the JDK's refusal to encrypt twice under the key and IV of the
 * Cipher's previous init (which a shared Cipher only sees when the same connection seals twice in a row); it
 * rests on the record sequence number, which only grows, and a connection whose seal failed is failed as a
 * whole and never seals again. Encryption and decryption use separate Ciphers so that opening a record a
 * peer on the same thread just sealed (an in-memory pair) is not an init with the previous key and nonce,
 * which the JDK's ChaCha20 refuses (see {@link #initDecrypt}). A thread's Cipher keeps the expanded key of
 * the last record it processed until its next init, as a per-connection Cipher kept it until collected.
 * JCA insists on a fresh parameter spec per init, which is the only per-record allocation of our own.
 */
final class JdkRecordAead implements RecordAead {
    private static final int TAG_LENGTH = 16;

    private final CipherSuite.Aead algorithm;
    /** Per platform thread, pooled for virtual threads (ScratchPool says why). */
    private static final ScratchPool<PerThread> SCRATCH = new ScratchPool<>(PerThread::new);

    /** What a thread's records share: nothing in it outlives one seal or open. */
    private static final class PerThread {
        /** AES-GCM encrypt, AES-GCM decrypt, ChaCha20-Poly1305 encrypt, ChaCha20-Poly1305 decrypt. */
        final Cipher[] ciphers = new Cipher[4];
        /** Holds the TLS 1.3 inner content type so it can be fed through doFinal without allocating. */
        final ByteBuffer trailer = ByteBuffer.allocate(1);
        final byte[] trailerByte = new byte[1];
        final byte[] scratchNonce = new byte[12];
        /** Where records in direct buffers are processed (see {@link #viaScratch}); only threads that use them. */
        byte[] scratch;

        byte[] scratch() {
            if (scratch == null) {
                scratch = new byte[SCRATCH_LENGTH];
            }
            return scratch;
        }
    }

    /** The largest TLS 1.3 ciphertext (RFC 8446 §5.2): no record the scratch path takes is longer. */
    private static final int SCRATCH_LENGTH = 16384 + 256;

    private final boolean chacha;
    private final RawKey key;
    private boolean destroyed;

    JdkRecordAead(CipherSuite.Aead algorithm, byte[] keyBytes) {
        this(algorithm, new RawKey(algorithm == CipherSuite.Aead.CHACHA20_POLY1305 ? "ChaCha20" : "AES", keyBytes));
    }

    /** Over a key another AEAD of the same record direction may already hold (one copy of it, wiped by either). */
    JdkRecordAead(CipherSuite.Aead algorithm, RawKey key) {
        if (key.material().length != algorithm.keyLength()) {
            throw new IllegalArgumentException(algorithm + " needs a " + algorithm.keyLength() + "-byte key, got "
                    + key.material().length);
        }
        this.algorithm = algorithm;
        this.chacha = algorithm == CipherSuite.Aead.CHACHA20_POLY1305;
        this.key = key;
        PerThread perThread = SCRATCH.take();
        try {
            cipher(perThread, true); // fails here, not at the first record, when the JDK lacks the algorithm
            cipher(perThread, false);
        } finally {
            SCRATCH.give(perThread);
        }
    }

    /** The scratch's Cipher for our algorithm and the direction; seal and open never call out in between. */

    private Cipher cipher(PerThread perThread, boolean encrypt) {
        Cipher[] ciphers = perThread.ciphers;
        int index = (chacha ? 2 : 0) + (encrypt ? 0 : 1);
        Cipher c = ciphers[index];
        if (c == null) {
            try {
                c = Cipher.getInstance(chacha ? "ChaCha20-Poly1305" : "AES/GCM/NoPadding");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(algorithm + " is not available in this JDK", e);
            }
            ciphers[index] = c;
        }
        return c;
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
        PerThread perThread = SCRATCH.take();
        try {
            Cipher cipher = cipher(perThread, true);
            initEncrypt(perThread, cipher, nonce);
            cipher.updateAAD(aad);
            if (viaScratch(plaintext, out, inLength + TAG_LENGTH)) {
                // Copy in, encrypt in place, copy out: the JDK's GCM on direct buffers is slower than two copies.
                byte[] scratch = perThread.scratch();
                int n = plaintext.remaining();
                plaintext.get(scratch, 0, n);
                if (trailerByte >= 0) {
                    scratch[n] = (byte) trailerByte;
                }
                int sealed = cipher.doFinal(scratch, 0, inLength, scratch, 0);
                out.put(scratch, 0, sealed); // the scratch now holds ciphertext only: nothing to wipe
            } else if (plaintext.hasArray() && out.hasArray() && plaintext.array() != out.array()) {
                sealArrays(perThread, cipher, plaintext, trailerByte, out);
            } else if (trailerByte < 0) {
                cipher.doFinal(plaintext, out);
            } else {
                cipher.update(plaintext, out);
                ByteBuffer trailer = perThread.trailer;
                trailer.clear();
                trailer.put((byte) trailerByte).flip();
                cipher.doFinal(trailer, out);
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            throw RecordAeadArguments.sealFailed(plaintext, inStart, out, outStart, e);
        } finally {
            SCRATCH.give(perThread);
        }
    }

    /**
     * Heap buffers through the byte[] calls (open too), as the direct path's scratch does: a cold Temurin 25 reached
     * the steady rate of 16 KiB records one 2-s iteration sooner this way (CPU per seal+open in the second
     * iteration 11.0-11.7 us against 30-33 us through the ByteBuffer calls; 10.3-10.6 us steady either way; two
     * alternating A/B pairs, perf/RESULTS.md, issue 16 warm-up). The ByteBuffer calls remain for overlapping
     * (in-place) heap records and for buffers without an accessible array.
     */
    private static void sealArrays(PerThread perThread, Cipher cipher, ByteBuffer plaintext, int trailerByte,
            ByteBuffer out) throws GeneralSecurityException {
        int n = plaintext.remaining();
        byte[] oa = out.array();
        int oo = out.arrayOffset() + out.position();
        int written = cipher.update(plaintext.array(), plaintext.arrayOffset() + plaintext.position(), n, oa, oo);
        if (trailerByte >= 0) {
            byte[] trailer = perThread.trailerByte;
            trailer[0] = (byte) trailerByte;
            written += cipher.doFinal(trailer, 0, 1, oa, oo + written);
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
        PerThread perThread = SCRATCH.take();
        try {
            initDecrypt(perThread, nonce);
            Cipher cipher = cipher(perThread, false);
            cipher.updateAAD(aad);
            if (viaScratch(in, out, ciphertextLength)) {
                byte[] scratch = perThread.scratch();
                in.get(scratch, 0, ciphertextLength);
                try {
                    int opened = cipher.doFinal(scratch, 0, ciphertextLength, scratch, 0);
                    out.put(scratch, 0, opened);
                } finally {
                    Arrays.fill(scratch, 0, ciphertextLength, (byte) 0); // plaintext: not left on the thread
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
        } finally {
            SCRATCH.give(perThread);
        }
    }

    /**
     * The JDK's ChaCha20 refuses any init whose key and nonce equal the previous init's, even to decrypt.
     * A record that failed to open leaves the sequence number (so the nonce) unchanged, and a server skipping
     * rejected 0-RTT records (RFC 8446 §4.2.10) tries the next record under that same nonce: initialising
     * once with another nonce first is harmless for decryption and makes that work.
     */
    private void initDecrypt(PerThread perThread, byte[] nonce) throws GeneralSecurityException {
        Cipher cipher = cipher(perThread, false);
        byte[] scratchNonce = perThread.scratchNonce;
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, params(nonce));
        } catch (InvalidKeyException e) {
            if (!chacha) {
                throw e;
            }
            System.arraycopy(nonce, 0, scratchNonce, 0, nonce.length);
            scratchNonce[0] ^= 1;
            cipher.init(Cipher.DECRYPT_MODE, key, params(scratchNonce));
            cipher.init(Cipher.DECRYPT_MODE, key, params(nonce));
        }
    }

    private void initEncrypt(PerThread perThread, Cipher cipher, byte[] nonce) throws GeneralSecurityException {
        // The JDK refuses to encrypt twice under the same key and nonce, even through a Cipher shared by
        // several connections; we keep that guard: one traffic secret is installed once, so a refusal here
        // means real nonce reuse, and it must fail the connection.
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
    }
}
