package org.securechannel.context;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.securechannel.codec.AlertDescription;
import org.securechannel.testing.ContextPair;
import org.securechannel.testing.TestPki;
import org.securechannel.testing.TestPki.KeyType;

/** ALPN (RFC 7301) through the engine. */
class EngineAlpnTest {
    private static final String HOST = "alpn.test";
    private static TestPki pki;
    private static TestPki.Issued leaf;

    @BeforeAll
    static void pki() {
        pki = TestPki.ca(KeyType.EC_P256);
        leaf = pki.issue(KeyType.EC_P256, HOST);
    }

    private static Credentials server(String... protocols) {
        return Credentials.server().certificate(leaf.chain(), leaf.key()).applicationProtocols(protocols).build();
    }

    private static Credentials client(String... protocols) {
        return Credentials.client().trustAnchors(List.of(pki.root())).applicationProtocols(protocols).build();
    }

    private static ContextPair pair(Credentials c, Credentials s) {
        return new ContextPair(SecurityContext.client(c, HOST), SecurityContext.server(s));
    }

    @Test
    void serverPreferenceWins() throws Exception {
        try (ContextPair p = pair(client("http/1.1", "h2"), server("h2", "http/1.1")).handshake()) {
            assertEquals(Optional.of("h2"), p.client.applicationProtocol());
            assertEquals(Optional.of("h2"), p.server.applicationProtocol());
            assertArrayEquals(new byte[] {1, 2}, p.transfer(p.client, new byte[] {1, 2}));
        }
        try (ContextPair p = pair(client("h2", "http/1.1"), server("http/1.1", "h2")).handshake()) {
            assertEquals(Optional.of("http/1.1"), p.client.applicationProtocol());
            assertEquals(Optional.of("http/1.1"), p.server.applicationProtocol());
        }
    }

    @Test
    void onlyCommonProtocolIsChosen() throws Exception {
        try (ContextPair p = pair(client("spdy/3", "http/1.1"), server("h2", "http/1.1")).handshake()) {
            assertEquals(Optional.of("http/1.1"), p.client.applicationProtocol());
            assertEquals(Optional.of("http/1.1"), p.server.applicationProtocol());
        }
    }

    @Test
    void noOverlapIsNoApplicationProtocol() throws Exception {
        try (ContextPair p = pair(client("h3", "spdy/3"), server("h2", "http/1.1"))) {
            SecurityContextException e = assertThrows(SecurityContextException.class, p::handshake);
            assertEquals(Reason.NO_APPLICATION_PROTOCOL, e.reason());
            assertEquals(AlertDescription.NO_APPLICATION_PROTOCOL, e.alert());
            byte[] alert = e.alertToSend();
            // Nothing was sent yet: the alert goes in the clear, one 7-byte record.
            assertArrayEquals(new byte[] {21, 3, 3, 0, 2, 2, 120}, alert);
            assertFalse(p.client.isEstablished());
            ByteBuffer in = ByteBuffer.wrap(alert);
            SecurityContextException peer = assertThrows(SecurityContextException.class,
                    () -> p.client.step(in, ByteBuffer.allocate(1024)));
            assertEquals(Reason.PEER_ALERT, peer.reason());
            assertEquals(AlertDescription.NO_APPLICATION_PROTOCOL, peer.peerAlert());
            assertTrue(peer.getMessage().contains("no_application_protocol"), peer.getMessage());
            assertEquals(Reason.INVALID_STATE, assertThrows(SecurityContextException.class,
                    () -> p.client.step(ByteBuffer.allocate(0), ByteBuffer.allocate(1024))).reason());
        }
    }

    @Test
    void serverWithoutAlpnIgnoresTheOffer() throws Exception {
        try (ContextPair p = pair(client("h2", "http/1.1"), server()).handshake()) {
            assertEquals(Optional.empty(), p.client.applicationProtocol());
            assertEquals(Optional.empty(), p.server.applicationProtocol());
        }
    }

    @Test
    void clientWithoutAlpnGetsNone() throws Exception {
        try (ContextPair p = pair(client(), server("h2")).handshake()) {
            assertEquals(Optional.empty(), p.client.applicationProtocol());
            assertEquals(Optional.empty(), p.server.applicationProtocol());
        }
    }

    @Test
    void noProtocolBeforeTheHandshakeCompletes() throws Exception {
        try (ContextPair p = pair(client("h2"), server("h2"))) {
            assertEquals(Optional.empty(), p.client.applicationProtocol());
            p.stepOnce(p.client, p.toClient, p.toServer, p.clientStatuses, "client");
            p.stepOnce(p.server, p.toServer, p.toClient, p.serverStatuses, "server");
            assertEquals(Optional.empty(), p.server.applicationProtocol());
            p.handshake();
            assertEquals(Optional.of("h2"), p.server.applicationProtocol());
            assertNull(p.server.connectionInfo().clientSignatureScheme());
        }
    }
}
