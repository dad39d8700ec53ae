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
 * ChaCha20-Poly1305 record seal + open, the JDK's cipher (through JdkRecordAead) against the pure-Java
 * implementation and the default backend's choice, per record size; MB/s = ops/s × size.
 * MeasuredDefaultBackend picks per JDK from these.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class ChaChaBenchmark {
    @Param({"JDK", "Java", "Default"})
    public String impl;

    @Param({"64", "1024", "16384"})
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
        byte[] key = new byte[32];
        key[0] = 1;
        sealer = newAead(key);
        opener = newAead(key);
        plain = direct ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
        sealed = direct ? ByteBuffer.allocateDirect(size + 17) : ByteBuffer.allocate(size + 17);
        opened = direct ? ByteBuffer.allocateDirect(size + 1) : ByteBuffer.allocate(size + 1);
        if (sealOpen() != size + 1) {
            throw new IllegalStateException(impl + ": round trip lost bytes");
        }
    }

    private RecordAead newAead(byte[] key) {
        switch (impl) {
            case "Java":
                return MeasuredDefaultBackend.javaChaCha20Poly1305(key);
            case "Default":
                return CryptoBackend.defaultBackend().newAead(CipherSuite.Aead.CHACHA20_POLY1305, key);
            default:
                return MeasuredDefaultBackend.jdk().newAead(CipherSuite.Aead.CHACHA20_POLY1305, key);
        }
    }

    @Benchmark
    public int sealOpen() throws Exception {
        // A fresh nonce per record, as the record layer makes them (the JDK's ChaCha20 refuses a repeated one).
        if (++nonce[11] == 0) {
            nonce[10]++;
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
