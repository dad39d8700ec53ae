package org.securechannel.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.security.Security;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.securechannel.SecureChannelProvider;
import org.securechannel.testing.TestPki;

/**
 * The SSLEngine honours org.securechannel.handshakeTimeout through the connection driver: a handshake call past
 * the deadline fails, where a handshake with SunJSSE that keeps within it completes.
 */
class EngineHandshakeTimeoutTest {
    private static final String HOST = "server.example";
    private static TestPki.Issued serverId;

    @BeforeAll
    static void pki() {
        serverId = TestPki.ca(TestPki.KeyType.EC_P256).issue(TestPki.KeyType.EC_P256, HOST);
    }

    /** Our client context, made while the security property says {@code millis}. */
    private static SSLContext clientWithTimeout(long millis) throws Exception {
        String old = Security.getProperty(ContextConfig.HANDSHAKE_TIMEOUT_PROPERTY);
        Security.setProperty(ContextConfig.HANDSHAKE_TIMEOUT_PROPERTY, String.valueOf(millis));
        try {
            SSLContext c = SSLContext.getInstance("TLS", new SecureChannelProvider());
            c.init(null, EngineLoop.trustManagers(serverId.root()), null);
            return c;
        } finally {
            Security.setProperty(ContextConfig.HANDSHAKE_TIMEOUT_PROPERTY, old == null ? "" : old);
        }
    }

    private static SSLEngine client(SSLContext c) {
        SSLEngine e = c.createSSLEngine(HOST, 443);
        e.setUseClientMode(true);
        return e;
    }

    @Test
    void aHandshakeCallPastTheDeadlineFails() throws Exception {
        SSLEngine engine = client(clientWithTimeout(200));
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        assertEquals(SSLEngineResult.Status.OK, engine.wrap(ByteBuffer.allocate(0), out).getStatus()); // the ClientHello
        Thread.sleep(400); // the server never answers
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                () -> engine.unwrap(ByteBuffer.allocate(0), ByteBuffer.allocate(100)));
        assertInstanceOf(SocketTimeoutException.class, e.getCause());
        assertTrue(e.getMessage().contains(ContextConfig.HANDSHAKE_TIMEOUT_PROPERTY), e.getMessage());
        assertTrue(engine.isInboundDone() && engine.isOutboundDone(), "nothing more to say: no alert for a silent peer");
    }

    @Test
    void aHandshakeWithSunJsseWithinTheDeadlineCompletes() throws Exception {
        SSLContext sun = SSLContext.getInstance("TLS", "SunJSSE");
        sun.init(EngineLoop.keyManagers("PKIX", serverId), null, null);
        SSLEngine server = sun.createSSLEngine();
        server.setUseClientMode(false);
        EngineLoop loop = new EngineLoop(client(clientWithTimeout(30_000)), server).handshake();
        assertEquals("TLSv1.3", loop.client.getSession().getProtocol());
    }
}
