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
 * TLS 1.3 resumed handshakes per second (RFC 8446 §2.2, psk_dhe_ke with the headline's x25519), the same
 * operation as {@link FullHandshakeBenchmark}'s: create both engines, handshake, one byte each way, close_notify
 * both ways. The client engine names a peer host and port, so each provider's client cache offers a ticket of
 * the connection before; set-up proves every measured connection resumed (pre_shared_key in the ServerHello, no
 * chain checked). A class of its own because {@link ResumedHandshakeBenchmark} turns tickets off for its TLS 1.2
 * session-ID measurement, JVM-wide. BCJSSE has no TLS 1.3 resumption, so it is not a column. Conscrypt's server
 * engines are asked for tickets ({@code Conscrypt.setUseSessionTickets}): by default a Conscrypt server sends none,
 * and its client then has nothing to offer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ResumedTls13HandshakeBenchmark {
    @Param({"SunJSSE", "Conscrypt", "SecureChannel"})
    public String provider;

    private Handshakes handshakes;
    private EnginePair.Buffers buffers;

    @Setup
    public void setUp() throws Exception {
        Handshakes.Variant v = Handshakes.Variant.ECDSA_P256_X25519;
        handshakes = new Handshakes(provider, v, v.defaultSuite(), false, true);
        buffers = handshakes.newBuffers(1024);
        handshakes.verify(buffers, 3);
    }

    @Benchmark
    public Object resumedHandshake() throws Exception {
        return handshakes.connection(buffers, false);
    }
}
