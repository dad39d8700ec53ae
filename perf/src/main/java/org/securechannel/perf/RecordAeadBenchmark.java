package org.securechannel.perf;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.securechannel.codec.CipherSuite;
import org.securechannel.crypto.CryptoBackend;
import org.securechannel.crypto.MeasuredDefaultBackend;
import org.securechannel.crypto.RecordAead;

/**
 * One record sealed and opened through {@link RecordAead}, per implementation: the JDK's cipher (one
 * {@code Cipher.init} per record, one Cipher per key), ours ({@code JavaChaCha20Poly1305}; AES-GCM has no Java
 * implementation any more: n/a), and the default backend's choice per record size (the JDK's AES-GCM at every
 * size; {@code SizeSplitChaCha20Poly1305} or ours outright before JDK 20). The size threshold of the default
 * comes from these; MB/s = ops/s × size. Run with {@code -prof gc} for B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class RecordAeadBenchmark {
    @Param({"AES_128_GCM", "CHACHA20_POLY1305"})
    public String aead;

    @Param({"JDK", "Java", "Default"})
    public String impl;

    @Param({"64", "256", "1024", "16384"})
    public int size;

    @Param({"false", "true"})
    public boolean direct;

    private RecordAead sealer;
    private RecordAead opener;
    private final byte[] nonce = new byte[12];
    private final byte[] aad = {23, 3, 3, 0x40, 0x11};
    private ByteBuffer plain;
    private ByteBuffer sealed;
    private ByteBuffer opened;

    @Setup
    public void setUp() throws Exception {
        CipherSuite.Aead algorithm = CipherSuite.Aead.valueOf(aead);
        byte[] key = new byte[algorithm.keyLength()];
        key[0] = 1;
        sealer = newAead(algorithm, key);
        opener = newAead(algorithm, key);
        plain = allocate(size);
        for (int i = 0; i < size; i++) {
            plain.put(i, (byte) i);
        }
        sealed = allocate(size + 17);
        opened = allocate(size + 1);
        if (sealOpen() != size + 1) {
            throw new IllegalStateException(impl + " " + aead + ": round trip lost bytes");
        }
        for (int i = 0; i < size; i++) {
            if (opened.get(i) != (byte) i) {
                throw new IllegalStateException(impl + " " + aead + ": round trip changed byte " + i);
            }
        }
    }

    private ByteBuffer allocate(int capacity) {
        return direct ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
    }

    private RecordAead newAead(CipherSuite.Aead algorithm, byte[] key) {
        switch (impl) {
            case "Java":
                if (algorithm != CipherSuite.Aead.CHACHA20_POLY1305) {
                    throw new NotApplicable("AES-GCM runs on the JDK's Cipher only (JavaGhashAesGcm removed 2026-12-07)");
                }
                return MeasuredDefaultBackend.javaChaCha20Poly1305(key);
            case "Default":
                return CryptoBackend.defaultBackend().newAead(algorithm, key);
            default:
                return MeasuredDefaultBackend.jdk().newAead(algorithm, key);
        }
    }

    @Benchmark
    public int sealOpen() throws Exception {
        // A fresh nonce per record, as the record layer makes them (the JDK refuses to encrypt twice under one).
        if (++nonce[11] == 0) {
            if (++nonce[10] == 0) {
                nonce[9]++;
            }
        }
        plain.clear();
        sealed.clear();
        sealer.seal(nonce, aad, plain, 23, sealed);
        sealed.flip();
        opened.clear();
        opener.open(nonce, aad, sealed, sealed.remaining(), opened);
        return opened.position();
    }
}
