package org.securechannel.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509KeyManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.securechannel.SecureChannelProvider;
import org.securechannel.jsse.EngineLoop;
import org.securechannel.testing.TestPki;

/**
 * One SSLEngine behaviour suite, run on SunJSSE pairs, SecureChannel pairs and both mixed pairs. It asserts
 * only what the JSSE contract promises, so every pair must pass the same assertions.
 */
class JsseEngineBehaviourTest {
    private static final Provider SUN = Security.getProvider("SunJSSE");
    private static final Provider OURS = new SecureChannelProvider();

    private static TestPki.Issued serverId;
    private static TestPki.Issued otherNameId;
    private static TestPki.Issued clientId;
    private static TestPki.Issued strangerId;
    private static X509Certificate root;

    /** Which provider's engine plays each side. */
    record Pair(String name, Provider client, Provider server) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Pair> pairs() {
        return Stream.of(new Pair("SunJSSE<->SunJSSE", SUN, SUN), new Pair("SecureChannel<->SecureChannel", OURS, OURS),
                new Pair("SecureChannel client<->SunJSSE server", OURS, SUN),
                new Pair("SunJSSE client<->SecureChannel server", SUN, OURS));
    }

    @BeforeAll
    static void pki() {
        TestPki ca = TestPki.ca(TestPki.KeyType.EC_P256);
        root = ca.root();
        serverId = ca.issue(TestPki.KeyType.EC_P256, "server.example");
        otherNameId = ca.issue(TestPki.KeyType.EC_P256, "other.example");
        clientId = ca.issue(TestPki.KeyType.EC_P256, "client.example");
        strangerId = TestPki.selfSigned(TestPki.KeyType.EC_P256, "server.example");
    }

    private static EngineLoop loop(Pair pair, KeyManager[] serverKeys, KeyManager[] clientKeys, TrustManager[] clientTrust)
            throws Exception {
        SSLEngine client = EngineLoop.context(pair.client(), clientKeys, clientTrust).createSSLEngine("server.example", 443);
        client.setUseClientMode(true);
        SSLEngine server = EngineLoop.context(pair.server(), serverKeys, EngineLoop.trustManagers(root)).createSSLEngine();
        server.setUseClientMode(false);
        return new EngineLoop(client, server);
    }

