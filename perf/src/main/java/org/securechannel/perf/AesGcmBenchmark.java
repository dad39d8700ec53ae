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
 * AES-GCM record seal + open: the JDK's {@code AES/GCM/NoPadding} (through JdkRecordAead, one init per
 * record) against JavaGhashAesGcm (the JDK's AES/ECB for the counter blocks, our GHASH) and the default
 * backend's choice, per record size; MB/s = ops/s × size. SizeSplitAesGcm's threshold comes from these.
 * Run with {@code -prof gc} for B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class AesGcmBenchmark {
    @Param({"JDK", "Java", "Default"})
    public String impl;

    @Param({"AES_128_GCM"})
    public String aead;

    @Param({"64", "256", "512", "1024", "16384"})
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
        plain = direct ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
        for (int i = 0; i < size; i++) {
            plain.put(i, (byte) i);
        }
        sealed = direct ? ByteBuffer.allocateDirect(size + 17) : ByteBuffer.allocate(size + 17);
        opened = direct ? ByteBuffer.allocateDirect(size + 1) : ByteBuffer.allocate(size + 1);
        if (sealOpen() != size + 1) {
            throw new IllegalStateException(impl + ": round trip lost bytes");
        }
        for (int i = 0; i < size; i++) {
            if (opened.get(i) != (byte) i) {
                throw new IllegalStateException(impl + ": round trip changed byte " + i);
            }
        }
    }

    private RecordAead newAead(CipherSuite.Aead algorithm, byte[] key) {
        switch (impl) {
            case "Java":
                return MeasuredDefaultBackend.javaAesGcm(algorithm, key);
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
