package org.securechannel.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;
import org.securechannel.context.ConnectionInfo;
import org.securechannel.context.Credentials;
import org.securechannel.context.SecurityContext;
import org.securechannel.context.Status;
import org.securechannel.testing.TestPki;
import org.securechannel.testing.TestPki.KeyType;

/**
 * The everyday path against the JDK's own TLS 1.3, both directions: handshake, a message each way, 1 MiB
 * each way, and close_notify in both orders.
 */
class SunJsseBasicTest {
    private static final byte[] MiB = new byte[1 << 20];

    static {
        new Random(42).nextBytes(MiB);
    }

    static SslEngineDriver ourClientWithSunJsseServer() throws Exception {
        TestPki pki = TestPki.ca(KeyType.EC_P256);
        TestPki.Issued leaf = pki.issue(KeyType.EC_P256, SunJsseEngines.HOST);
        var server = SunJsseEngines.server(SunJsseEngines.context(leaf));
        var client = SecurityContext.client(Credentials.client().trustAnchors(List.of(pki.root())).build(), SunJsseEngines.HOST);
        return new SslEngineDriver(client, server);
    }

    static SslEngineDriver sunJsseClientWithOurServer() throws Exception {
        TestPki pki = TestPki.ca(KeyType.EC_P256);
        TestPki.Issued leaf = pki.issue(KeyType.EC_P256, SunJsseEngines.HOST);
        var server = SecurityContext.server(Credentials.server().certificate(leaf.chain(), leaf.key()).build());
        var client = SunJsseEngines.client(SunJsseEngines.context(null, pki.root()));
        return new SslEngineDriver(server, client);
    }

    static void assertAgree(SslEngineDriver d) throws Exception {
        SSLSession s = d.engine.getSession();
        ConnectionInfo info = d.ours.connectionInfo();
        assertEquals("TLSv1.3", s.getProtocol());
        assertEquals("TLSv1.3", info.version().jsseName());
        assertEquals(s.getCipherSuite(), info.cipherSuite().jsseName());
    }

    private static void exchange(SslEngineDriver d) throws Exception {
        byte[] ping = "ping from SecureChannel".getBytes(StandardCharsets.UTF_8);
        byte[] pong = "pong from SunJSSE".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(ping, d.oursToEngine(ping));
        assertArrayEquals(pong, d.engineToOurs(pong));
        assertArrayEquals(MiB, d.oursToEngine(MiB), "1 MiB SecureChannel -> SunJSSE");
        assertArrayEquals(MiB, d.engineToOurs(MiB), "1 MiB SunJSSE -> SecureChannel");
    }

    /** SunJSSE closes first: our decrypt says CONTEXT_EXPIRED; our close_notify then closes SunJSSE's inbound. */
    private static void sunJsseClosesFirst(SslEngineDriver d) throws Exception {
        d.engine.closeOutbound();
        d.engineWrap(java.nio.ByteBuffer.allocate(0));
        assertTrue(d.engine.isOutboundDone());
        SslEngineDriver.Received got = d.oursReceive();
        assertEquals(Status.CONTEXT_EXPIRED, got.last(), d.log.toString());
        d.ours.shutdown();
        assertEquals(Status.OK, d.oursStep().status());
        assertEquals(SSLEngineResult.Status.CLOSED, unwrapAll(d), d.log.toString());
        assertTrue(d.engine.isInboundDone());
    }

    /** We close first: SunJSSE's unwrap says CLOSED; its close_notify then gives us CONTEXT_EXPIRED. */
    private static void weCloseFirst(SslEngineDriver d) throws Exception {
        d.ours.shutdown();
        assertEquals(Status.OK, d.oursStep().status());
        assertEquals(SSLEngineResult.Status.CLOSED, unwrapAll(d), d.log.toString());
        assertTrue(d.engine.isInboundDone());
        d.engine.closeOutbound();
        for (int i = 0; i < 4 && !d.engine.isOutboundDone(); i++) {
            d.engineWrap(java.nio.ByteBuffer.allocate(0));
        }
        assertTrue(d.engine.isOutboundDone());
        assertEquals(Status.CONTEXT_EXPIRED, d.oursReceive().last(), d.log.toString());
    }

    static SSLEngineResult.Status unwrapAll(SslEngineDriver d) throws Exception {
        java.nio.ByteBuffer app = java.nio.ByteBuffer.allocate(d.engine.getSession().getApplicationBufferSize());
        SSLEngineResult r = null;
        for (int i = 0; i < 10 && d.toEngine.available() > 0; i++) {
            java.nio.ByteBuffer in = d.toEngine.view();
            r = d.engine.unwrap(in, app);
            d.toEngine.consumed(in);
            d.log.add("engine unwrap " + r.getStatus() + "/" + r.getHandshakeStatus());
            if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                break;
            }
        }
        return r == null ? null : r.getStatus();
    }

    @Test
    void ourClientSunJsseServerExchangeAndSunJsseClosesFirst() throws Exception {
        try (SslEngineDriver d = ourClientWithSunJsseServer()) {
            d.handshake();
            assertAgree(d);
            exchange(d);
            sunJsseClosesFirst(d);
        }
    }

    @Test
    void ourClientSunJsseServerWeCloseFirst() throws Exception {
        try (SslEngineDriver d = ourClientWithSunJsseServer()) {
            d.handshake();
            assertAgree(d);
            assertArrayEquals(new byte[] {1, 2, 3}, d.engineToOurs(new byte[] {1, 2, 3}));
            weCloseFirst(d);
        }
    }

    @Test
    void sunJsseClientOurServerExchangeAndSunJsseClosesFirst() throws Exception {
        try (SslEngineDriver d = sunJsseClientWithOurServer()) {
            d.handshake();
            assertAgree(d);
            exchange(d);
            sunJsseClosesFirst(d);
        }
    }

    @Test
    void sunJsseClientOurServerWeCloseFirst() throws Exception {
        try (SslEngineDriver d = sunJsseClientWithOurServer()) {
            d.handshake();
            assertAgree(d);
            assertArrayEquals(new byte[] {1, 2, 3}, d.oursToEngine(new byte[] {1, 2, 3}));
            weCloseFirst(d);
        }
    }
}
