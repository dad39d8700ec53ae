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
import org.securechannel.context.Credentials;
import org.securechannel.testing.TestPki.KeyType;

/**
 * SecureChannel's own token API (SecurityContext step/encrypt/decrypt) beside its SSLEngine, same
 * certificates and suite: the difference is what the JSSE adapter costs. Headline handshake (ECDSA P-256,
 * x25519, AES-128-GCM) and writes of 64 B, 1 KiB and 16 KiB on heap buffers (the handshake does not depend on
 * {@code size}; run it with one size).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EngineApiBenchmark {
    @Param({"SecurityContext", "SSLEngine"})
    public String api;

    @Param({"64", "1024", "16384"})
    public int size;

    private Credentials clientCredentials;
    private Credentials serverCredentials;
    private ByteBuffer toServer;
    private ByteBuffer toClient;
    private ByteBuffer app;
    private Handshakes handshakes;
    private EnginePair.Buffers buffers;
    private ContextPairDriver established;
    private EnginePair establishedEngines;
    private ByteBuffer data;

    @Setup
    public void setUp() throws Exception {
        data = ByteBuffer.allocate(size);
        if ("SSLEngine".equals(api)) {
            handshakes = new Handshakes(Providers.SECURECHANNEL, Handshakes.Variant.ECDSA_P256_X25519,
                    "TLS_AES_128_GCM_SHA256", false);
            buffers = handshakes.newBuffers(16384);
            handshakes.verify(buffers, 2);
            establishedEngines = handshakes.newPair(handshakes.newBuffers(16384));
            establishedEngines.handshake();
            establishedEngines.pingPong();
        } else {
            Pki.Identity id = Pki.issue(KeyType.EC_P256);
            // x25519 as the SSLEngine side (Handshakes pins it): the default would be X25519MLKEM768.
            serverCredentials = Credentials.server().certificate(id.chain(), id.key())
                    .cipherSuites(CipherSuite.TLS_AES_128_GCM_SHA256).groups(org.securechannel.codec.NamedGroup.X25519).build();
            clientCredentials = Credentials.client().trustAnchors(java.util.List.of(id.root()))
                    .cipherSuites(CipherSuite.TLS_AES_128_GCM_SHA256).groups(org.securechannel.codec.NamedGroup.X25519).build();
            toServer = ByteBuffer.allocate(8 * 17 * 1024);
            toClient = ByteBuffer.allocate(8 * 17 * 1024);
            app = ByteBuffer.allocate(17 * 1024);
            ContextPairDriver check = connection();
            if (check.client.connectionInfo().cipherSuite() != CipherSuite.TLS_AES_128_GCM_SHA256
                    || check.client.connectionInfo().group() != org.securechannel.codec.NamedGroup.X25519) {
                throw new IllegalStateException("not the headline handshake: " + check.client.connectionInfo());
            }
            check.close();
            established = new ContextPairDriver(clientCredentials, serverCredentials, ByteBuffer.allocate(8 * 17 * 1024),
                    ByteBuffer.allocate(8 * 17 * 1024), ByteBuffer.allocate(17 * 1024));
            established.handshake();
            established.send(true, ByteBuffer.wrap(new byte[] {1}));
            established.send(false, ByteBuffer.wrap(new byte[] {1}));
        }
        if (bulk() != size) {
            throw new IllegalStateException(size + " bytes did not arrive");
        }
    }

    private ContextPairDriver connection() throws Exception {
        ContextPairDriver d = new ContextPairDriver(clientCredentials, serverCredentials, toServer, toClient, app);
        d.handshake();
        ByteBuffer one = ByteBuffer.wrap(new byte[] {'x'});
        if (d.send(true, one) != 1 || d.send(false, one.clear()) != 1) {
            throw new IllegalStateException("one byte did not arrive");
        }
        return d;
    }

    /** Create both sides, handshake, one byte each way, close_notify both ways. */
    @Benchmark
    public Object fullHandshake() throws Exception {
        if (handshakes != null) {
            return handshakes.connection(buffers, false);
        }
        ContextPairDriver d = connection();
        d.close();
        return d;
    }

    @Benchmark
    public int bulk() throws Exception {
        data.clear();
        return establishedEngines != null ? establishedEngines.send(true, data) : established.send(true, data);
    }
}
