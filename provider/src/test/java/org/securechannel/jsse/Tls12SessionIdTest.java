package org.securechannel.jsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.security.Provider;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.securechannel.SecureChannelProvider;
import org.securechannel.testing.TestPki;

/**
 * SSLSession.getId() of a TLS 1.2 session is the session ID on the wire: SunJSSE, on the other end, reports the
 * same bytes; a session resumed by ID keeps the ID of the one it resumed, one resumed by our client's ticket the ID
 * our ClientHello sent with it; the session context finds it by that ID.
 */
class Tls12SessionIdTest {
    private static final Provider PROVIDER = new SecureChannelProvider();
    private static final String HOST = "server.example";
    private static TestPki.Issued serverId;

    @BeforeAll
    static void pki() {
        serverId = TestPki.ca(TestPki.KeyType.EC_P256).issue(TestPki.KeyType.EC_P256, HOST);
    }

    private static SSLContext context(Provider provider, boolean server) throws Exception {
        SSLContext c = provider == null ? SSLContext.getInstance("TLSv1.2", "SunJSSE") : SSLContext.getInstance("TLSv1.2", provider);
        c.init(server ? EngineLoop.keyManagers("PKIX", serverId) : null, EngineLoop.trustManagers(serverId.root()), null);
        return c;
    }

    private static EngineLoop connect(SSLContext client, SSLContext server) throws Exception {
        SSLEngine c = client.createSSLEngine(HOST, 443);
        c.setUseClientMode(true);
        SSLEngine s = server.createSSLEngine();
        s.setUseClientMode(false);
        return new EngineLoop(c, s).handshake();
    }

    /**
     * @param byTicket whether the second connection resumes with an RFC 5077 ticket our client offers: it sends a
     *                 fresh session ID with the ticket, which the server echoes (§3.4), so the resumed session is
     *                 reported under that ID on both ends; SunJSSE's client offers the old ID with its ticket
     */
    private static void sameIdTwiceAndResumed(SSLContext client, SSLContext server, boolean oursIsClient, boolean byTicket)
            throws Exception {
        EngineLoop first = connect(client, server);
        byte[] firstId = first.client.getSession().getId();
        assertEquals(32, firstId.length);
        assertArrayEquals(firstId, first.server.getSession().getId(), "both ends report the ServerHello's session ID");
        EngineLoop second = connect(client, server);
        byte[] id = second.client.getSession().getId();
        assertArrayEquals(id, second.server.getSession().getId(), "both ends report the resumed session's ID");
        assertEquals(!byTicket, java.util.Arrays.equals(firstId, id), "a session resumed by ID keeps it; by our ticket, the ID sent");
        assertEquals(first.client.getSession().getCipherSuite(), second.client.getSession().getCipherSuite());
        SSLContext ours = oursIsClient ? client : server;
        SSLEngine ourEngine = oursIsClient ? second.client : second.server;
        assertSame(ourEngine.getSession(), (oursIsClient ? ours.getClientSessionContext() : ours.getServerSessionContext()).getSession(id),
                "the session context lists the session under its wire ID");
    }

    @Test
    void ourClientAndSunJsseServerAgree() throws Exception {
        sameIdTwiceAndResumed(context(PROVIDER, false), context(null, true), true, true);
    }

    @Test
    void ourServerAndSunJsseClientAgree() throws Exception {
        sameIdTwiceAndResumed(context(null, false), context(PROVIDER, true), false, false);
    }

    @Test
    void tls13SessionsStillHaveAnId() throws Exception {
        SSLContext c = SSLContext.getInstance("TLSv1.3", PROVIDER);
        c.init(null, EngineLoop.trustManagers(serverId.root()), null);
        SSLContext s = SSLContext.getInstance("TLSv1.3", PROVIDER);
        s.init(EngineLoop.keyManagers("PKIX", serverId), null, null);
        EngineLoop loop = connect(c, s);
        assertEquals("TLSv1.3", loop.client.getSession().getProtocol());
        assertEquals(32, loop.client.getSession().getId().length);
        assertFalse(java.util.Arrays.equals(loop.client.getSession().getId(), loop.server.getSession().getId()),
                "TLS 1.3 names no session on the wire: each side's ID is its own");
        assertNotNull(c.getClientSessionContext().getSession(loop.client.getSession().getId()));
    }
}
