package org.securechannel.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.CipherSuite;

/**
 * AES-GCM (NIST SP 800-38D) for TLS 1.3 records with 96-bit nonces, built for small records: AES is the
 * JDK's {@code AES/ECB/NoPadding} (AES-NI intrinsic) producing all counter blocks of a record in one call,
 * GHASH is our constant-time {@link Ghash}. The JDK's {@code AES/GCM/NoPadding} must be initialised per
 * record, which recomputes H and allocates the GHASH and counter state (about 1.2 KB); here nothing is
 * allocated per record, and H with its powers is computed when a thread first uses the key.
 *
 * <p>Per thread (pooled on virtual threads: ScratchPool), not per key: {@link #SLOTS} key slots, each an ECB
 * Cipher keyed with one of the last keys the thread used plus that key's GHASH table (H..H^32 at most, 1.5 KB,
 * filled only as far as the records seen need: a 13-byte record needs H..H^3), and the counter/keystream/staging
 * scratch and GHASH lanes: up to about 60 KB per thread that seals or opens AES-GCM records. A slot is re-keyed (an AES
 * key schedule, H, and the powers the record needs) only when none holds our key; slots are matched by the owning
 * instance (a reference compare: a server thread meets many connections, and comparing key bytes on every miss
 * was 8% of a Jetty server's CPU). Per key (so per connection, idle or not) we retain only the key bytes: keeping
 * the schedule and table per key instead would add about 4 KB to every idle connection. Measured with Jetty under
 * wrk keep-alive load (perf/server-load): with 4 slots and full tables, re-keying was 45% of the server's CPU.
 *
 * <p>open() authenticates the whole ciphertext before it writes a single plaintext byte: a forged record
 * leaves {@code out} untouched (and the ciphertext of an in-place record intact). Heap buffers may overlap
 * when the output starts at or before the input; the other way round the input is copied first. (Direct
 * buffers over the same memory must not overlap that other way round.)
 *
 * <p>Not final only so that {@link SizeSplitAesGcm} can be one: a connection holds four record keys, and
 * one object less per key is 16-24 bytes of retained heap each.
 */
