package org.securechannel.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.security.Provider;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.securechannel.SecureChannelProvider;
import org.securechannel.testing.TestPki;

/**
 * {@code jdk.tls.server.enableSessionTicketExtension} governs TLS 1.2 tickets (RFC 5077) as it does TLS 1.3's: our
 * server SSLContext, read at init, issues them by default and not when the property is false. SunJSSE's client asks
 * for a ticket in every TLS 1.2 ClientHello; our server's session-ID cache forgets after one second here, so its
 * second connection resumes only with a ticket.
 */
@Timeout(30)
class Tls12TicketFlagTest {
    private static final Provider PROVIDER = new SecureChannelProvider();
    private static final String HOST = "server.example";
    private static final String FLAG = "jdk.tls.server.enableSessionTicketExtension";
    private static TestPki.Issued serverId;

    @BeforeAll
    static void pki() {
        serverId = TestPki.ca(TestPki.KeyType.EC_P256).issue(TestPki.KeyType.EC_P256, HOST);
    }

    private static SSLContext ourServer(String flag) throws Exception {
        String before = System.getProperty(FLAG);
        try {
            if (flag != null) {
                System.setProperty(FLAG, flag);
            }
            SSLContext c = SSLContext.getInstance("TLSv1.2", PROVIDER);
            c.init(EngineLoop.keyManagers("PKIX", serverId), null, null);
            c.getServerSessionContext().setSessionCacheSize(1); // another client's session pushes the first one out
            return c;
        } finally {
            if (before == null) {
                System.clearProperty(FLAG);
            } else {
                System.setProperty(FLAG, before);
            }
        }
    }

    /** Whether SunJSSE's second connection, after our session-ID cache forgot the first, resumes at {@code server}. */
    private static boolean resumesAfterTheIdCacheForgot(SSLContext server) throws Exception {
        SSLContext sun = SSLContext.getInstance("TLSv1.2", "SunJSSE");
        sun.init(null, EngineLoop.trustManagers(serverId.root()), null);
        assertFalse(resumed(new EngineLoop(client(sun), server(server)).handshake().server));
        SSLContext stranger = SSLContext.getInstance("TLSv1.2", "SunJSSE");
        stranger.init(null, EngineLoop.trustManagers(serverId.root()), null);
        new EngineLoop(client(stranger), server(server)).handshake(); // fills the one-session cache
        return resumed(new EngineLoop(client(sun), server(server)).handshake().server);
    }

    @Test
    void ticketsByDefaultNoneWhenTheServerFlagIsFalse() throws Exception {
        assertEquals(true, resumesAfterTheIdCacheForgot(ourServer(null)), "a ticket by default");
        assertEquals(false, resumesAfterTheIdCacheForgot(ourServer("false")), "no ticket with the flag false");
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
}