    private static EngineLoop loop(Pair pair) throws Exception {
        return loop(pair, EngineLoop.keyManagers("SunX509", serverId), null, EngineLoop.trustManagers(root));
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void handshakeFinishesOnceAndCarriesData(Pair pair) throws Exception {
        EngineLoop loop = loop(pair).handshake();
        assertFinished(pair, loop);
        assertEquals("TLSv1.3", loop.client.getSession().getProtocol());
        assertEquals(loop.client.getSession().getCipherSuite(), loop.server.getSession().getCipherSuite());
        assertEquals(serverId.leaf(), loop.client.getSession().getPeerCertificates()[0]);
        byte[] data = new byte[40_000];
        new java.util.Random(7).nextBytes(data);
        assertArrayEquals(data, loop.send(loop.client, data));
        assertArrayEquals(data, loop.send(loop.server, data));
    }

    /**
     * The contract promises FINISHED when the handshake completes; SunJSSE also reports it for each
     * post-handshake message (a NewSessionTicket), so only SecureChannel is held to "exactly once".
     */
    private static void assertFinished(Pair pair, EngineLoop loop) {
        assertTrue(loop.clientFinished >= 1, loop.log.toString());
        assertTrue(loop.serverFinished >= 1, loop.log.toString());
        if (pair.client() == OURS) {
            assertEquals(1, loop.clientFinished, loop.log.toString());
        }
        if (pair.server() == OURS) {
            assertEquals(1, loop.serverFinished, loop.log.toString());
        }
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void byteAtATimeDelivery(Pair pair) throws Exception {
        EngineLoop loop = loop(pair);
        loop.deliverAtMost = 1;
        loop.handshake();
        assertFinished(pair, loop);
        // Application data one byte at a time: UNDERFLOW until the record is whole, never consuming a partial one.
        ByteBuffer wire = ByteBuffer.allocate(loop.client.getSession().getPacketBufferSize());
        loop.client.wrap(ByteBuffer.wrap("hello".getBytes()), wire);
        wire.flip();
        ByteBuffer arrived = ByteBuffer.allocate(wire.remaining());
        ByteBuffer plain = ByteBuffer.allocate(loop.server.getSession().getApplicationBufferSize());
        while (wire.hasRemaining()) {
            arrived.put(wire.get());
            arrived.flip();
            SSLEngineResult r = loop.server.unwrap(arrived, plain);
            if (wire.hasRemaining()) {
                assertEquals(SSLEngineResult.Status.BUFFER_UNDERFLOW, r.getStatus());
                assertEquals(0, r.bytesConsumed());
            } else {
                assertEquals(SSLEngineResult.Status.OK, r.getStatus());
            }
            arrived.compact();
        }
        assertEquals("hello", new String(plain.array(), 0, plain.position()));
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void tinyBuffersOverflowAndUnderflowWithoutConsuming(Pair pair) throws Exception {
        EngineLoop loop = loop(pair);
        loop.client.beginHandshake();
        ByteBuffer tiny = ByteBuffer.allocate(8);
        SSLEngineResult r = loop.client.wrap(ByteBuffer.allocate(0), tiny);
        assertEquals(SSLEngineResult.Status.BUFFER_OVERFLOW, r.getStatus());
        assertEquals(0, r.bytesProduced());
        ByteBuffer hello = ByteBuffer.allocate(loop.client.getSession().getPacketBufferSize());
        r = loop.client.wrap(ByteBuffer.allocate(0), hello);
        assertEquals(SSLEngineResult.Status.OK, r.getStatus());
        assertTrue(r.bytesProduced() > 0);
        hello.flip();
        ByteBuffer part = hello.duplicate();
        part.limit(3);
        r = loop.server.unwrap(part, ByteBuffer.allocate(loop.server.getSession().getApplicationBufferSize()));
        assertEquals(SSLEngineResult.Status.BUFFER_UNDERFLOW, r.getStatus());
        assertEquals(0, part.position());

        EngineLoop done = loop(pair).handshake();
        ByteBuffer data = ByteBuffer.wrap(new byte[3000]);
        r = done.client.wrap(data, ByteBuffer.allocate(16));
        assertEquals(SSLEngineResult.Status.BUFFER_OVERFLOW, r.getStatus());
        assertEquals(0, data.position());
        ByteBuffer wire = ByteBuffer.allocate(done.client.getSession().getPacketBufferSize());
        r = done.client.wrap(data, wire);
        assertEquals(SSLEngineResult.Status.OK, r.getStatus());
        assertEquals(3000, r.bytesConsumed());
        wire.flip();
        r = done.server.unwrap(wire, ByteBuffer.allocate(100));
        assertEquals(SSLEngineResult.Status.BUFFER_OVERFLOW, r.getStatus());
        assertEquals(0, wire.position());
        r = done.server.unwrap(wire, ByteBuffer.allocate(done.server.getSession().getApplicationBufferSize()));
        assertEquals(SSLEngineResult.Status.OK, r.getStatus());
        assertEquals(3000, r.bytesProduced());
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void coalescedRecordsAndCloseNotifyInOneBuffer(Pair pair) throws Exception {
        EngineLoop loop = loop(pair).handshake();
        ByteBuffer wire = ByteBuffer.allocate(3 * loop.client.getSession().getPacketBufferSize());
        for (String s : List.of("one ", "two ", "three")) {
            assertEquals(SSLEngineResult.Status.OK, loop.client.wrap(ByteBuffer.wrap(s.getBytes()), wire).getStatus());
        }
        loop.client.closeOutbound();
        assertEquals(SSLEngineResult.Status.CLOSED, loop.client.wrap(ByteBuffer.allocate(0), wire).getStatus());
        wire.flip();
        ByteBuffer plain = ByteBuffer.allocate(loop.server.getSession().getApplicationBufferSize());
        SSLEngineResult r = null;
        for (int i = 0; i < 10 && wire.hasRemaining(); i++) {
            r = loop.server.unwrap(wire, plain);
        }
        assertEquals(SSLEngineResult.Status.CLOSED, r.getStatus());
        assertFalse(wire.hasRemaining());
        assertEquals("one two three", new String(plain.array(), 0, plain.position()));
        assertTrue(loop.server.isInboundDone());
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void clientClosesFirst(Pair pair) throws Exception {
        EngineLoop loop = loop(pair).handshake();
        closeInOrder(loop.client, loop.server);
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void serverClosesFirst(Pair pair) throws Exception {
        EngineLoop loop = loop(pair).handshake();
        closeInOrder(loop.server, loop.client);
    }

    private static void closeInOrder(SSLEngine first, SSLEngine second) throws Exception {
        first.closeOutbound();
        assertEquals(HandshakeStatus.NEED_WRAP, first.getHandshakeStatus());
        ByteBuffer wire = ByteBuffer.allocate(first.getSession().getPacketBufferSize());
        SSLEngineResult r = first.wrap(ByteBuffer.allocate(0), wire);
        assertEquals(SSLEngineResult.Status.CLOSED, r.getStatus());
        assertTrue(r.bytesProduced() > 0);
        assertTrue(first.isOutboundDone());
        wire.flip();
        r = second.unwrap(wire, ByteBuffer.allocate(second.getSession().getApplicationBufferSize()));
        assertEquals(SSLEngineResult.Status.CLOSED, r.getStatus());
        assertTrue(second.isInboundDone());
        second.closeOutbound();
        ByteBuffer back = ByteBuffer.allocate(second.getSession().getPacketBufferSize());
        r = second.wrap(ByteBuffer.allocate(0), back);
        assertEquals(SSLEngineResult.Status.CLOSED, r.getStatus());
        assertTrue(second.isOutboundDone());
        back.flip();
        if (back.hasRemaining()) {
            r = first.unwrap(back, ByteBuffer.allocate(first.getSession().getApplicationBufferSize()));
            assertEquals(SSLEngineResult.Status.CLOSED, r.getStatus());
        }
        assertTrue(first.isInboundDone() || back.position() == 0);
        assertEquals(HandshakeStatus.NOT_HANDSHAKING, second.getHandshakeStatus());
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void bothCloseAtOnce(Pair pair) throws Exception {
        EngineLoop loop = loop(pair).handshake();
        loop.client.closeOutbound();
        loop.server.closeOutbound();
        ByteBuffer c = ByteBuffer.allocate(loop.client.getSession().getPacketBufferSize());
        ByteBuffer s = ByteBuffer.allocate(loop.server.getSession().getPacketBufferSize());
        assertEquals(SSLEngineResult.Status.CLOSED, loop.client.wrap(ByteBuffer.allocate(0), c).getStatus());
        assertEquals(SSLEngineResult.Status.CLOSED, loop.server.wrap(ByteBuffer.allocate(0), s).getStatus());
        c.flip();
        s.flip();
        assertEquals(SSLEngineResult.Status.CLOSED, loop.server.unwrap(c, ByteBuffer.allocate(20_000)).getStatus());
        assertEquals(SSLEngineResult.Status.CLOSED, loop.client.unwrap(s, ByteBuffer.allocate(20_000)).getStatus());
        for (SSLEngine e : List.of(loop.client, loop.server)) {
            assertTrue(e.isInboundDone());
            assertTrue(e.isOutboundDone());
            assertEquals(HandshakeStatus.NOT_HANDSHAKING, e.getHandshakeStatus());
        }
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void untrustedServerFailsMidHandshake(Pair pair) throws Exception {
        EngineLoop loop = loop(pair, EngineLoop.keyManagers("SunX509", strangerId), null, EngineLoop.trustManagers(root));
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, loop::handshake);
        assertTrue(hasCause(e, CertificateException.class), "the cause names the certificate problem: " + e);
        assertFalse(e.getMessage() == null || e.getMessage().isBlank());
        // The alert leaves on the next wrap, and the server's unwrap of it fails.
        assertEquals(HandshakeStatus.NEED_WRAP, loop.client.getHandshakeStatus());
        ByteBuffer alert = ByteBuffer.allocate(loop.client.getSession().getPacketBufferSize());
        SSLEngineResult r = loop.client.wrap(ByteBuffer.allocate(0), alert);
        assertTrue(r.bytesProduced() > 0);
        assertTrue(loop.client.isOutboundDone());
        alert.flip();
        assertThrows(SSLException.class,
                () -> loop.server.unwrap(alert, ByteBuffer.allocate(loop.server.getSession().getApplicationBufferSize())));
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void alpnFromParameters(Pair pair) throws Exception {
        EngineLoop loop = loop(pair);
        setAlpn(loop.client, "h2", "http/1.1");
        setAlpn(loop.server, "http/1.1", "h2");
        loop.handshake();
        assertEquals("http/1.1", loop.client.getApplicationProtocol());
        assertEquals("http/1.1", loop.server.getApplicationProtocol());
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void alpnFromTheSelector(Pair pair) throws Exception {
        EngineLoop loop = loop(pair);
        setAlpn(loop.client, "h2", "http/1.1");
        List<Object> calls = new ArrayList<>();
        loop.server.setHandshakeApplicationProtocolSelector((engine, offered) -> {
            calls.add(engine);
            calls.add(offered);
            return "h2";
        });
        loop.handshake();
        assertEquals(List.of(loop.server, List.of("h2", "http/1.1")), calls);
        assertEquals("h2", loop.client.getApplicationProtocol());
        assertEquals("h2", loop.server.getApplicationProtocol());
    }

    private static void setAlpn(SSLEngine e, String... protocols) {
        SSLParameters p = e.getSSLParameters();
        p.setApplicationProtocols(protocols);
        e.setSSLParameters(p);
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void needClientAuth(Pair pair) throws Exception {
        EngineLoop loop = loop(pair, EngineLoop.keyManagers("SunX509", serverId), EngineLoop.keyManagers("SunX509", clientId),
                EngineLoop.trustManagers(root));
        loop.server.setNeedClientAuth(true);
        loop.handshake();
        assertEquals(clientId.leaf(), loop.server.getSession().getPeerCertificates()[0]);
        assertEquals(clientId.leaf(), loop.client.getSession().getLocalCertificates()[0]);

        EngineLoop anonymous = loop(pair);
        anonymous.server.setNeedClientAuth(true);
        assertThrows(SSLException.class, anonymous::handshake);
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void handshakeSessionDuringTrustCheck(Pair pair) throws Exception {
        X509ExtendedTrustManager pkix = (X509ExtendedTrustManager) EngineLoop.trustManagers(root)[0];
        List<SSLSession> seen = new ArrayList<>();
        X509ExtendedTrustManager spy = new DelegatingTrustManager(pkix) {
            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
                seen.add(engine.getHandshakeSession());
                super.checkServerTrusted(chain, authType, engine);
            }
        };
        EngineLoop loop = loop(pair, EngineLoop.keyManagers("SunX509", serverId), null, new TrustManager[] {spy});
        SSLParameters p = loop.client.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        loop.client.setSSLParameters(p);
        loop.handshake();
        assertEquals(1, seen.size());
        ExtendedSSLSession hs = assertInstanceOf(ExtendedSSLSession.class, seen.get(0));
        assertEquals(List.of(new SNIHostName("server.example")), hs.getRequestedServerNames());
        assertEquals("server.example", hs.getPeerHost());
        assertEquals(443, hs.getPeerPort());
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void serverKeyChosenByRequestedServerName(Pair pair) throws Exception {
        for (String name : List.of("server.example", "other.example")) {
            X509KeyManager both = (X509KeyManager) EngineLoop.keyManagers("SunX509", serverId, otherNameId)[0];
            List<SSLEngine> calledWith = new ArrayList<>();
            X509ExtendedKeyManager bySni = new X509ExtendedKeyManager() {
                @Override
                public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
                    calledWith.add(engine);
                    ExtendedSSLSession hs = (ExtendedSSLSession) engine.getHandshakeSession();
                    for (SNIServerName n : hs.getRequestedServerNames()) {
                        if (n instanceof SNIHostName && ((SNIHostName) n).getAsciiName().equals("other.example")) {
                            return "key1";
                        }
                    }
                    return "key0";
                }

                @Override
                public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
                    throw new AssertionError("the engine variant must be called");
                }

                @Override
                public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
                    return null;
                }

                @Override
                public X509Certificate[] getCertificateChain(String alias) {
                    return both.getCertificateChain(alias);
                }

                @Override
                public PrivateKey getPrivateKey(String alias) {
                    return both.getPrivateKey(alias);
                }

                @Override
                public String[] getClientAliases(String keyType, Principal[] issuers) {
                    return null;
                }

                @Override
                public String[] getServerAliases(String keyType, Principal[] issuers) {
                    return both.getServerAliases(keyType, issuers);
                }
            };
            EngineLoop loop = loop(pair, new KeyManager[] {bySni}, null, EngineLoop.trustManagers(root));
            SSLParameters p = loop.client.getSSLParameters();
            p.setServerNames(List.of(new SNIHostName(name)));
            loop.client.setSSLParameters(p);
            loop.handshake();
            assertTrue(calledWith.contains(loop.server), "chooseEngineServerAlias got the server engine");
            X509Certificate leaf = (X509Certificate) loop.client.getSession().getPeerCertificates()[0];
            assertEquals(name.equals("other.example") ? otherNameId.leaf() : serverId.leaf(), leaf, name);
        }
    }

    /** Passes every call on; tests override the ones they watch. */
    static class DelegatingTrustManager extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager d;

        DelegatingTrustManager(X509ExtendedTrustManager d) {
            this.d = d;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            d.checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            d.checkServerTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            d.checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            d.checkServerTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            d.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            d.checkServerTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return d.getAcceptedIssuers();
        }
    }
}
