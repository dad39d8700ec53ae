package org.securechannel.jsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.HandshakeCompletedEvent;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.securechannel.SecureChannelProvider;
import org.securechannel.jca.SecurityContextKey;
import org.securechannel.testing.TestPki;

/**
 * SSLSocket and SSLServerSocket over the security context, on loopback: against each other and against
 * SunJSSE's sockets, layered, with consumed bytes, listeners, timeouts, half-close, two threads at once,
 * and failures mid-handshake that must neither hang nor leak threads.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SocketTest {
    private static final Provider PROVIDER = new SecureChannelProvider();
    private static final String HOST = "server.example";
    private static TestPki.Issued serverId;
    private static TestPki.Issued expiredId;
    private static TestPki.Issued strangerId;
    private static X509Certificate root;
    private static TrustManager[] trust;
    private static ExecutorService pool;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeAll
    static void pki() throws Exception {
        TestPki ca = TestPki.ca(TestPki.KeyType.EC_P256);
        root = ca.root();
        serverId = ca.issue(TestPki.KeyType.EC_P256, HOST);
        expiredId = ca.issue(TestPki.KeyType.EC_P256, o -> o.dnsNames(HOST).expiredDaysAgo(3));
        strangerId = TestPki.selfSigned(TestPki.KeyType.EC_P256, HOST);
        trust = EngineLoop.trustManagers(root);
        pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "socket-test");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterAll
    static void noLeakedThreads() throws Exception {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(5, TimeUnit.SECONDS));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<String> ours;
        do {
            ours = new ArrayList<>();
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.isAlive() && (t.getName().startsWith("socket-test") || t.getName().startsWith("SecureChannel"))) {
                    ours.add(t.getName());
                }
            }
            if (ours.isEmpty()) {
                return;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("threads left running: " + ours);
    }

    @AfterEach
    void closeAll() {
        Collections.reverse(toClose);
        for (AutoCloseable c : toClose) {
            try {
                c.close();
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    private <T extends AutoCloseable> T closing(T c) {
        toClose.add(c);
        return c;
    }

    static SSLContext ours(TestPki.Issued identity, TrustManager[] tm) throws Exception {
        KeyManager[] km = identity == null ? null : EngineLoop.keyManagers("PKIX", identity);
        return EngineLoop.context(PROVIDER, km, tm);
    }

    static SSLContext sunJsse(TestPki.Issued identity, TrustManager[] tm) throws Exception {
        SSLContext c = SSLContext.getInstance("TLSv1.3", "SunJSSE");
        c.init(identity == null ? null : EngineLoop.keyManagers("PKIX", identity), tm, null);
        return c;
    }

    private SSLServerSocket listen(SSLContext ctx) throws IOException {
        return closing((SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    }

    /** Accepts one connection and answers each line with the line upper-cased, until the peer closes. */
    private Future<SSLSocket> echoUpper(ServerSocket ss) {
        return pool.submit(() -> {
            SSLSocket s = (SSLSocket) closing(ss.accept());
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                if (b == '\n') {
                    out.write((line.toString(StandardCharsets.UTF_8).toUpperCase() + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    line.reset();
                } else {
                    line.write(b);
                }
            }
            return s;
        });
    }

    private static String exchange(Socket s, String text) throws IOException {
        s.getOutputStream().write((text + "\n").getBytes(StandardCharsets.UTF_8));
        s.getOutputStream().flush();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = s.getInputStream().read()) >= 0 && b != '\n') {
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    private SSLSocket layeredClient(SSLContext ctx, int port, String host) throws IOException {
        Socket plain = closing(new Socket(InetAddress.getLoopbackAddress(), port));
        return closing((SSLSocket) ctx.getSocketFactory().createSocket(plain, host, port, true));
    }

    // ================================================================ working connections

    @Test
    void socketToSocketWithSessionListenerAndContextKey() throws Exception {
        SSLServerSocket ss = listen(ours(serverId, trust));
        Future<SSLSocket> server = echoUpper(ss);
        SSLSocket c = closing((SSLSocket) ours(null, trust).getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), ss.getLocalPort()));
        assertEquals("org.securechannel.jsse.SecureChannelSocket", c.getClass().getName());
        List<HandshakeCompletedEvent> events = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch heard = new CountDownLatch(1);
        c.addHandshakeCompletedListener(e -> {
            events.add(e);
            heard.countDown();
        });
        assertEquals("HELLO", exchange(c, "hello")); // implicit handshake on the first write
        c.startHandshake(); // a second one is a KeyUpdate, not a second handshake event
        assertEquals("AGAIN", exchange(c, "again"));
        assertTrue(heard.await(5, TimeUnit.SECONDS));
        Thread.sleep(100);
        assertEquals(1, events.size());
        assertSame(c, events.get(0).getSocket());
        SSLSession session = c.getSession();
        assertSame(session, events.get(0).getSession());
        assertInstanceOf(SecureChannelSession.class, session);
        assertEquals("TLSv1.3", session.getProtocol());
        assertEquals("TLS_AES_128_GCM_SHA256", session.getCipherSuite());
        assertEquals(serverId.leaf(), session.getPeerCertificates()[0]);
        assertTrue(session.isValid());
        assertEquals("", c.getApplicationProtocol());
        assertNull(c.getHandshakeSession());
        assertNotNull(SecurityContextKey.of(c));
        assertSame(((SecureChannelSocket) c).securityContext(), ((SecureChannelSession) session).securityContext());
        c.close();
        SSLSocket s = server.get(5, TimeUnit.SECONDS);
        assertEquals(serverId.leaf(), s.getSession().getLocalCertificates()[0]);
        assertTrue(c.isClosed());
    }

    @Test
    void layeredClientSendsSniAndIdentifiesTheEndpoint() throws Exception {
        SSLServerSocket ss = listen(ours(serverId, trust));
        Future<SSLSocket> server = echoUpper(ss);
        AtomicReference<SSLSession> seenDuringHandshake = new AtomicReference<>();
        X509ExtendedTrustManager pkix = (X509ExtendedTrustManager) trust[0];
        TrustManager spy = new X509ExtendedTrustManager() {
            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
                seenDuringHandshake.set(((SSLSocket) socket).getHandshakeSession());
                pkix.checkServerTrusted(chain, authType, socket);
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
                pkix.checkClientTrusted(chain, authType, socket);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
                throw new CertificateException("sockets must be passed, not engines");
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
                throw new CertificateException("sockets must be passed, not engines");
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                throw new CertificateException("the socket form must be used");
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                throw new CertificateException("the socket form must be used");
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return pkix.getAcceptedIssuers();
            }
        };
        SSLSocket c = layeredClient(ours(null, new TrustManager[] {spy}), ss.getLocalPort(), HOST);
        SSLParameters p = c.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        c.setSSLParameters(p);
        c.startHandshake();
        assertNotNull(seenDuringHandshake.get());
        assertEquals(HOST, seenDuringHandshake.get().getPeerHost());
        assertEquals("WORKS", exchange(c, "works"));
        c.close();
        SSLSocket s = server.get(5, TimeUnit.SECONDS);
        assertEquals(List.of(new SNIHostName(HOST)), ((ExtendedSSLSession) s.getSession()).getRequestedServerNames());
    }

    @Test
    void wrongHostNameFailsEndpointIdentification() throws Exception {
        SSLServerSocket ss = listen(ours(serverId, trust));
        Future<?> server = pool.submit(() -> {
            ((SSLSocket) closing(ss.accept())).startHandshake();
            return null;
        });
        SSLSocket c = layeredClient(ours(null, trust), ss.getLocalPort(), "other.example");
        SSLParameters p = c.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        c.setSSLParameters(p);
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, c::startHandshake);
        assertTrue(e.getMessage().contains("other.example"), e.getMessage());
        assertFalse(c.getSession().isValid());
        assertEquals("SSL_NULL_WITH_NULL_NULL", c.getSession().getCipherSuite());
        assertTrue(c.isClosed());
        Exception serverSide = assertThrows(Exception.class, () -> server.get(5, TimeUnit.SECONDS));
        assertInstanceOf(SSLHandshakeException.class, serverSide.getCause(), String.valueOf(serverSide.getCause()));
    }

    @Test
    void unconnectedSocketThenConnectAndAlpn() throws Exception {
        SSLServerSocket ss = listen(ours(serverId, trust));
        ss.setSSLParameters(alpn("h2", "http/1.1"));
        Future<String> server = pool.submit(() -> {
            SSLSocket s = (SSLSocket) closing(ss.accept());
            s.setHandshakeApplicationProtocolSelector((sock, offered) -> offered.contains("h2") ? "h2" : null);
            s.startHandshake();
            return s.getApplicationProtocol();
        });
        SSLSocket c = closing((SSLSocket) ours(null, trust).getSocketFactory().createSocket());
        assertNull(c.getApplicationProtocol());
        c.setSSLParameters(alpn("http/1.1", "h2"));
        c.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), ss.getLocalPort()), 2000);
        c.startHandshake();
        assertEquals("h2", c.getApplicationProtocol());
        assertEquals("h2", server.get(5, TimeUnit.SECONDS));
    }

    private static SSLParameters alpn(String... protocols) {
        SSLParameters p = new SSLParameters();
        p.setApplicationProtocols(protocols);
        return p;
    }

    @Test
    void serverFormTakesBytesAlreadyRead() throws Exception {
        ServerSocket plainServer = closing(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        SSLSocketFactory serverFactory = ours(serverId, trust).getSocketFactory();
        Future<String> server = pool.submit(() -> {
            Socket raw = closing(plainServer.accept());
            byte[] sniffed = raw.getInputStream().readNBytes(5); // e.g. a proxy looking at the record header
            assertEquals(0x16, sniffed[0]);
            SSLSocket s = closing((SSLSocket) serverFactory.createSocket(raw, new ByteArrayInputStream(sniffed), true));
            assertFalse(s.getUseClientMode());
            String line = new String(s.getInputStream().readNBytes(6), StandardCharsets.UTF_8);
            s.getOutputStream().write("pong".getBytes(StandardCharsets.UTF_8));
            return line;
        });
        SSLSocket c = closing((SSLSocket) ours(null, trust).getSocketFactory().createSocket("127.0.0.1", plainServer.getLocalPort()));
        c.getOutputStream().write("ping!!".getBytes(StandardCharsets.UTF_8));
        assertEquals("pong", new String(c.getInputStream().readNBytes(4), StandardCharsets.UTF_8));
        assertEquals("ping!!", server.get(5, TimeUnit.SECONDS));
    }

    @Test
    void againstSunJsseBothWays() throws Exception {
        for (boolean oursIsClient : new boolean[] {true, false}) {
            SSLContext serverCtx = oursIsClient ? sunJsse(serverId, trust) : ours(serverId, trust);
            SSLContext clientCtx = oursIsClient ? ours(null, trust) : sunJsse(null, trust);
            SSLServerSocket ss = listen(serverCtx);
            ss.setNeedClientAuth(false);
            Future<SSLSocket> server = echoUpper(ss);
            SSLSocket c = layeredClient(clientCtx, ss.getLocalPort(), HOST);
            SSLParameters p = c.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            c.setSSLParameters(p);
            assertEquals(("INTEROP " + oursIsClient).toUpperCase(), exchange(c, "interop " + oursIsClient));
            byte[] big = new byte[200_000];
            new Random(7).nextBytes(big);
            // Bytes of 0x0A are line ends to the echo server: send letters only.
            for (int i = 0; i < big.length; i++) {
                big[i] = (byte) ('a' + (big[i] & 0x0F));
            }
            assertEquals(new String(big, StandardCharsets.US_ASCII).toUpperCase(), exchange(c, new String(big, StandardCharsets.US_ASCII)));
            assertEquals("TLSv1.3", c.getSession().getProtocol());
            c.close();
            SSLSocket s = server.get(5, TimeUnit.SECONDS);
            assertEquals(oursIsClient ? "sun.security.ssl.SSLSocketImpl" : "org.securechannel.jsse.SecureChannelSocket", s.getClass().getName());
        }
    }

    // ================================================================ timeouts, closing, threads

    @Test
    void readTimeoutLeavesTheSocketUsable() throws Exception {
        SSLServerSocket ss = listen(ours(serverId, trust));
        CountDownLatch go = new CountDownLatch(1);
        Future<?> server = pool.submit(() -> {
            SSLSocket s = (SSLSocket) closing(ss.accept());
            s.startHandshake();
            go.await();
            s.getOutputStream().write("late".getBytes(StandardCharsets.UTF_8));
            return s.getInputStream().read();
        });
        SSLSocket c = closing((SSLSocket) ours(null, trust).getSocketFactory().createSocket("127.0.0.1", ss.getLocalPort()));
        c.setSoTimeout(200);
        long start = System.nanoTime();
        assertThrows(SocketTimeoutException.class, () -> c.getInputStream().read());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3));
        assertThrows(SocketTimeoutException.class, () -> c.getInputStream().read());
        go.countDown();
        c.setSoTimeout(5000);
        assertEquals("late", new String(c.getInputStream().readNBytes(4), StandardCharsets.UTF_8));
        c.close();
        assertEquals(-1, server.get(5, TimeUnit.SECONDS));
    }

    @Test
    void handshakeTimeoutIsASocketTimeout() throws Exception {
        SSLServerSocket ss = listen(ours(serverId, trust));
        Future<Exception> server = pool.submit(() -> {
            SSLSocket s = (SSLSocket) closing(ss.accept());
            s.setSoTimeout(200);
            try {
                s.startHandshake();
                return null;
            } catch (Exception e) {
                return e;
            }
        });
        Socket silent = closing(new Socket(InetAddress.getLoopbackAddress(), ss.getLocalPort()));
        assertInstanceOf(SocketTimeoutException.class, server.get(5, TimeUnit.SECONDS));
        silent.close();
    }

    @Test
    void halfCloseSendsCloseNotifyAndKeepsReading() throws Exception {
        SSLServerSocket ss = listen(ours(serverId, trust));
        Future<String> server = pool.submit(() -> {
            SSLSocket s = (SSLSocket) closing(ss.accept());
            String request = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8); // up to close_notify
            assertTrue(s.isInputShutdown());
            s.getOutputStream().write(("got " + request).getBytes(StandardCharsets.UTF_8));
            s.close();
            return request;
        });
        SSLSocket c = closing((SSLSocket) ours(null, trust).getSocketFactory().createSocket("127.0.0.1", ss.getLocalPort()));
        c.getOutputStream().write("request".getBytes(StandardCharsets.UTF_8));
        c.shutdownOutput();
        assertTrue(c.isOutputShutdown());
        assertThrows(IOException.class, () -> c.getOutputStream().write(1));
        assertEquals("got request", new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(-1, c.getInputStream().read());
        assertEquals("request", server.get(5, TimeUnit.SECONDS));
        c.shutdownInput(); // close_notify arrived: no complaint
    }

    @Test
    void shutdownInputBeforeCloseNotifyComplainsLikeSunJsse() throws Exception {
        SSLServerSocket ss = listen(ours(serverId, trust));
        Future<?> server = pool.submit(() -> {
            SSLSocket s = (SSLSocket) closing(ss.accept());
            s.startHandshake();
            return s.getInputStream().read();
        });
        SSLSocket c = closing((SSLSocket) ours(null, trust).getSocketFactory().createSocket("127.0.0.1", ss.getLocalPort()));
        c.startHandshake();
        InputStream in = c.getInputStream();
        SSLException e = assertThrows(SSLException.class, c::shutdownInput);
        assertTrue(e.getMessage().contains("close_notify"), e.getMessage());
        assertEquals(-1, in.read());
        assertThrows(IOException.class, c::getInputStream); // as SunJSSE: input is shut down
        c.close();
        assertEquals(-1, server.get(5, TimeUnit.SECONDS));
    }

    @Test
    void oneReaderAndOneWriterAtOnceMoveFourMebibytes() throws Exception {
        SSLServerSocket ss = listen(ours(serverId, trust));
        Future<?> server = pool.submit(() -> {
            SSLSocket s = (SSLSocket) closing(ss.accept());
            s.getInputStream().transferTo(s.getOutputStream()); // echo until close_notify
            s.shutdownOutput();
            return null;
        });
        SSLSocket c = closing((SSLSocket) ours(null, trust).getSocketFactory().createSocket("127.0.0.1", ss.getLocalPort()));
        byte[] data = new byte[4 << 20];
        new Random(42).nextBytes(data);
        c.startHandshake();
        Future<?> writer = pool.submit(() -> {
            Random sizes = new Random(1);
            for (int off = 0; off < data.length; ) {
                int n = Math.min(data.length - off, 1 + sizes.nextInt(40_000));
                c.getOutputStream().write(data, off, n);
                off += n;
            }
            c.shutdownOutput();
            return null;
        });
        Future<byte[]> reader = pool.submit(() -> {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[7919];
            long total = 0;
            int n;
            while ((n = c.getInputStream().read(buf)) > 0) {
                d.update(buf, 0, n);
                total += n;
            }
            assertEquals(data.length, total);
            return d.digest();
        });
        writer.get(20, TimeUnit.SECONDS);
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(data), reader.get(20, TimeUnit.SECONDS));
        server.get(5, TimeUnit.SECONDS);
    }

    // ================================================================ failures

    @Test
    void garbageInsteadOfClientHello() throws Exception {
        SSLServerSocket ss = listen(ours(serverId, trust));
        Future<Exception> server = pool.submit(() -> failureOf((SSLSocket) closing(ss.accept())));
        Socket raw = closing(new Socket(InetAddress.getLoopbackAddress(), ss.getLocalPort()));
        raw.getOutputStream().write("GET / HTTP/1.1\r\nHost: server.example\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        Exception e = server.get(5, TimeUnit.SECONDS);
        assertInstanceOf(SSLHandshakeException.class, e, String.valueOf(e));
        assertNotNull(e.getMessage());
        // the alert went out before the socket closed
        raw.setSoTimeout(5000);
        byte[] alert = raw.getInputStream().readAllBytes();
        assertTrue(alert.length >= 7 && alert[0] == 21, "an alert record, got " + alert.length + " bytes");
    }

    @Test
    void peerDisconnectsMidHandshake() throws Exception {
        // server side: the client sends half a ClientHello and leaves
        SSLServerSocket ss = listen(ours(serverId, trust));
        Future<Exception> server = pool.submit(() -> failureOf((SSLSocket) closing(ss.accept())));
        try (Socket raw = new Socket(InetAddress.getLoopbackAddress(), ss.getLocalPort())) {
            raw.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x01, 0x00, 0x01, 0x00, 0x00});
        }
        Exception e = server.get(5, TimeUnit.SECONDS);
        assertInstanceOf(SSLHandshakeException.class, e, String.valueOf(e));
        assertTrue(e.getMessage().contains("terminated the handshake"), e.getMessage());

        // client side: the server reads the ClientHello and leaves
        ServerSocket plain = closing(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        pool.submit(() -> {
            try (Socket s = plain.accept()) {
                s.getInputStream().read(new byte[100]);
            }
            return null;
        });
        SSLSocket c = closing((SSLSocket) ours(null, trust).getSocketFactory().createSocket("127.0.0.1", plain.getLocalPort()));
        SSLHandshakeException ce = assertThrows(SSLHandshakeException.class, c::startHandshake);
        assertTrue(ce.getMessage().contains("terminated the handshake"), ce.getMessage());
        assertThrows(IOException.class, () -> c.getInputStream().read());
    }

    @Test
    void untrustedAndExpiredCertificatesNameTheCause() throws Exception {
        for (TestPki.Issued bad : List.of(strangerId, expiredId)) {
            SSLServerSocket ss = listen(ours(bad, trust));
            Future<Exception> server = pool.submit(() -> failureOf((SSLSocket) closing(ss.accept())));
            SSLSocket c = closing((SSLSocket) ours(null, trust).getSocketFactory().createSocket("127.0.0.1", ss.getLocalPort()));
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class, c::startHandshake);
            String expected = bad == strangerId ? "not trusted" : "expired";
            assertTrue(e.getMessage().toLowerCase().contains(expected) || String.valueOf(e.getCause()).toLowerCase().contains(expected),
                    e.getMessage() + " / " + e.getCause());
            Exception se = server.get(5, TimeUnit.SECONDS);
            assertInstanceOf(SSLHandshakeException.class, se, String.valueOf(se));
            assertTrue(se.getMessage().contains("alert"), "the server heard the alert: " + se.getMessage());
        }
    }

    private static Exception failureOf(SSLSocket s) {
        try {
            s.startHandshake();
            return null;
        } catch (Exception e) {
            return e;
        }
    }

    @Test
    void closeFromAnotherThreadEndsABlockedHandshake() throws Exception {
        ServerSocket plain = closing(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        Future<Socket> accepted = pool.submit(() -> closing(plain.accept()));
        SSLSocket c = closing((SSLSocket) ours(null, trust).getSocketFactory().createSocket("127.0.0.1", plain.getLocalPort()));
        CompletableFuture<Exception> result = CompletableFuture.supplyAsync(() -> failureOf(c), pool);
        accepted.get(5, TimeUnit.SECONDS);
        Thread.sleep(200);
        c.close();
        Exception e = result.get(5, TimeUnit.SECONDS);
        assertInstanceOf(IOException.class, e);
        assertTrue(c.isClosed());
    }
}
