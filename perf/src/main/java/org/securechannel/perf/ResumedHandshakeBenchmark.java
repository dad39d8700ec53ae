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
 * TLS 1.2 session-ID resumed handshakes per second (RFC 5246 §7.3 abbreviated handshake), the same
 * operation as {@link FullHandshakeBenchmark}'s: create both engines, handshake, one byte each way,
 * close_notify both ways. The client engine names a peer host and port, so each provider's client cache
 * offers the session of the connection before; set-up proves every connection resumed it by its ID
 * (ClientHello offers the id and no ticket, ServerHello echoes it, no chain checked).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Djdk.tls.client.enableSessionTicketExtension=false",
        "-Djdk.tls.server.enableSessionTicketExtension=false"})
public class ResumedHandshakeBenchmark {
    static {
        // SunJSSE resumes TLS 1.2 with stateless tickets (RFC 5077) by default; this benchmark measures
        // session-ID resumption. Read once per JVM when SunJSSE initialises; also given on the fork's command
        // line, since a -jvmArgsAppend option replaces the annotation's. The ClientHello check catches a miss.
        System.setProperty("jdk.tls.client.enableSessionTicketExtension", "false");
        System.setProperty("jdk.tls.server.enableSessionTicketExtension", "false");
    }

    @Param({"SunJSSE", "BCJSSE", "Conscrypt", "SecureChannel"})
    public String provider;

    private Handshakes handshakes;
    private EnginePair.Buffers buffers;

    @Setup
    public void setUp() throws Exception {
        // The TLS 1.2 twin of the headline; no variant parameter, so that one invocation can name TLS 1.3
        // variants for FullHandshakeBenchmark beside this one.
        Handshakes.Variant v = Handshakes.Variant.TLS12_ECDSA_P256_X25519;
        handshakes = new Handshakes(provider, v, v.defaultSuite(), false, true);
        buffers = handshakes.newBuffers(1024);
        handshakes.verify(buffers, 3);
    }

    @Benchmark
    public Object resumedHandshake() throws Exception {
        return handshakes.connection(buffers, false);
    }
}
