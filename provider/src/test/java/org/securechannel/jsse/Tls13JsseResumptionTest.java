package org.securechannel.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.Provider;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.securechannel.SecureChannelProvider;
import org.securechannel.jca.SecurityContextKey;
import org.securechannel.testing.TestPki;

/**
 * TLS 1.3 resumption through JSSE: an SSLContext of ours keeps the tickets its servers are sent per host and port
 * (its client SSLSessionContext) and issues them with one keyset per context (its servers); invalidating a session
 * stops its tickets being offered; SunJSSE resumes at our servers and we at its.
 */
@Timeout(30)
class Tls13JsseResumptionTest {
    private static final Provider PROVIDER = new SecureChannelProvider();
    private static final String HOST = "server.example";
    private static TestPki.Issued serverId;

    @BeforeAll
    static void pki() {
        TestPki ca = TestPki.ca(TestPki.KeyType.EC_P256);
        serverId = ca.issue(TestPki.KeyType.EC_P256, HOST);
    }

    private static SSLContext context(String provider, boolean server) throws Exception {
        SSLContext c = "SunJSSE".equals(provider) ? SSLContext.getInstance("TLSv1.3", "SunJSSE")
                : SSLContext.getInstance("TLSv1.3", PROVIDER);
        c.init(server ? EngineLoop.keyManagers("PKIX", serverId) : null, EngineLoop.trustManagers(serverId.root()), null);
        return c;
    }

    private static SSLEngine client(SSLContext c, int port) {
        SSLEngine e = c.createSSLEngine(HOST, port);
        e.setUseClientMode(true);
        return e;
    }

    private static SSLEngine server(SSLContext c) {
        SSLEngine e = c.createSSLEngine();
        e.setUseClientMode(false);
        return e;
    }

    private static boolean resumed(SSLEngine ours) throws Exception {
        return SecurityContextKey.of(ours).context().connectionInfo().resumed();
    }

    @Test
    void ourContextsResumeAndInvalidateStopsIt() throws Exception {
        SSLContext client = context("ours", false);
        SSLContext server = context("ours", true);
        EngineLoop first = new EngineLoop(client(client, 443), server(server)).handshake();
        assertFalse(resumed(first.client));
        EngineLoop second = new EngineLoop(client(client, 443), server(server)).handshake();
        assertTrue(resumed(second.client));
        assertTrue(resumed(second.server));
        // No certificate crossed the wire, yet the server session still names its own (Jetty's SNI check reads it).
        assertNotNull(second.server.getSession().getLocalCertificates(), "a resumed server session reports its certificate");
        assertEquals(first.server.getSession().getLocalCertificates()[0], second.server.getSession().getLocalCertificates()[0]);
        assertEquals("TLSv1.3", second.client.getSession().getProtocol());
        assertEquals(HOST, second.client.getSession().getPeerHost());
        assertEquals(serverId.leaf(), second.client.getSession().getPeerCertificates()[0], "the session's chain again");
        EngineLoop otherPort = new EngineLoop(client(client, 8443), server(server)).handshake();
        assertFalse(resumed(otherPort.client), "tickets are kept per host and port");

        second.client.getSession().invalidate();
        EngineLoop third = new EngineLoop(client(client, 443), server(server)).handshake();
        assertFalse(resumed(third.client), "an invalidated session's tickets are not offered again");
    }

    @Test
    void sunJsseResumesAtOurServerAndWeAtSunJsse() throws Exception {
        SSLContext ourServer = context("ours", true);
        SSLContext sunClient = context("SunJSSE", false);
        new EngineLoop(client(sunClient, 443), server(ourServer)).handshake();
        EngineLoop again = new EngineLoop(client(sunClient, 443), server(ourServer)).handshake();
        assertTrue(resumed(again.server), "SunJSSE's client resumed with our ticket");

        SSLContext ourClient = context("ours", false);
        SSLContext sunServer = context("SunJSSE", true);
        new EngineLoop(client(ourClient, 443), server(sunServer)).handshake();
        EngineLoop back = new EngineLoop(client(ourClient, 443), server(sunServer)).handshake();
        assertTrue(resumed(back.client), "we resumed with SunJSSE's ticket");
    }
}
