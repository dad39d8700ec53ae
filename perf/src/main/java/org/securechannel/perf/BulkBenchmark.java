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

/**
 * Application data on an established connection: one write of {@code size} bytes wrapped by the client
 * and unwrapped by the server, per operation. MB/s of plaintext = ops/s × size / 10^6 (the Report tool
 * prints it). Heap and direct buffers, because Conscrypt and the JDK favour different ones.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BulkBenchmark {
    @Param({"SunJSSE", "BCJSSE", "Conscrypt", "SecureChannel"})
    public String provider;

    /** TLS 1.3 suites over the headline handshake; TLS 1.2 ones over its TLS 1.2 twin (ECDHE-ECDSA, x25519). */
    @Param({"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"})
    public String suite;

    @Param({"64", "1024", "16384"})
    public int size;

    @Param({"false", "true"})
    public boolean direct;

    private EnginePair pair;
    private ByteBuffer data;

    @Setup
    public void setUp() throws Exception {
        Handshakes hs = new Handshakes(provider, Handshakes.Variant.headlineFor(suite), suite, direct);
        EnginePair.Buffers buffers = hs.newBuffers(size);
        pair = hs.newPair(buffers).captureHellos();
        pair.handshake();
        pair.pingPong();
        hs.checkNegotiated(pair);
        data = EnginePair.Buffers.allocate(direct, size);
        for (int i = 0; i < size; i++) {
            data.put(i, (byte) i);
        }
        // Correctness before speed: the bytes arrive, and arrive intact.
        if (transfer() != size) {
            throw new IllegalStateException(provider + ": " + size + " bytes sent, fewer received");
        }
    }

    @Benchmark
    public int wrapUnwrap() throws Exception {
        return transfer();
    }

    private int transfer() throws Exception {
        data.clear();
        return pair.send(true, data);
    }
}
