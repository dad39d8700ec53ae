package org.securechannel.perf;

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
 * Full TLS 1.3 handshakes per second through the standard SSLEngine API, one thread, in memory: create
 * both engines, handshake, one byte each way, close_notify both ways. Set-up proves every operation is a
 * full handshake of the variant's parameters (trust-manager calls counted, ServerHello decoded).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FullHandshakeBenchmark {
    @Param({"SunJSSE", "BCJSSE", "Conscrypt", "SecureChannel"})
    public String provider;

    @Param({"ECDSA_P256_X25519", "ECDSA_P256_SECP256R1", "RSA2048_X25519", "ED25519_X25519",
            "ECDSA_P256_X25519_CLIENT_AUTH", "TLS12_ECDSA_P256_X25519"})
    public String variant;

    @Param({"false"})
    public boolean direct;

    private Handshakes handshakes;
    private EnginePair.Buffers buffers;

    @Setup
    public void setUp() throws Exception {
        Handshakes.Variant v = Handshakes.Variant.valueOf(variant);
        handshakes = new Handshakes(provider, v, v.defaultSuite(), direct);
        buffers = handshakes.newBuffers(1024);
        handshakes.verify(buffers, 3);
    }

    @Benchmark
    public Object fullHandshake() throws Exception {
        return handshakes.connection(buffers, false);
    }
}