class JavaGhashAesGcm implements RecordAead {
    private static final VarHandle BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle BE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle NATIVE = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.nativeOrder());
    private static final int TAG_LENGTH = 16;
    /** Bytes of keystream per ECB call (and staging size for direct buffers); a multiple of 64. */
    static final int CHUNK = 2048;
    /**
     * ECB Ciphers per thread, each holding one key: a server thread serves many connections (a Jetty pool thread
     * meets most of them), two keys each; 16 slots hold 8 connections' keys, about 2 KB each (expanded key, GHASH
     * table), per thread.
     */
    static final int SLOTS = 16;

    /** Per platform thread, pooled for virtual threads (ScratchPool says why). */
    private static final ScratchPool<PerThread> SCRATCH = new ScratchPool<>(PerThread::new);

    /** What a thread's records share; nothing in it but the slots' keys outlives one seal or open. */
    private static final class PerThread {
        final Cipher[] ciphers = new Cipher[SLOTS];
        final JavaGhashAesGcm[] owners = new JavaGhashAesGcm[SLOTS];
        /** Per slot, the GHASH key table (powers of H) of its key, filled as far as {@link #powers} says. */
        final long[][] tables = new long[SLOTS][];
        /** Per slot, how many powers of H its table holds: records of g blocks need H^1..H^g (at most BATCH). */
        final int[] powers = new int[SLOTS];
        /** Per slot, the highest power of H computed and H itself (hi, lo each), to extend the table from. */
        final long[][] h = new long[SLOTS][4];
        /** The slot the last {@link #slot} call returned. */
        int current;
        int victim;
        /** J0, J0+1, ... for one ECB call. */
        final byte[] counters = new byte[CHUNK + 16];
        /** E(K, counters): the tag mask E(K, J0) at 0 in the first chunk, then the keystream. */
        final byte[] keystream = new byte[CHUNK + 16];
        /** Staging for buffers without an accessible array. */
        final byte[] stage = new byte[CHUNK];
        final byte[] tail = new byte[16];
        final Ghash ghash = new Ghash();
    }

    /** Shared with the JDK's GCM in SizeSplitAesGcm: one copy of the key per record direction. */
    private final RawKey key;
    private boolean destroyed;

    JavaGhashAesGcm(CipherSuite.Aead algorithm, byte[] keyBytes) {
        if (algorithm != CipherSuite.Aead.AES_128_GCM && algorithm != CipherSuite.Aead.AES_256_GCM) {
            throw new IllegalArgumentException("not an AES-GCM suite: " + algorithm);
        }
        if (keyBytes.length != algorithm.keyLength()) {
            throw new IllegalArgumentException(algorithm + " needs a " + algorithm.keyLength() + "-byte key, got "
                    + keyBytes.length);
        }
        this.key = new RawKey("AES", keyBytes);
        PerThread pt = SCRATCH.take();
        try {
            slot(pt); // fails here, not at the first record, when the JDK lacks AES/ECB
        } finally {
            SCRATCH.give(pt);
        }
    }

    /**
     * Finds or fills this thread's slot for our key and returns its Cipher; {@code pt.current} is then the
     * slot (for its GHASH table). A slot is re-keyed (AES key schedule, H and its powers: a few microseconds, and
     * some allocation inside the JDK's init) only when none of the thread's last {@link #SLOTS} keys is ours.
     */
    private Cipher slot(PerThread pt) {
        for (int i = 0; i < SLOTS; i++) {
            if (pt.owners[i] == this) {
                pt.current = i;
                return pt.ciphers[i];
            }
        }
        int i = pt.victim;
        pt.victim = (i + 1) % SLOTS;
        pt.owners[i] = null;
        Cipher c = pt.ciphers[i];
        byte[] h = new byte[16];
        try {
            if (c == null) {
                c = Cipher.getInstance("AES/ECB/NoPadding");
                pt.ciphers[i] = c;
            }
            c.init(Cipher.ENCRYPT_MODE, key);
            if (c.update(h, 0, 16, h, 0) != 16) {
                throw new IllegalStateException("AES/ECB returned a short block");
            }
        } catch (GeneralSecurityException e) {
            pt.ciphers[i] = null;
            throw new IllegalStateException("AES/ECB/NoPadding is not usable in this JDK", e);
        }
        if (pt.tables[i] == null) {
            pt.tables[i] = new long[Ghash.TABLE_LONGS];
        }
        // Powers of H are computed as records need them (ensurePowers): a Jetty thread serving many connections
        // re-keys slots often, and recomputing all 32 powers for 13-byte records was 30% of its CPU.
        long[] state = pt.h[i]; // {H^k, H}: see Ghash.extendKeyTable
        state[0] = 0;
        state[1] = 0;
        state[2] = (long) BE.get(h, 0);
        state[3] = (long) BE.get(h, 8);
        pt.powers[i] = 0;
        Arrays.fill(h, (byte) 0);
        pt.owners[i] = this;
        pt.current = i;
        return c;
    }

    /** Makes the current slot's table hold the powers a GHASH over {@code blocks} blocks uses. */
    private static void ensurePowers(PerThread pt, int blocks) {
        int need = Math.min(Ghash.BATCH, blocks);
        int i = pt.current;
        if (pt.powers[i] < need) {
            Ghash.extendKeyTable(pt.tables[i], pt.h[i], pt.powers[i], need);
            pt.powers[i] = need;
        }
    }

    /** GHASH blocks of a record: the AAD's, the ciphertext's and the lengths block. */
    private static int ghashBlocks(int aadLength, int ciphertextLength) {
        return ((aadLength + 15) >>> 4) + ((ciphertextLength + 15) >>> 4) + 1;
    }

    @Override
    public int tagLength() {
        return TAG_LENGTH;
    }

    private void checkUsable(byte[] nonce) throws AlertException {
        RecordAeadArguments.checkUsable(destroyed, nonce);
    }

    /**
     * E(K, counter blocks) into {@code pt.keystream}: if {@code withJ0}, J0 (counter 1) first, then
     * {@code blocks} blocks from counter {@code counter}. One ECB call.
     */
    private static void keystream(PerThread pt, Cipher cipher, long n0, int n1, boolean withJ0, int counter,
            int blocks) throws ShortBufferException {
        byte[] ctr = pt.counters;
        int o = 0;
        if (withJ0) {
            BE.set(ctr, 0, n0);
            BE32.set(ctr, 8, n1);
            BE32.set(ctr, 12, 1);
            o = 16;
        }
        for (int b = 0; b < blocks; b++, o += 16) {
            BE.set(ctr, o, n0);
            BE32.set(ctr, o + 8, n1);
            BE32.set(ctr, o + 12, counter + b);
        }
        if (cipher.update(ctr, 0, o, pt.keystream, 0) != o) {
            throw new IllegalStateException("AES/ECB returned a short keystream");
        }
    }

    /** dst[d..] = src[s..] ^ ks[k..] for {@code len} bytes (a multiple of 16), reading each long before writing it. */
    private static void xor(byte[] src, int s, byte[] dst, int d, byte[] ks, int k, int len) {
        for (int i = 0; i < len; i += 8) {
            long v = (long) NATIVE.get(src, s + i) ^ (long) NATIVE.get(ks, k + i);
            NATIVE.set(dst, d + i, v);
        }
    }

    /** E(K, J0) and the first chunk of keystream for a record of {@code length} bytes; returns the chunk's blocks. */
    private static int firstChunk(PerThread pt, Cipher cipher, long n0, int n1, int length)
            throws ShortBufferException {
        int firstBlocks = Math.min((length + 15) >>> 4, (CHUNK >>> 4) - 1);
        keystream(pt, cipher, n0, n1, true, 2, firstBlocks);
        return firstBlocks;
    }

    /**
     * Counter mode from counter 2, the one pass both directions share: the {@code n} bytes at
     * {@code src[srcPos..]}, then the trailer byte if {@code trailerByte >= 0}, into {@code dst[dstPos..]}.
     * {@link #firstChunk} must have filled {@code pt.keystream}. Sealing GHASHes the ciphertext as it is
     * written ({@code hashOutput}); opening has authenticated it before. Heap arrays are worked on directly (the
     * input copied first if the output starts inside it, further on); other buffers go through {@code pt.stage}.
     */
    private static void counterMode(PerThread pt, Cipher cipher, long n0, int n1, int firstBlocks, ByteBuffer src,
            int srcPos, int n, int trailerByte, ByteBuffer dst, int dstPos, boolean hashOutput)
            throws ShortBufferException {
        boolean heap = src.hasArray() && dst.hasArray();
        byte[] ia = null;
        int io = 0;
        byte[] oa = null;
        int oo = 0;
        if (heap) {
            ia = src.array();
            io = src.arrayOffset() + srcPos;
            oa = dst.array();
            oo = dst.arrayOffset() + dstPos;
            if (ia == oa && oo > io && oo < io + n) {
                ia = Arrays.copyOfRange(ia, io, io + n);
                io = 0;
            }
        }
        Ghash ghash = pt.ghash;
        byte[] ks = pt.keystream;
        byte[] st = pt.stage;
        int total = trailerByte >= 0 ? n + 1 : n;
        int full = n & ~15;
        int blocks = (total + 15) >>> 4;
        // done counts bytes of the record (and of the keystream past J0) processed so far.
        for (int done = 0; done < blocks << 4; ) {
            boolean first = done == 0;
            int chunkBlocks = first ? firstBlocks : Math.min(blocks - (done >>> 4), CHUNK >>> 4);
            if (!first) {
                keystream(pt, cipher, n0, n1, false, 2 + (done >>> 4), chunkBlocks);
            }
            int k = first ? 16 : 0;
            int chunkEnd = done + (chunkBlocks << 4);
            int len = Math.min(chunkEnd, full) - done;
            if (len > 0) {
                if (heap) {
                    xor(ia, io + done, oa, oo + done, ks, k, len);
                    if (hashOutput) {
                        ghash.update(oa, oo + done, len);
                    }
                } else {
                    src.get(srcPos + done, st, 0, len);
                    xor(st, 0, st, 0, ks, k, len);
                    if (hashOutput) {
                        ghash.update(st, 0, len);
                    }
                    dst.put(dstPos + done, st, 0, len);
                }
            }
            if (chunkEnd > full) {
                // The last block: the input's last n - full bytes, then the trailer byte if any.
                byte[] tail = pt.tail;
                int t = n - full;
                if (heap) {
                    System.arraycopy(ia, io + full, tail, 0, t);
                } else {
                    src.get(srcPos + full, tail, 0, t);
                }
                if (trailerByte >= 0) {
                    tail[t++] = (byte) trailerByte;
                }
                int kt = k + (full - done);
                for (int i = 0; i < t; i++) {
                    tail[i] ^= ks[kt + i];
                }
                if (hashOutput) {
                    ghash.update(tail, 0, t);
                }
                dst.put(dstPos + full, tail, 0, t);
                Arrays.fill(tail, (byte) 0);
            }
            done = chunkEnd;
        }
    }

    @Override
    public void seal(byte[] nonce, byte[] aad, ByteBuffer plaintext, int trailerByte, ByteBuffer out)
            throws AlertException {
        checkUsable(nonce);
        int n = plaintext.remaining();
        int total = RecordAeadArguments.checkSeal(plaintext, trailerByte, out);
        int inPos = plaintext.position();
        int outPos = out.position();
        PerThread pt = SCRATCH.take();
        try {
            Cipher cipher = slot(pt);
            ensurePowers(pt, ghashBlocks(aad.length, total));
            Ghash ghash = pt.ghash;
            ghash.start(pt.tables[pt.current]);
            ghash.update(aad, 0, aad.length);
            long n0 = (long) BE.get(nonce, 0);
            int n1 = (int) BE32.get(nonce, 8);
            int firstBlocks = firstChunk(pt, cipher, n0, n1, total);
            byte[] ks = pt.keystream;
            long maskHi = (long) BE.get(ks, 0); // E(K, J0), read before later chunks overwrite it
            long maskLo = (long) BE.get(ks, 8);
            counterMode(pt, cipher, n0, n1, firstBlocks, plaintext, inPos, n, trailerByte, out, outPos, true);
            ghash.update((long) aad.length << 3, (long) total << 3);
            ghash.finish();
            byte[] tag = pt.tail;
            BE.set(tag, 0, ghash.hi() ^ maskHi);
            BE.set(tag, 8, ghash.lo() ^ maskLo);
            ghash.clear();
            out.put(outPos + total, tag, 0, TAG_LENGTH);
            Arrays.fill(tag, (byte) 0);
            plaintext.position(inPos + n);
            out.position(outPos + total + TAG_LENGTH);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw RecordAeadArguments.sealFailed(plaintext, inPos, out, outPos, e);
        } finally {
            SCRATCH.give(pt);
        }
    }

    @Override
    public void open(byte[] nonce, byte[] aad, ByteBuffer in, int ciphertextLength, ByteBuffer out)
            throws AlertException {
        checkUsable(nonce);
        int m = RecordAeadArguments.checkOpen(in, ciphertextLength, out);
        int inPos = in.position();
        int outPos = out.position();
        boolean authentic;
        PerThread pt = SCRATCH.take();
        try {
            Cipher cipher = slot(pt);
            ensurePowers(pt, ghashBlocks(aad.length, m));
            Ghash ghash = pt.ghash;
            ghash.start(pt.tables[pt.current]);
            ghash.update(aad, 0, aad.length);
            // Pass 1: authenticate.
            if (in.hasArray()) {
                ghash.update(in.array(), in.arrayOffset() + inPos, m);
            } else {
                byte[] st = pt.stage;
                for (int done = 0; done < m; done += CHUNK) {
                    int len = Math.min(CHUNK, m - done);
                    in.get(inPos + done, st, 0, len);
                    ghash.update(st, 0, len);
                }
            }
            ghash.update((long) aad.length << 3, (long) m << 3);
            ghash.finish();
            long n0 = (long) BE.get(nonce, 0);
            int n1 = (int) BE32.get(nonce, 8);
            int firstBlocks = firstChunk(pt, cipher, n0, n1, m);
            byte[] ks = pt.keystream;
            byte[] received = pt.tail;
            in.get(inPos + m, received, 0, TAG_LENGTH);
            // Constant time: both halves are always compared.
            long diff = (ghash.hi() ^ (long) BE.get(ks, 0) ^ (long) BE.get(received, 0))
                    | (ghash.lo() ^ (long) BE.get(ks, 8) ^ (long) BE.get(received, 8));
            ghash.clear();
            authentic = diff == 0;
            if (authentic) {
                // Pass 2: decrypt.
                counterMode(pt, cipher, n0, n1, firstBlocks, in, inPos, m, -1, out, outPos, false);
                in.position(inPos + ciphertextLength);
                out.position(outPos + m);
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            throw RecordAeadArguments.openFailed(in, inPos, out, outPos, e);
        } finally {
            SCRATCH.give(pt);
        }
        if (!authentic) {
            throw new AlertException(AlertDescription.BAD_RECORD_MAC, "record authentication failed");
        }
    }

    @Override
    public void destroy() {
        destroyed = true;
        // Best effort: this thread's slot (or the pooled scratch taken) is wiped; another thread's slot keeps the
        // expanded key and the powers of H until re-keyed, as JdkRecordAead's shared Ciphers keep their expanded key.
        PerThread pt = SCRATCH.take();
        try {
            for (int i = 0; i < SLOTS; i++) {
                if (pt.owners[i] == this) {
                    pt.owners[i] = null;
                    Arrays.fill(pt.tables[i], 0);
                    Arrays.fill(pt.h[i], 0);
                    pt.powers[i] = 0;
                }
            }
        } finally {
            SCRATCH.give(pt);
        }
        key.destroy();
    }

    /** The key, for an AEAD that shares it (SizeSplitAesGcm's JDK half). */
    RawKey rawKey() {
        return key;
    }
}
