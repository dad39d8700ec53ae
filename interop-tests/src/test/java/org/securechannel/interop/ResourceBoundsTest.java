package org.securechannel.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.security.Security;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.securechannel.SecureChannelProvider;
import org.securechannel.jsse.EngineLoop;
import org.securechannel.testing.TestPki;

/**
 * Resource bounds against hostile or broken peers, on 127.0.0.1 with ephemeral ports, our SSLServerSocket
 * beside SunJSSE's on the same harness:
 * <ul>
 *   <li>heap retained per connection that has not finished its handshake (idle, then half a ClientHello);</li>
 *   <li>the handshake deadline ({@code org.securechannel.handshakeTimeout}) against a byte-by-byte ClientHello,
 *       and together with SO_TIMEOUT;</li>
 *   <li>disconnects at every byte of a session (mid-ClientHello, mid-flight, mid-record, mid-data, after
 *       close_notify; FIN or reset) leave no thread, buffer or session behind;</li>
 *   <li>many concurrent handshakes on two cores: each completes or fails with a clear exception; p99 latency and
 *       heap with all connections open.</li>
 * </ul>
 * Sizes are small in {@code mvn verify}; the {@code load} profile ({@code mvn -Pload ...}, see perf/RESULTS.md)
 * raises them to 1,000 idle and concurrent connections and 10,000 disconnects. Figures are printed as
 * {@code RESOURCES ...} lines.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ResourceBoundsTest {
    private static final int IDLE = Integer.getInteger("securechannel.load.idle", 200);
    private static final int CONCURRENT = Integer.getInteger("securechannel.load.connections", 200);
    private static final int DISCONNECTS = Integer.getInteger("securechannel.load.disconnects", 2000);
    /** The clients of the concurrency test: SunJSSE (default) or SecureChannel, the same against either server. */
    private static final boolean OUR_CLIENTS = "SecureChannel".equals(System.getProperty("securechannel.load.client"));
    private static final String TIMEOUT_PROPERTY = "org.securechannel.handshakeTimeout";
    private static final String HOST = "server.example";
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private static KeyManager[] serverKeys;
    private static TrustManager[] trust;
    private static String oldTimeout;

    @BeforeAll
    static void pki() throws Exception {
        TestPki ca = TestPki.ca(TestPki.KeyType.EC_P256);
        serverKeys = EngineLoop.keyManagers("PKIX", ca.issue(TestPki.KeyType.EC_P256, HOST));
        trust = EngineLoop.trustManagers(ca.root());
        oldTimeout = Security.getProperty(TIMEOUT_PROPERTY);
    }

    @AfterAll
    static void nothingLeft() {
        Security.setProperty(TIMEOUT_PROPERTY, oldTimeout == null ? "" : oldTimeout);
        assertEquals(List.of(), LoopbackServer.threadsNamed(LoopbackServer.THREAD_PREFIX));
        assertEquals(List.of(), LoopbackServer.threadsNamed("resource-client"));
    }

    private static SSLContext ours(KeyManager[] km) throws Exception {
        return EngineLoop.context(new SecureChannelProvider(), km, trust);
    }

    private static SSLContext sunJsse(KeyManager[] km) throws Exception {
        SSLContext c = SSLContext.getInstance("TLSv1.3", "SunJSSE");
        c.init(km, trust, null);
        return c;
    }

    /** Our server context with the handshake deadline set through the security property. */
    private static SSLContext oursWithHandshakeTimeout(long millis) throws Exception {
        Security.setProperty(TIMEOUT_PROPERTY, String.valueOf(millis));
        try {
            return ours(serverKeys);
        } finally {
            Security.setProperty(TIMEOUT_PROPERTY, oldTimeout == null ? "" : oldTimeout);
        }
    }

    /** A real ClientHello record, as SunJSSE's client sends it. */
    private static byte[] clientHello() throws Exception {
        SSLEngine e = sunJsse(null).createSSLEngine(HOST, 443);
        e.setUseClientMode(true);
        ByteBuffer out = ByteBuffer.allocate(64 * 1024);
        e.wrap(ByteBuffer.allocate(0), out);
        return Arrays.copyOf(out.array(), out.position());
    }

    private static void report(String format, Object... args) {
        System.out.printf("RESOURCES " + format + "%n", args);
    }

    // ================================================================ 1. memory per unfinished handshake

    private record Retained(long idle, long halfHello) {
    }

    @Test
    void connectionsThatHaveNotFinishedTheirHandshakeCostLittleHeap() throws Exception {
        byte[] hello = clientHello();
        long tcp = plainTcp();
        Retained sun = retained(sunJsse(serverKeys), hello);
        Retained ours = retained(ours(serverKeys), hello);
        report("retained heap per connection, %d connections, server thread blocked in startHandshake (JDK %s);",
                IDLE, Runtime.version());
        report("  the same harness over plain TCP (client Socket, server Socket and Thread): %,d B", tcp);
        report("  idle TCP:            SunJSSE %,7d B (TLS %,6d B)   SecureChannel %,7d B (TLS %,6d B)",
                sun.idle(), sun.idle() - tcp, ours.idle(), ours.idle() - tcp);
        report("  half a ClientHello:  SunJSSE %,7d B (TLS %,6d B)   SecureChannel %,7d B (TLS %,6d B)   (hello %d B, %d sent)",
                sun.halfHello(), sun.halfHello() - tcp, ours.halfHello(), ours.halfHello() - tcp, hello.length, hello.length / 2);
        // Both figures include the client's Socket and the server's Thread object, the same on either side.
        assertTrue(ours.idle() < 20_000, "idle connection retains " + ours.idle() + " B");
        assertTrue(ours.halfHello() < 20_000, "a connection with half a ClientHello retains " + ours.halfHello() + " B");
    }

    private static Retained retained(SSLContext server, byte[] hello) throws Exception {
        try (LoopbackServer s = new LoopbackServer(server, IDLE + 64, SSLSocket::startHandshake)) {
            // Warm up: classes loaded and caches filled do not count per connection.
            openThenClose(s, 32, hello);
            long base = LoopbackServer.usedHeapAfterGc();
            List<Socket> clients = new ArrayList<>();
            try {
                for (int i = 0; i < IDLE; i++) {
                    clients.add(new Socket(LOOPBACK, s.port()));
                }
                awaitAccepted(s, 32 + IDLE);
                Thread.sleep(300); // every connection thread is inside startHandshake, in its first read
                long idle = LoopbackServer.usedHeapAfterGc() - base;
                for (Socket c : clients) {
                    c.getOutputStream().write(hello, 0, hello.length / 2);
                }
                Thread.sleep(500);
                long half = LoopbackServer.usedHeapAfterGc() - base;
                assertEquals(IDLE, s.serving(), "every connection is still waiting for the rest of its hello");
                return new Retained(idle / IDLE, half / IDLE);
            } finally {
                clients.forEach(LoopbackServer::closeQuietly);
                assertTrue(s.awaitIdle(20_000), "connection threads end when their peers go");
            }
        }
    }

    /** The harness alone: a plain ServerSocket, a thread per connection blocked in its first read. */
    private static long plainTcp() throws Exception {
        try (java.net.ServerSocket ss = new java.net.ServerSocket(0, IDLE + 64, LOOPBACK)) {
            List<Socket> accepted = java.util.Collections.synchronizedList(new ArrayList<>());
            AtomicInteger serving = new AtomicInteger();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        Socket s = ss.accept();
                        accepted.add(s);
                        serving.incrementAndGet();
                        Thread t = new Thread(() -> {
                            try (s) {
                                s.getInputStream().read();
                            } catch (IOException ignored) {
                                // the peer went
                            } finally {
                                serving.decrementAndGet();
                            }
                        }, LoopbackServer.THREAD_PREFIX + "-tcp");
                        t.setDaemon(true);
                        t.start();
                    }
                } catch (IOException closed) {
                    // done
                }
            }, LoopbackServer.THREAD_PREFIX + "-tcp-accept");
            acceptor.setDaemon(true);
            acceptor.start();
            long base = LoopbackServer.usedHeapAfterGc();
            List<Socket> clients = new ArrayList<>();
            try {
                for (int i = 0; i < IDLE; i++) {
                    clients.add(new Socket(LOOPBACK, ss.getLocalPort()));
                }
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (serving.get() < IDLE && System.nanoTime() < end) {
                    Thread.sleep(10);
                }
                Thread.sleep(300);
                return (LoopbackServer.usedHeapAfterGc() - base) / IDLE;
            } finally {
                clients.forEach(LoopbackServer::closeQuietly);
                ss.close();
                acceptor.join(5000);
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (serving.get() > 0 && System.nanoTime() < end) {
                    Thread.sleep(10);
                }
            }
        }
    }

    private static void openThenClose(LoopbackServer s, int n, byte[] hello) throws Exception {
        int before = s.accepted();
        List<Socket> clients = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Socket c = new Socket(LOOPBACK, s.port());
            c.getOutputStream().write(hello, 0, hello.length / 2);
            clients.add(c);
        }
        awaitAccepted(s, before + n);
        Thread.sleep(100);
        clients.forEach(LoopbackServer::closeQuietly);
        assertTrue(s.awaitIdle(20_000));
    }

    private static void awaitAccepted(LoopbackServer s, int n) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (s.accepted() < n && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertEquals(n, s.accepted(), "connections accepted");
    }

    // ================================================================ 2. the handshake deadline

    @Test
    void aClientHelloSentByteByByteIsAbandonedAtTheDeadline() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong tookMillis = new AtomicLong();
        AtomicReference<SSLSocket> serverSide = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        byte[] hello = clientHello();
        try (LoopbackServer server = new LoopbackServer(oursWithHandshakeTimeout(1000), 50, s -> {
            serverSide.set(s);
            long start = System.nanoTime();
            try {
                s.startHandshake();
            } catch (IOException e) {
                failure.set(e);
                throw e;
            } finally {
                tookMillis.set(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                done.countDown();
            }
        })) {
            try (Socket slow = new Socket(LOOPBACK, server.port())) {
                slow.setSoTimeout(10_000);
                OutputStream out = slow.getOutputStream();
                // One byte every 50 ms: the whole hello would take hello.length / 20 seconds.
                for (int i = 0; i < hello.length && done.getCount() > 0; i++) {
                    try {
                        out.write(hello[i]);
                        out.flush();
                    } catch (IOException closedByServer) {
                        break;
                    }
                    Thread.sleep(50);
                }
                assertTrue(done.await(10, TimeUnit.SECONDS), "the server gave up");
                assertInstanceOf(SSLHandshakeException.class, failure.get());
                assertInstanceOf(SocketTimeoutException.class, failure.get().getCause());
                assertTrue(tookMillis.get() >= 950 && tookMillis.get() < 5000, "gave up after " + tookMillis.get() + " ms");
                assertTrue(serverSide.get().isClosed(), "the server socket is closed");
                assertEquals(-1, readOrEnd(slow), "the client sees the connection end");
                report("byte-by-byte ClientHello: abandoned after %d ms (deadline 1000 ms): %s", tookMillis.get(), failure.get());
            }
            assertTrue(server.awaitIdle(5000));
        }
    }

    @Test
    void soTimeoutStillAppliesWithinTheDeadline() throws Exception {
        AtomicInteger soTimeouts = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong tookMillis = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        try (LoopbackServer server = new LoopbackServer(oursWithHandshakeTimeout(1200), 50, s -> {
            s.setSoTimeout(250);
            long start = System.nanoTime();
            try {
                while (true) {
                    try {
                        s.startHandshake();
                        return;
                    } catch (SocketTimeoutException e) {
                        assertFalse(s.isClosed(), "SO_TIMEOUT leaves the socket usable");
                        soTimeouts.incrementAndGet();
                    }
                }
            } catch (IOException e) {
                failure.set(e);
            } finally {
                tookMillis.set(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                done.countDown();
            }
        }); Socket silent = new Socket(LOOPBACK, server.port())) {
            silent.setSoTimeout(10_000);
            assertTrue(done.await(10, TimeUnit.SECONDS));
            assertTrue(soTimeouts.get() >= 3, soTimeouts.get() + " SO_TIMEOUTs before the deadline");
            assertInstanceOf(SSLHandshakeException.class, failure.get());
            assertTrue(tookMillis.get() >= 1150 && tookMillis.get() < 5000, "deadline after " + tookMillis.get() + " ms");
            assertEquals(-1, readOrEnd(silent));
            assertTrue(server.awaitIdle(5000));
        }
    }

    private static int readOrEnd(Socket s) {
        try {
            return s.getInputStream().read();
        } catch (SocketException reset) {
            return -1;
        } catch (IOException e) {
            throw new AssertionError("the connection did not end: " + e, e);
        }
    }

    // ================================================================ 3. disconnects at every point

    /** A plain socket whose output is cut after {@code budget} bytes: it then closes (FIN, or a reset). */
    private static final class CuttingSocket extends Socket {
        private final long budget;
        private final boolean reset;
        private long written;
        private OutputStream out;

        CuttingSocket(long budget, boolean reset) {
            this.budget = budget;
            this.reset = reset;
        }

        long written() {
            return written;
        }

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (out == null) {
                OutputStream raw = super.getOutputStream();
                out = new OutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        write(new byte[] {(byte) b}, 0, 1);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        int n = (int) Math.min(len, budget - written);
                        if (n > 0) {
                            raw.write(b, off, n);
                            written += n;
                        }
                        if (n < len) {
                            close();
                            throw new SocketException("cut after " + written + " bytes");
                        }
                    }

                    @Override
                    public void flush() throws IOException {
                        raw.flush();
                    }

                    @Override
                    public void close() throws IOException {
                        CuttingSocket.this.close();
                    }
                };
            }
            return out;
        }

        @Override
        public synchronized void close() throws IOException {
            if (reset && !isClosed()) {
                try {
                    setSoLinger(true, 0);
                } catch (SocketException ignored) {
                    // closing anyway
                }
            }
            super.close();
        }
    }

    /** One client session, cut after {@code budget} bytes: handshake, 64 bytes echoed, close_notify. */
    private static long session(SSLContext client, int port, long budget, boolean reset, byte[] data) {
        CuttingSocket raw = new CuttingSocket(budget, reset);
        try {
            raw.connect(new InetSocketAddress(LOOPBACK, port), 10_000);
            raw.setSoTimeout(10_000);
            SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket(raw, HOST, port, true);
            s.startHandshake();
            s.getOutputStream().write(data);
            InputStream in = s.getInputStream();
            for (int got = 0; got < data.length;) {
                int n = in.read(new byte[data.length], 0, data.length - got);
                if (n < 0) {
                    break;
                }
                got += n;
            }
            s.close(); // close_notify, then FIN or reset
        } catch (IOException cut) {
            // the point of the exercise
        } finally {
            LoopbackServer.closeQuietly(raw);
        }
        return raw.written();
    }

    @Test
    void disconnectsAtEveryPointLeaveNoThreadBufferOrSession() throws Exception {
        SSLContext serverContext = ours(serverKeys);
        serverContext.getServerSessionContext().setSessionCacheSize(64);
        SSLContext client = ours(null);
        client.getClientSessionContext().setSessionCacheSize(64);
        AtomicInteger completed = new AtomicInteger();
        byte[] data = new byte[64];
        new Random(1).nextBytes(data);
        ExecutorService clients = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "resource-client");
            t.setDaemon(true);
            return t;
        });
        try (LoopbackServer server = new LoopbackServer(serverContext, 256, s -> {
            s.setSoTimeout(10_000);
            s.startHandshake();
            completed.incrementAndGet();
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            byte[] buf = new byte[256];
            for (int n; (n = in.read(buf)) > 0;) {
                out.write(buf, 0, n);
            }
        })) {
            long total = session(client, server.port(), Long.MAX_VALUE, false, data);
            assertTrue(server.awaitIdle(10_000));
            assertEquals(1, completed.get(), "an uncut session completes");
            int warm = Math.max(200, DISCONNECTS / 10);
            runCuts(clients, client, server, warm, total, data, 1);
            assertTrue(server.awaitIdle(20_000), server.serving() + " connection threads left");
            int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
            long heapBefore = LoopbackServer.usedHeapAfterGc();
            long start = System.nanoTime();
            runCuts(clients, client, server, DISCONNECTS - warm, total, data, 2);
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            assertTrue(server.awaitIdle(20_000), server.serving() + " connection threads left");
            long heapAfter = LoopbackServer.usedHeapAfterGc();
            int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
            report("disconnects: %d sessions cut at random points of %d client bytes (FIN or reset) in %d s after %d warm-up; "
                            + "%d handshakes completed, %d server connections ended in an IOException; threads %d -> %d; "
                            + "heap after GC %,d -> %,d B (%+,d B)",
                    DISCONNECTS - warm, total, seconds, warm, completed.get(), server.ioExceptions(), threadsBefore, threadsAfter,
                    heapBefore, heapAfter, heapAfter - heapBefore);
            assertEquals(List.of(), server.unexpected(), "only IOExceptions from broken peers");
            assertTrue(threadsAfter <= threadsBefore + 2, "threads " + threadsBefore + " -> " + threadsAfter);
            long allowed = 1_000_000 + 16L * DISCONNECTS; // 16 B per session would still be noise, not a leak
            assertTrue(heapAfter - heapBefore < allowed, "heap grew by " + (heapAfter - heapBefore) + " B");
            assertTrue(serverSessions(serverContext) <= 64, "the session cache keeps its bound");
            assertTrue(completed.get() > DISCONNECTS / 10, "some sessions got past the handshake: " + completed.get());
        } finally {
            clients.shutdownNow();
            assertTrue(clients.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    private static int serverSessions(SSLContext c) {
        return java.util.Collections.list(c.getServerSessionContext().getIds()).size();
    }

    private static void runCuts(ExecutorService clients, SSLContext client, LoopbackServer server, int n, long total,
                                byte[] data, long seed) throws Exception {
        Random random = new Random(seed);
        List<Future<Long>> sessions = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // Every byte offset of the session, plus whole sessions (cut after close_notify, by FIN or reset).
            long budget = random.nextInt(8) == 0 ? Long.MAX_VALUE : random.nextInt((int) total + 1);
            boolean reset = random.nextBoolean();
            sessions.add(clients.submit(() -> session(client, server.port(), budget, reset, data)));
        }
        for (Future<Long> f : sessions) {
            f.get(60, TimeUnit.SECONDS);
        }
    }

    // ================================================================ 4. many concurrent handshakes

    /** Latencies in microseconds: of startHandshake on a connected socket, and of connect + handshake. */
    private record Concurrent(int completed, List<Throwable> failures, long p50Micros, long p99Micros, long maxMicros,
                              long p99WithConnectMicros, long wallMillis, long heapPerConnection) {
    }

    @Test
    void concurrentHandshakesAllCompleteOrFailClearly() throws Exception {
        Concurrent sun = concurrent(sunJsse(serverKeys), CONCURRENT);
        Concurrent ours = concurrent(ours(serverKeys), CONCURRENT);
        report("%d concurrent connections, thread per connection on both sides, %s clients (JDK %s, %d cores):",
                CONCURRENT, OUR_CLIENTS ? "SecureChannel" : "SunJSSE", Runtime.version(), Runtime.getRuntime().availableProcessors());
        for (var e : List.of(List.of("SunJSSE", sun), List.of("SecureChannel", ours))) {
            Concurrent c = (Concurrent) e.get(1);
            report("  %-13s server: %d completed, %d failed; handshake latency p50 %,d us, p99 %,d us, max %,d us "
                            + "(p99 with connect %,d us); all done in %,d ms; heap with all open %,d B per connection "
                            + "(client + server)%s",
                    e.get(0), c.completed(), c.failures().size(), c.p50Micros(), c.p99Micros(), c.maxMicros(),
                    c.p99WithConnectMicros(), c.wallMillis(), c.heapPerConnection(),
                    c.failures().isEmpty() ? "" : "; first failure: " + c.failures().get(0));
        }
        assertEquals(List.of(), ours.failures().stream().filter(t -> t.getMessage() == null).toList(),
                "every failure says what happened");
        assertEquals(CONCURRENT, ours.completed() + ours.failures().size());
        assertTrue(ours.completed() >= CONCURRENT * 95 / 100, ours.completed() + " of " + CONCURRENT + " completed: " + ours.failures());
    }

    private static Concurrent concurrent(SSLContext serverContext, int n) throws Exception {
        SSLContext client = OUR_CLIENTS ? ours(null) : sunJsse(null);
        long[] latencies = new long[n];
        long[] withConnect = new long[n];
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch established = new CountDownLatch(n);
        CountDownLatch release = new CountDownLatch(1);
        try (LoopbackServer server = new LoopbackServer(serverContext, n + 64, s -> {
            s.setSoTimeout(120_000);
            s.startHandshake();
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            for (int b; (b = in.read()) >= 0;) {
                out.write(b);
            }
        })) {
            long base = LoopbackServer.usedHeapAfterGc();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Thread t = new Thread(() -> {
                    SSLSocket s = null;
                    try {
                        ready.countDown();
                        go.await();
                        long start = System.nanoTime();
                        s = (SSLSocket) client.getSocketFactory().createSocket(LOOPBACK, server.port());
                        s.setSoTimeout(120_000);
                        long connected = System.nanoTime();
                        s.startHandshake();
                        long done = System.nanoTime();
                        latencies[index] = done - connected;
                        withConnect[index] = done - start;
                        s.getOutputStream().write(7);
                        if (s.getInputStream().read() != 7) {
                            throw new IOException("no echo");
                        }
                    } catch (Exception e) {
                        latencies[index] = -1;
                        withConnect[index] = -1;
                        failures.add(e);
                    } finally {
                        established.countDown();
                    }
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    if (s != null) {
                        LoopbackServer.closeQuietly(s);
                    }
                }, "resource-client-" + i);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
            ready.await();
            long start = System.nanoTime();
            go.countDown();
            boolean all = established.await(150, TimeUnit.SECONDS);
            long wall = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            long heap = LoopbackServer.usedHeapAfterGc() - base;
            release.countDown();
            for (Thread t : threads) {
                t.join(30_000);
            }
            assertTrue(all, "every client finished or failed");
            assertTrue(server.awaitIdle(30_000));
            long[] ok = Arrays.stream(latencies).filter(l -> l > 0).sorted().toArray();
            long[] okWithConnect = Arrays.stream(withConnect).filter(l -> l > 0).sorted().toArray();
            return new Concurrent(ok.length, List.copyOf(failures), percentile(ok, 50), percentile(ok, 99),
                    ok.length == 0 ? 0 : ok[ok.length - 1] / 1000, percentile(okWithConnect, 99), wall, heap / n);
        }
    }

    private static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1000;
    }
}
