package org.securechannel.context;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.securechannel.codec.ClientHello;
import org.securechannel.codec.CookieExtension;
import org.securechannel.codec.ExtensionType;
import org.securechannel.codec.HandshakeType;
import org.securechannel.codec.KeyShareExtension;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.ServerHello;
import org.securechannel.testing.ContextPair;
import org.securechannel.testing.Records;
import org.securechannel.testing.TestPki;
import org.securechannel.testing.TestPki.KeyType;

/** HelloRetryRequest: the client's first key share is for a group the server does not take. */
class EngineHelloRetryTest {
    private static TestPki pki;
    private static TestPki.Issued leaf;

    @BeforeAll
    static void pki() {
        pki = TestPki.ca(KeyType.EC_P256);
        leaf = pki.issue(KeyType.EC_P256, "hrr.test");
    }

    private static Credentials server(NamedGroup... groups) {
        return Credentials.server().certificate(leaf.chain(), leaf.key()).groups(groups).build();
    }

    private static Credentials client(NamedGroup... groups) {
        return Credentials.client().trustAnchors(List.of(pki.root())).groups(groups).build();
    }

    @Test
    void retryForSecp384r1CarriesCookieAndCompletes() throws Exception {
        try (ContextPair p = new ContextPair(SecurityContext.client(client(NamedGroup.X25519, NamedGroup.SECP384R1), "hrr.test"),
                SecurityContext.server(server(NamedGroup.SECP384R1)))) {
            // Flight 1: ClientHello with an x25519 share only.
            assertEquals(Status.CONTINUE_NEEDED, p.stepOnce(p.client, p.toClient, p.toServer, p.clientStatuses, "client"));
            byte[] firstHello = Records.plainHandshake(p.toServer.peek());
            ClientHello ch1 = ClientHello.parse(onlyMessage(firstHello, HandshakeType.CLIENT_HELLO));
            List<KeyShareExtension.KeyShareEntry> shares1 = KeyShareExtension.parseClient(ch1.extension(ExtensionType.KEY_SHARE).data());
            assertEquals(1, shares1.size());
            assertEquals(NamedGroup.X25519.code(), shares1.get(0).group());
            assertNull(ch1.extension(ExtensionType.COOKIE));

            // The server answers with a HelloRetryRequest naming secp384r1, with a cookie.
            assertEquals(Status.CONTINUE_NEEDED, p.stepOnce(p.server, p.toServer, p.toClient, p.serverStatuses, "server"));
            assertEquals(0, p.toServer.available(), "the server must consume the whole ClientHello");
            byte[] hrrBytes = Records.plainHandshake(p.toClient.peek());
            ServerHello hrr = ServerHello.parse(onlyMessage(hrrBytes, HandshakeType.SERVER_HELLO));
            assertTrue(hrr.isHelloRetryRequest());
            assertEquals(NamedGroup.SECP384R1.code(),
                    KeyShareExtension.parseHelloRetryRequest(hrr.extension(ExtensionType.KEY_SHARE).data()));
            assertNotNull(hrr.extension(ExtensionType.COOKIE));
            byte[] cookie = CookieExtension.parse(hrr.extension(ExtensionType.COOKIE).data());
            assertFalse(p.server.isEstablished());

            // Flight 3: the second ClientHello echoes the cookie and holds exactly a secp384r1 share.
            assertEquals(Status.CONTINUE_NEEDED, p.stepOnce(p.client, p.toClient, p.toServer, p.clientStatuses, "client"));
            // What the client left unread (allowed with CONTINUE_NEEDED) can only be the server's compatibility CCS.
            if (p.toClient.available() > 0) {
                assertArrayEquals(new byte[] {20, 3, 3, 0, 1, 1}, p.toClient.peek());
            }
            byte[] secondFlight = p.toServer.peek();
            // Middlebox compatibility: a change_cipher_spec record precedes the second ClientHello.
            assertEquals(20, Records.split(secondFlight).get(0).type());
            ClientHello ch2 = ClientHello.parse(onlyMessage(Records.plainHandshake(secondFlight), HandshakeType.CLIENT_HELLO));
            assertNotNull(ch2.extension(ExtensionType.COOKIE), "second ClientHello must carry the cookie");
            assertArrayEquals(cookie, CookieExtension.parse(ch2.extension(ExtensionType.COOKIE).data()));
            List<KeyShareExtension.KeyShareEntry> shares2 = KeyShareExtension.parseClient(ch2.extension(ExtensionType.KEY_SHARE).data());
            assertEquals(1, shares2.size());
            assertEquals(NamedGroup.SECP384R1.code(), shares2.get(0).group());
            assertArrayEquals(ch1.random(), ch2.random());
            assertArrayEquals(ch1.legacySessionId(), ch2.legacySessionId());

            p.handshake();
            ConnectionInfo ci = p.client.connectionInfo();
            assertTrue(ci.helloRetryRequest());
            assertTrue(p.server.connectionInfo().helloRetryRequest());
            assertEquals(NamedGroup.SECP384R1, ci.group());
            assertEquals(ci, p.server.connectionInfo());

            byte[] a = "after retry, client".getBytes(StandardCharsets.UTF_8);
            byte[] b = "after retry, server".getBytes(StandardCharsets.UTF_8);
            assertArrayEquals(a, p.transfer(p.client, a));
            assertArrayEquals(b, p.transfer(p.server, b));
            assertArrayEquals(p.client.exportKeyingMaterial("EXPORTER-hrr", null, 32),
                    p.server.exportKeyingMaterial("EXPORTER-hrr", null, 32));
        }
    }

    /** Without a retry, helloRetryRequest() is false on both sides. */
    @Test
    void noRetryWhenTheFirstShareFits() throws Exception {
        try (ContextPair p = new ContextPair(SecurityContext.client(client(NamedGroup.X25519, NamedGroup.SECP384R1), "hrr.test"),
                SecurityContext.server(server(NamedGroup.SECP384R1, NamedGroup.X25519))).handshake()) {
            assertFalse(p.client.connectionInfo().helloRetryRequest());
            assertFalse(p.server.connectionInfo().helloRetryRequest());
            assertEquals(NamedGroup.X25519, p.client.connectionInfo().group());
            assertEquals(List.of(Status.CONTINUE_NEEDED, Status.OK), p.clientStatuses);
        }
    }

    /** No group in common at all: handshake_failure, no retry. */
    @Test
    void noCommonGroupFails() throws Exception {
        try (ContextPair p = new ContextPair(SecurityContext.client(client(NamedGroup.X25519), "hrr.test"),
                SecurityContext.server(server(NamedGroup.SECP384R1)))) {
            SecurityContextException e = org.junit.jupiter.api.Assertions.assertThrows(SecurityContextException.class, p::handshake);
            assertEquals(Reason.HANDSHAKE_FAILURE, e.reason());
            assertTrue(e.alertToSend().length > 0);
        }
    }

    private static byte[] onlyMessage(byte[] handshake, HandshakeType type) {
        List<Object[]> msgs = Records.messages(handshake);
        assertEquals(1, msgs.size(), "exactly one handshake message");
        assertEquals(type.code(), (int) (Integer) msgs.get(0)[0]);
        return (byte[]) msgs.get(0)[1];
    }
}
