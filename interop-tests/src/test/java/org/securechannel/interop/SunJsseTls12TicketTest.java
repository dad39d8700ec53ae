package org.securechannel.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.context.Credentials;
import org.securechannel.context.SecurityContext;
import org.securechannel.handshake.SessionCache;
import org.securechannel.session.TicketSealer;
import org.securechannel.session.TinkTicketSealer;
import org.securechannel.testing.SunJssePeer;
import org.securechannel.testing.TestPki;
import org.securechannel.testing.TestPki.KeyType;

/**
 * TLS 1.2 session tickets (RFC 5077) with SunJSSE's client in this JVM, which asks for a ticket in every TLS 1.2
 * ClientHello and offers it back (stateless resumption, on by default since JDK 13). Our servers have no session-ID
 * cache here, so a resumption can only be the ticket's: it resumes at the server that issued it, at another server
 * of the same keyset (a fleet), and not at a server of another keyset.
 */
@Timeout(30)
class SunJsseTls12TicketTest {
    private static final String HOST = "tickets12.test";
    private static TestPki pki;
    private static TestPki.Issued leaf;

    @BeforeAll
    static void pki() {
        pki = TestPki.ca(KeyType.EC_P256);
        leaf = pki.issue(KeyType.EC_P256, HOST);
    }

    private static Credentials server(TicketSealer keys) {
        return Credentials.server().certificate(leaf.chain(), leaf.key()).cipherSuites(Credentials.DEFAULT_TLS12_SUITES)
                .sessionCache(SessionCache.NONE).ticketSealer(keys).build();
    }

    /** One SunJSSE client connection (its context keeps the session per host and port) to {@code server}: resumed? */
    private static boolean connect(SSLContext sun, Credentials server) throws Exception {
        SSLEngine engine = sun.createSSLEngine(HOST, 443);
        engine.setUseClientMode(true);
        try (SecurityContext ours = SecurityContext.server(server)) {
            SunJssePeer p = new SunJssePeer(engine, ours).handshake();
            assertEquals(ProtocolVersion.TLS12, ours.connectionInfo().version());
            assertEquals("TLSv1.2", p.engine.getSession().getProtocol());
            return ours.connectionInfo().resumed();
        }
    }

    @Test
    void sunJsseResumesItsTicketAtOurServer() throws Exception {
        SSLContext sun = SunJssePeer.context("TLSv1.2", null, pki.root());
        Credentials s = server(TinkTicketSealer.inMemory());
        assertEquals(List.of(false, true, true), List.of(connect(sun, s), connect(sun, s), connect(sun, s)),
                "full, then resumed by ticket (a renewed one the second time)");
    }

    @Test
    void aTicketResumesAtAnotherServerOfTheSameKeysetOnly() throws Exception {
        TinkTicketSealer fleet = TinkTicketSealer.inMemory();
        SSLContext sun = SunJssePeer.context("TLSv1.2", null, pki.root());
        assertFalse(connect(sun, server(fleet)));
        assertTrue(connect(sun, server(fleet)), "another server, the same keyset");
        SSLContext sun2 = SunJssePeer.context("TLSv1.2", null, pki.root());
        assertFalse(connect(sun2, server(TinkTicketSealer.inMemory())));
        assertFalse(connect(sun2, server(fleet)), "a ticket of another keyset is a full handshake");
    }
}
