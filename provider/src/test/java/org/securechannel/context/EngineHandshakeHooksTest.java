package org.securechannel.context;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.CipherSuite;
import org.securechannel.testing.ContextPair;
import org.securechannel.testing.TestPki;
import org.securechannel.testing.TestPki.KeyType;

/**
 * Hooks the JSSE adapter builds on: SNI acceptance (SNIMatchers), and what the handshake decided before it
 * completes (getHandshakeApplicationProtocol, the handshake session's suite).
 */
class EngineHandshakeHooksTest {
    private static final String HOST = "hooks.test";
    private static TestPki pki;
    private static TestPki.Issued leaf;

    @BeforeAll
    static void pki() {
        pki = TestPki.ca(KeyType.EC_P256);
        leaf = pki.issue(KeyType.EC_P256, HOST);
    }

    private static Credentials.Builder server() {
        return Credentials.server().certificate(leaf.chain(), leaf.key());
    }

    private static Credentials.Builder client() {
        return Credentials.client().trustAnchors(List.of(pki.root()));
    }

    @Test
    void refusedServerNameIsUnrecognizedNameBeforeAnythingIsSent() throws Exception {
        List<String> judged = new ArrayList<>();
        Credentials s = server().serverNameAcceptor(n -> judged.add(n) && n.equals("other.test")).build();
        try (ContextPair p = new ContextPair(SecurityContext.client(client().build(), HOST), SecurityContext.server(s))) {
            SecurityContextException e = assertThrows(SecurityContextException.class, p::handshake);
            assertEquals(Reason.UNRECOGNIZED_NAME, e.reason());
            assertEquals(AlertDescription.UNRECOGNIZED_NAME, e.alert());
            // A plaintext fatal alert: nothing of the server's flight went out first.
            assertArrayEquals(new byte[] {21, 3, 3, 0, 2, 2, 112}, e.alertToSend());
            assertTrue(e.getMessage().contains(HOST), e.getMessage());
            assertEquals(List.of(HOST), judged);
        }
    }

    @Test
    void acceptedServerNameAndNoServerNameProceed() throws Exception {
        Credentials s = server().serverNameAcceptor(HOST::equals).build();
        try (ContextPair p = new ContextPair(SecurityContext.client(client().build(), HOST), SecurityContext.server(s)).handshake()) {
            assertTrue(p.server.isEstablished());
        }
        // No SNI at all (the client names an IP address): nothing to judge, as with SunJSSE's SNIMatchers.
        Credentials c = client().hostnameVerification(false).build();
        try (ContextPair p = new ContextPair(SecurityContext.client(c, "127.0.0.1"), SecurityContext.server(s)).handshake()) {
            assertTrue(p.server.isEstablished());
            assertEquals(Optional.empty(), ((TlsSecurityContext) p.server).serverName());
        }
    }

    @Test
    void acceptorIsForServers() {
        assertThrows(IllegalStateException.class, () -> client().serverNameAcceptor(n -> true).build());
    }

    @Test
    void alpnAndSuiteAreKnownDuringTheHandshake() throws Exception {
        AtomicReference<SecurityContext> serverRef = new AtomicReference<>();
        List<Object> seenBySelector = new ArrayList<>();
        Credentials s = server().cipherSuites(CipherSuite.TLS_AES_256_GCM_SHA384).applicationProtocolSelector(offered -> {
            seenBySelector.add(serverRef.get().handshakeCipherSuite());
            seenBySelector.add(serverRef.get().handshakeApplicationProtocol());
            return "h2";
        }).build();
        Credentials c = client().applicationProtocols("h2", "http/1.1").build();
        try (ContextPair p = new ContextPair(SecurityContext.client(c, HOST), SecurityContext.server(s))) {
            serverRef.set(p.server);
            assertEquals(Optional.empty(), p.client.handshakeApplicationProtocol());
            assertEquals(Optional.empty(), p.server.handshakeCipherSuite());
            p.stepOnce(p.client, p.toClient, p.toServer, p.clientStatuses, "client");
            assertEquals(Optional.empty(), p.client.handshakeCipherSuite());
            p.stepOnce(p.server, p.toServer, p.toClient, p.serverStatuses, "server");
            // Inside the selector: the suite is chosen, ALPN not yet; after the flight: both, not yet established.
            assertEquals(List.of(Optional.of(CipherSuite.TLS_AES_256_GCM_SHA384), Optional.empty()), seenBySelector);
            assertTrue(!p.server.isEstablished());
            assertEquals(Optional.of("h2"), p.server.handshakeApplicationProtocol());
            assertEquals(Optional.of(CipherSuite.TLS_AES_256_GCM_SHA384), p.server.handshakeCipherSuite());
            p.handshake();
            assertEquals(Optional.of("h2"), p.client.handshakeApplicationProtocol());
            assertEquals(Optional.of(CipherSuite.TLS_AES_256_GCM_SHA384), p.client.handshakeCipherSuite());
        }
    }

    @Test
    void noAlpnIsDecidedAsEmpty() throws Exception {
        try (ContextPair p = new ContextPair(SecurityContext.client(client().build(), HOST),
                SecurityContext.server(server().applicationProtocols("h2").build()))) {
            p.stepOnce(p.client, p.toClient, p.toServer, p.clientStatuses, "client");
            p.stepOnce(p.server, p.toServer, p.toClient, p.serverStatuses, "server");
            assertEquals(Optional.of(""), p.server.handshakeApplicationProtocol());
            p.handshake();
            assertEquals(Optional.of(""), p.client.handshakeApplicationProtocol());
        }
    }
}
