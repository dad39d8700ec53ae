package org.securechannel.context;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.securechannel.codec.ClientHello;
import org.securechannel.codec.ExtensionType;
import org.securechannel.codec.KeyShareExtension;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.codec.SupportedGroupsExtension;
import org.securechannel.crypto.CryptoBackend;
import org.securechannel.crypto.MeasuredDefaultBackend;
import org.securechannel.testing.ContextPair;
import org.securechannel.testing.Records;
import org.securechannel.testing.TestPki;
import org.securechannel.testing.TestPki.KeyType;

/**
 * Hybrid post-quantum groups engine to engine: each group, the default two-share ClientHello, the server's
 * hybrid-first preference, HelloRetryRequest to and from hybrids, client authentication, a ClientHello split
 * over many records, and TLS 1.2, which never negotiates a hybrid.
 */
class EngineHybridGroupTest {
    private static TestPki pki;
    private static TestPki.Issued leaf;
    private static TestPki.Issued clientLeaf;

    @BeforeAll
    static void pki() {
        pki = TestPki.ca(KeyType.EC_P256);
        leaf = pki.issue(KeyType.EC_P256, "pq.test");
        clientLeaf = pki.issue(KeyType.EC_P256, "client");
    }

    private static Credentials.Builder server() {
        return Credentials.server().certificate(leaf.chain(), leaf.key());
    }

    private static Credentials.Builder client() {
        return Credentials.client().trustAnchors(List.of(pki.root()));
    }

    private static ContextPair pair(Credentials client, Credentials server) {
        return new ContextPair(SecurityContext.client(client, "pq.test"), SecurityContext.server(server));
    }

    private static void assertGroup(ContextPair p, NamedGroup group, boolean retry) throws Exception {
        for (SecurityContext side : List.of(p.client, p.server)) {
            ConnectionInfo info = side.connectionInfo();
            assertEquals(group, info.group(), side.isClient() ? "client" : "server");
            assertEquals(retry, info.helloRetryRequest());
        }
        byte[] data = "post-quantum".getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(data, p.transfer(p.client, data));
        assertArrayEquals(data, p.transfer(p.server, data));
    }

    /** The key shares of the first ClientHello the client writes. */
    private static List<KeyShareExtension.KeyShareEntry> firstShares(ContextPair p) throws Exception {
        p.stepOnce(p.client, p.toClient, p.toServer, p.clientStatuses, "client");
        ClientHello hello = ClientHello.parse(message(Records.plainHandshake(p.toServer.peek())));
        return KeyShareExtension.parseClient(hello.extension(ExtensionType.KEY_SHARE).data());
    }

    private static byte[] message(byte[] handshake) {
        return java.util.Arrays.copyOfRange(handshake, 4, handshake.length);
    }

    @ParameterizedTest
    @EnumSource(value = NamedGroup.class, names = {"X25519_MLKEM768", "SECP256R1_MLKEM768", "SECP384R1_MLKEM1024"})
    void eachHybridGroupCompletes(NamedGroup group) throws Exception {
        try (ContextPair p = pair(client().groups(group).build(), server().groups(group).build())) {
            List<KeyShareExtension.KeyShareEntry> shares = firstShares(p);
            assertEquals(1, shares.size(), "a hybrid-only client has nothing classical to add");
            assertEquals(group.keyShareLength(), shares.get(0).keyExchange().length);
            p.handshake();
            assertGroup(p, group, false);
        }
    }

    @Test
    void defaultsSendTwoSharesInOneClientHelloAndAgreeOnX25519MlKem768() throws Exception {
        try (ContextPair p = pair(client().build(), server().build())) {
            List<KeyShareExtension.KeyShareEntry> shares = firstShares(p);
            assertEquals(List.of(NamedGroup.X25519_MLKEM768.code(), NamedGroup.X25519.code()),
                    shares.stream().map(KeyShareExtension.KeyShareEntry::group).toList());
            assertEquals(1216, shares.get(0).keyExchange().length);
            assertTrue(p.toServer.available() > 1400, "the ClientHello is past a typical TCP segment: " + p.toServer.available());
            ClientHello hello = ClientHello.parse(message(Records.plainHandshake(p.toServer.peek())));
            assertEquals(NamedGroup.X25519_MLKEM768.code(),
                    SupportedGroupsExtension.parse(hello.extension(ExtensionType.SUPPORTED_GROUPS).data()).get(0));
            p.handshake();
            assertGroup(p, NamedGroup.X25519_MLKEM768, false);
        }
    }

    @Test
    void defaultClientAndClassicalServerAgreeOnX25519WithoutRetry() throws Exception {
        try (ContextPair p = pair(client().build(),
                server().groups(NamedGroup.X25519, NamedGroup.SECP256R1).build()).handshake()) {
            assertGroup(p, NamedGroup.X25519, false);
        }
    }

    @Test
    void classicalClientAndDefaultServerAgreeOnX25519() throws Exception {
        try (ContextPair p = pair(client().groups(NamedGroup.X25519, NamedGroup.SECP256R1).build(), server().build())
                .handshake()) {
            assertGroup(p, NamedGroup.X25519, false);
        }
    }

    /** The server prefers a hybrid it has a share for even when its own list names x25519 first. */
    @Test
    void serverPrefersTheHybridShareOverItsFirstListedClassicalGroup() throws Exception {
        try (ContextPair p = pair(client().build(),
                server().groups(NamedGroup.X25519, NamedGroup.X25519_MLKEM768).build()).handshake()) {
            assertGroup(p, NamedGroup.X25519_MLKEM768, false);
        }
    }

