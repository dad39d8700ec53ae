package org.securechannel.jsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.security.Provider;
import java.security.Security;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.securechannel.SecureChannelProvider;
import org.securechannel.testing.TestPki;

/**
 * One wrapping and one unwrapping thread per engine at once, as HttpClient and Jetty drive engines: data
 * both ways stays intact, including across a KeyUpdate asked for mid-stream (beginHandshake after the
 * handshake), which takes the engine's both-locks path while the other direction keeps going.
 */
class EngineConcurrencyTest {
    private static final Provider SUN = Security.getProvider("SunJSSE");
    private static final Provider OURS = new SecureChannelProvider();
    private static final byte[] END = new byte[0];
    private static TestPki ca;
    private static TestPki.Issued serverId;

    record Pair(String name, Provider client, Provider server) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Pair> pairs() {
        return Stream.of(new Pair("SecureChannel<->SecureChannel", OURS, OURS),
                new Pair("SecureChannel client<->SunJSSE server", OURS, SUN),
                new Pair("SunJSSE client<->SecureChannel server", SUN, OURS));
    }

    @BeforeAll
    static void pki() {
        ca = TestPki.ca(TestPki.KeyType.EC_P256);
        serverId = ca.issue(TestPki.KeyType.EC_P256, "server.example");
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void oneWriterAndOneReaderPerEngine(Pair pair) throws Exception {
        SSLEngine client = EngineLoop.context(pair.client(), null, EngineLoop.trustManagers(ca.root()))
                .createSSLEngine("server.example", 443);
        client.setUseClientMode(true);
        SSLEngine server = EngineLoop.context(pair.server(), EngineLoop.keyManagers("SunX509", serverId), null).createSSLEngine();
        server.setUseClientMode(false);
        EngineLoop loop = new EngineLoop(client, server).handshake();
        // SunJSSE's server sends a NewSessionTicket after the handshake; let it arrive before the threads start.
        loop.send(server, new byte[] {0});
        byte[] toServer = random(400_000, 1);
        byte[] toClient = random(300_000, 2);
        BlockingQueue<byte[]> wireToServer = new LinkedBlockingQueue<>();
        BlockingQueue<byte[]> wireToClient = new LinkedBlockingQueue<>();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> done = new ArrayList<>();
            done.add(threads.submit(writer(client, toServer, wireToServer)));
            done.add(threads.submit(writer(server, toClient, wireToClient)));
            Future<byte[]> atServer = threads.submit(reader(server, wireToServer, toServer.length));
            Future<byte[]> atClient = threads.submit(reader(client, wireToClient, toClient.length));
            for (Future<byte[]> f : done) {
                f.get(20, TimeUnit.SECONDS);
            }
            assertArrayEquals(toServer, atServer.get(20, TimeUnit.SECONDS));
            assertArrayEquals(toClient, atClient.get(20, TimeUnit.SECONDS));
        } finally {
            threads.shutdownNow();
            assertEquals(true, threads.awaitTermination(5, TimeUnit.SECONDS));
        }
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Wraps {@code data} in uneven slices, asking for a KeyUpdate halfway; each wrap's output is one wire chunk. */
    private static Callable<byte[]> writer(SSLEngine engine, byte[] data, BlockingQueue<byte[]> wire) {
        return () -> {
            ByteBuffer src = ByteBuffer.wrap(data);
            Random sizes = new Random(data.length);
            boolean updated = false;
            ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            while (src.hasRemaining()) {
                if (!updated && src.position() > data.length / 2) {
                    engine.beginHandshake(); // TLS 1.3: a KeyUpdate, sent before the next data
                    updated = true;
                }
                ByteBuffer slice = src.duplicate();
                slice.limit(Math.min(src.limit(), src.position() + 1 + sizes.nextInt(20_000)));
                out.clear();
                SSLEngineResult r = engine.wrap(slice, out);
                if (r.getStatus() != SSLEngineResult.Status.OK) {
                    throw new AssertionError("wrap: " + r);
                }
                src.position(slice.position());
                if (out.position() > 0) {
                    wire.put(java.util.Arrays.copyOf(out.array(), out.position()));
                }
            }
            wire.put(END);
            return null;
        };
    }

    /** Unwraps chunks as they come until {@code expected} bytes of data arrived. */
    private static Callable<byte[]> reader(SSLEngine engine, BlockingQueue<byte[]> wire, int expected) {
        return () -> {
            ByteBuffer in = ByteBuffer.allocate(1 << 20);
            ByteBuffer got = ByteBuffer.allocate(expected + engine.getSession().getApplicationBufferSize());
            while (got.position() < expected) {
                byte[] chunk = wire.poll(10, TimeUnit.SECONDS);
                if (chunk == null || chunk == END && got.position() < expected && in.position() == 0) {
                    throw new AssertionError("stalled after " + got.position() + " of " + expected);
                }
                in.put(chunk);
                in.flip();
                while (in.hasRemaining()) {
                    SSLEngineResult r = engine.unwrap(in, got);
                    Runnable task;
                    while ((task = engine.getDelegatedTask()) != null) {
                        task.run();
                    }
                    if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                        break;
                    }
                    if (r.getStatus() != SSLEngineResult.Status.OK) {
                        throw new AssertionError("unwrap: " + r);
                    }
                }
                in.compact();
            }
            byte[] data = new byte[got.position()];
            got.flip().get(data);
            return data;
        };
    }
}
