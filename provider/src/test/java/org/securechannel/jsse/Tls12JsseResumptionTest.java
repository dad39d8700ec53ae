package org.securechannel.jsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.Provider;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.securechannel.SecureChannelProvider;
import org.securechannel.testing.TestPki;

/**
 * TLS 1.2 resumption through JSSE: one SSLContext of ours resumes its sessions with SunJSSE, as client and as
 * server, and its SSLSessionContext's size and timeout govern the sessions it can resume.
 */
class Tls12JsseResumptionTest {
    private static final Provider PROVIDER = new SecureChannelProvider();
    private static final String HOST = "server.example";
    private static TestPki.Issued serverId;

    @BeforeAll
    static void pki() {
        TestPki ca = TestPki.ca(TestPki.KeyType.EC_P256);
        serverId = ca.issue(TestPki.KeyType.EC_P256, HOST);
    }

    private static SSLContext ours(boolean server) throws Exception {
        SSLContext c = SSLContext.getInstance("TLSv1.2", PROVIDER);
        c.init(server ? EngineLoop.keyManagers("PKIX", serverId) : null, EngineLoop.trustManagers(serverId.root()), null);
        return c;
    }

    private static SSLContext sun(boolean server) throws Exception {
        SSLContext c = SSLContext.getInstance("TLSv1.2", "SunJSSE");
        c.init(server ? EngineLoop.keyManagers("PKIX", serverId) : null, EngineLoop.trustManagers(serverId.root()), null);
        return c;
    }

    private static SSLEngine client(SSLContext c) {
        return EngineLoop.tls12Client(c, HOST);
    }

    private static SSLEngine server(SSLContext c) {
        return EngineLoop.tls12Server(c);
    }

    private static boolean resumed(SSLEngine ours) throws Exception {
        return EngineLoop.resumed(ours);
    }

    @Test
    void ourClientContextResumesWithSunJsse() throws Exception {
        SSLContext client = ours(false);
        SSLContext server = sun(true);
        EngineLoop first = new EngineLoop(client(client), server(server)).handshake();
        assertFalse(resumed(first.client));
        EngineLoop second = new EngineLoop(client(client), server(server)).handshake();
        assertTrue(resumed(second.client));
        // SunJSSE issues TLS 1.2 tickets by default, and our client offers the ticket (RFC 5077) with a fresh ID,
        // which SunJSSE echoes: that echo is how a client learns it resumed.
        assertArrayEquals(second.client.getSession().getId(), second.server.getSession().getId(), "SunJSSE echoed our ID");
        assertFalse(java.util.Arrays.equals(first.server.getSession().getId(), second.server.getSession().getId()),
                "resumed by ticket, not by the first session's ID");
        assertEquals("TLSv1.2", second.client.getSession().getProtocol());
    }

    @Test
    void ourServerContextResumesSunJsseClients() throws Exception {
        SSLContext client = sun(false);
        SSLContext server = ours(true);
        EngineLoop first = new EngineLoop(client(client), server(server)).handshake();
        assertFalse(resumed(first.server));
        EngineLoop second = new EngineLoop(client(client), server(server)).handshake();
        assertTrue(resumed(second.server));
        assertArrayEquals(first.client.getSession().getId(), second.client.getSession().getId(), "SunJSSE offered its session");
    }

    /**
     * A session context of size 1: the client keeps one session per server name, so it still resumes. Timeout 1 s: not
     * after it. The server's tickets are off, so only its session-ID cache can resume.
     */
    @Test
    void sessionContextSizeAndTimeoutReachTheResumptionCache() throws Exception {
        SSLContext client = ours(false);
        SSLContext server = withoutServerTickets();
        server.getServerSessionContext().setSessionCacheSize(1);
        new EngineLoop(client(client), server(server)).handshake();
        assertTrue(resumed(new EngineLoop(client(client), server(server)).handshake().server));
        server.getServerSessionContext().setSessionTimeout(1);
        Thread.sleep(1100);
        assertFalse(resumed(new EngineLoop(client(client), server(server)).handshake().server), "expired by the context's timeout");
    }

    /** A resumed TLS 1.2 server session, by ticket or by ID, still reports its own certificate (Jetty's SNI check). */
    @Test
    void aResumedServerSessionReportsItsCertificate() throws Exception {
        for (SSLContext server : List.of(ours(true), withoutServerTickets())) {
            SSLContext client = ours(false);
            new EngineLoop(client(client), server(server)).handshake();
            EngineLoop again = new EngineLoop(client(client), server(server)).handshake();
            assertTrue(resumed(again.server));
            org.junit.jupiter.api.Assertions.assertNotNull(again.server.getSession().getLocalCertificates());
        }
    }

    /** SSLSession.invalidate() ends resumption by session ID, from either end (SunJSSE's behaviour). */
    @Test
    void anInvalidatedSessionIsNotResumedByItsId() throws Exception {
        SSLContext client = ours(false);
        SSLContext server = withoutServerTickets();
        EngineLoop first = new EngineLoop(client(client), server(server)).handshake();
        first.client.getSession().invalidate();
        assertFalse(resumed(new EngineLoop(client(client), server(server)).handshake().client), "the client's invalidated");
        EngineLoop third = new EngineLoop(client(client), server(server)).handshake();
        third.server.getSession().invalidate();
        assertFalse(resumed(new EngineLoop(client(client), server(server)).handshake().server), "the server's invalidated");
    }

    private static SSLContext withoutServerTickets() throws Exception {
        String flag = "jdk.tls.server.enableSessionTicketExtension";
        String before = System.getProperty(flag);
        System.setProperty(flag, "false");
        try {
            return ours(true);
        } finally {
            if (before == null) {
                System.clearProperty(flag);
            } else {
                System.setProperty(flag, before);
            }
        }
    }
}