    /**
     * A client that shares only x25519 but lists the hybrid (as BCJSSE does) is asked for the hybrid: post-quantum
     * security is worth the round trip (ServerGroupPreference).
     */
    @Test
    void serverAsksForTheHybridWhenTheClientSharedOnlyAClassicalGroup() throws Exception {
        try (ContextPair p = pair(client().groups(NamedGroup.X25519, NamedGroup.X25519_MLKEM768).build(),
                server().build()).handshake()) {
            assertGroup(p, NamedGroup.X25519_MLKEM768, true);
        }
    }

    @Test
    void retryToAHybridGroup() throws Exception {
        try (ContextPair p = pair(client().groups(NamedGroup.X25519, NamedGroup.X25519_MLKEM768).build(),
                server().groups(NamedGroup.X25519_MLKEM768).build()).handshake()) {
            assertGroup(p, NamedGroup.X25519_MLKEM768, true);
        }
    }

    @Test
    void retryFromOneHybridToAnother() throws Exception {
        try (ContextPair p = pair(client().groups(NamedGroup.X25519_MLKEM768, NamedGroup.SECP384R1,
                NamedGroup.SECP256R1_MLKEM768).build(), server().groups(NamedGroup.SECP256R1_MLKEM768).build()).handshake()) {
            assertGroup(p, NamedGroup.SECP256R1_MLKEM768, true);
        }
    }

    @Test
    void retryFromAHybridToAClassicalGroup() throws Exception {
        try (ContextPair p = pair(client().build(), server().groups(NamedGroup.SECP384R1).build()).handshake()) {
            assertGroup(p, NamedGroup.SECP384R1, true);
        }
    }

    @Test
    void clientAuthenticationOverAHybrid() throws Exception {
        try (ContextPair p = pair(client().certificate(clientLeaf.chain(), clientLeaf.key()).build(),
                server().trustAnchors(List.of(pki.root())).clientAuth(Credentials.ClientAuth.REQUIRED).build()).handshake()) {
            assertGroup(p, NamedGroup.X25519_MLKEM768, false);
            assertEquals(clientLeaf.chain().get(0), p.server.peerCertificates().get(0));
        }
    }

    /** The 1.5 KB ClientHello re-framed into 200-byte records (RFC 8446 §5.1) is reassembled by the server. */
    @Test
    void clientHelloSplitOverManyRecordsIsReassembled() throws Exception {
        try (ContextPair p = pair(client().build(), server().build())) {
            p.stepOnce(p.client, p.toClient, p.toServer, p.clientStatuses, "client");
            byte[] hello = Records.plainHandshake(p.toServer.drain());
            ByteArrayOutputStream reframed = new ByteArrayOutputStream();
            int records = 0;
            for (int at = 0; at < hello.length; at += 200, records++) {
                int n = Math.min(200, hello.length - at);
                reframed.write(new byte[] {22, 3, 1, (byte) (n >>> 8), (byte) n});
                reframed.write(hello, at, n);
            }
            assertTrue(records >= 7, "records: " + records);
            p.toServer.write(reframed.toByteArray());
            p.handshake();
            assertGroup(p, NamedGroup.X25519_MLKEM768, false);
        }
    }

    /** TLS 1.2 has no place for a KEM: a 1.2-only server picks x25519 from a client that lists hybrids first. */
    @Test
    void tls12NeverNegotiatesAHybrid() throws Exception {
        try (ContextPair p = pair(client().build(),
                server().cipherSuites(Credentials.DEFAULT_TLS12_SUITES).build()).handshake()) {
            assertEquals(ProtocolVersion.TLS12, p.client.connectionInfo().version());
            assertEquals(NamedGroup.X25519, p.client.connectionInfo().group());
            assertEquals(NamedGroup.X25519, p.server.connectionInfo().group());
        }
    }

    /** Hybrids only on a 1.2-only server: no ECDHE group is left, and the handshake fails rather than cheat. */
    @Test
    void tls12ServerWithOnlyHybridsRefuses() {
        try (ContextPair p = pair(client().build(), server().cipherSuites(Credentials.DEFAULT_TLS12_SUITES)
                .groups(NamedGroup.X25519_MLKEM768).build())) {
            SecurityContextException e = assertThrows(SecurityContextException.class, p::handshake);
            assertEquals(Reason.HANDSHAKE_FAILURE, e.reason(), e.getMessage());
            assertFalse(p.server.isEstablished());
        }
    }

    /** A backend without ML-KEM (the JDK's on JDK 17) drops the hybrids from the defaults; hybrids alone fail to build. */
    @Test
    void backendWithoutMlKemLeavesHybridsOut() {
        CryptoBackend jdk = MeasuredDefaultBackend.jdk();
        assertFalse(jdk.supports(NamedGroup.X25519_MLKEM768));
        Credentials c = client().crypto(jdk).build();
        assertFalse(c.groups().stream().anyMatch(NamedGroup::isHybrid), c.groups().toString());
        assertEquals(NamedGroup.X25519, c.groups().get(0));
        assertThrows(IllegalArgumentException.class, () -> client().crypto(jdk).groups(NamedGroup.X25519_MLKEM768).build());
        assertTrue(CryptoBackend.defaultBackend().supports(NamedGroup.X25519_MLKEM768));
    }
}
