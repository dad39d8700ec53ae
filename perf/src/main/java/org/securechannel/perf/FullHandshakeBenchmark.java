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
 *
 * <p>{@code harness} (issue 16, "figures others can reproduce"): {@code checked} (the default) builds each
 * provider with its own factories and a counting trust manager ({@link Handshakes}); {@code plain} is the same
 * operation as a harness written elsewhere builds it ({@link PlainHandshakes}: the JDK's default key and trust
 * manager factories, unwrapped, x25519), {@code defaults} is {@code plain} with every provider's default
 * groups and suites (SecureChannel then negotiates X25519MLKEM768 with itself), and {@code notickets} is
 * {@code plain} with the servers' session tickets turned off where the JDK property does it. Only the headline
 * variant has them; select with {@code -p harness=checked,plain,defaults,notickets -p variant=ECDSA_P256_X25519}.
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

    @Param({"checked"})
    public String harness;

    private Handshakes handshakes;
    private PlainHandshakes plain;
    private EnginePair.Buffers buffers;

    @Setup
    public void setUp() throws Exception {
        Handshakes.Variant v = Handshakes.Variant.valueOf(variant);
        if (!"checked".equals(harness)) {
            if (v != Handshakes.Variant.ECDSA_P256_X25519 || direct
                    || !java.util.List.of("plain", "defaults", "notickets").contains(harness)) {
                throw new NotApplicable("harness " + harness + " runs the headline variant on heap buffers only");
            }
            plain = new PlainHandshakes(provider, !"defaults".equals(harness), !"notickets".equals(harness));
            buffers = plain.newBuffers();
            System.out.println(plain.verify(buffers, 3));
            return;
        }
        handshakes = new Handshakes(provider, v, v.defaultSuite(), direct);
        buffers = handshakes.newBuffers(1024);
        handshakes.verify(buffers, 3);
    }

    @Benchmark
    public Object fullHandshake() throws Exception {
        return plain != null ? plain.connection(buffers) : handshakes.connection(buffers, false);
    }
}
