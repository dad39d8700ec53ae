package org.securechannel.context;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.testing.ContextPair;
import org.securechannel.testing.TestPki;
import org.securechannel.testing.TestPki.KeyType;

/**
 * Every suite x group x server certificate type, forced through the client's credentials: the handshake
 * negotiates exactly that, data flows both ways, the exporter agrees across the connection and differs
 * between connections, and close_notify ends it.
 */
class EngineMatrixTest {
    private static final String HOST = "matrix.test";
    private static TestPki pki;
    private static final Map<KeyType, TestPki.Issued> LEAVES = new EnumMap<>(KeyType.class);
    /** Exporter outputs of every connection in this class: no two connections may share one. */
    private static final Set<String> EXPORTED = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void pki() {
        pki = TestPki.ca(KeyType.EC_P256);
        for (KeyType t : KeyType.values()) {
            LEAVES.put(t, pki.issue(t, HOST));
        }
    }

    static Stream<Arguments> matrix() {
        Map<KeyType, SignatureScheme> schemes = Map.of(
                KeyType.EC_P256, SignatureScheme.ECDSA_SECP256R1_SHA256,
                KeyType.EC_P384, SignatureScheme.ECDSA_SECP384R1_SHA384,
                KeyType.ED25519, SignatureScheme.ED25519,
                KeyType.RSA_2048, SignatureScheme.RSA_PSS_RSAE_SHA256,
                KeyType.RSA_PSS_2048, SignatureScheme.RSA_PSS_PSS_SHA256);
        List<Arguments> out = new ArrayList<>();
        for (CipherSuite suite : List.of(CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_AES_256_GCM_SHA384,
                CipherSuite.TLS_CHACHA20_POLY1305_SHA256)) {
            for (NamedGroup group : List.of(NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.SECP384R1)) {
                for (KeyType key : List.of(KeyType.EC_P256, KeyType.EC_P384, KeyType.ED25519, KeyType.RSA_2048,
                        KeyType.RSA_PSS_2048)) {
                    out.add(Arguments.of(suite, group, key, schemes.get(key)));
                }
            }
        }
        return out.stream();
    }

    /** The RSA hash variants too, on one suite and group: each must be the scheme used. */
    static Stream<Arguments> rsaVariants() {
        return Stream.of(
                Arguments.of(KeyType.RSA_2048, SignatureScheme.RSA_PSS_RSAE_SHA384),
                Arguments.of(KeyType.RSA_2048, SignatureScheme.RSA_PSS_RSAE_SHA512),
                Arguments.of(KeyType.RSA_PSS_2048, SignatureScheme.RSA_PSS_PSS_SHA384),
                Arguments.of(KeyType.RSA_PSS_2048, SignatureScheme.RSA_PSS_PSS_SHA512));
    }

    private static Credentials server(KeyType... keys) {
        Credentials.Builder b = Credentials.server();
        for (KeyType k : keys) {
            b.certificate(LEAVES.get(k).chain(), LEAVES.get(k).key());
        }
        return b.build();
    }

    private static Credentials.Builder client() {
        return Credentials.client().trustAnchors(List.of(pki.root()));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("matrix")
    void everyCombination(CipherSuite suite, NamedGroup group, KeyType key, SignatureScheme scheme) throws Exception {
        Credentials c = client().cipherSuites(suite).groups(group).signatureSchemes(scheme).build();
        runAndCheck(c, server(key), key, new ConnectionInfo(ProtocolVersion.TLS13, suite, group, scheme, null, false));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("rsaVariants")
    void rsaHashVariants(KeyType key, SignatureScheme scheme) throws Exception {
        Credentials c = client().signatureSchemes(scheme).build();
        runAndCheck(c, server(key), key, new ConnectionInfo(ProtocolVersion.TLS13, CipherSuite.TLS_AES_128_GCM_SHA256,
                NamedGroup.X25519_MLKEM768, scheme, null, false));
    }

    /** The server forces the choice too: its own single suite/group, the client offering everything. */
    @Test
    void serverSideRestrictionsAreHonoured() throws Exception {
        Credentials s = Credentials.server().certificate(LEAVES.get(KeyType.EC_P384).chain(), LEAVES.get(KeyType.EC_P384).key())
                .cipherSuites(CipherSuite.TLS_CHACHA20_POLY1305_SHA256).groups(NamedGroup.X25519)
                .signatureSchemes(SignatureScheme.ECDSA_SECP384R1_SHA384).build();
        runAndCheck(client().build(), s, KeyType.EC_P384, new ConnectionInfo(ProtocolVersion.TLS13,
                CipherSuite.TLS_CHACHA20_POLY1305_SHA256, NamedGroup.X25519, SignatureScheme.ECDSA_SECP384R1_SHA384, null, false));
    }

    /** Same configuration twice: the exporter must still differ (fresh randoms and key shares). */
    @Test
    void exporterDiffersAcrossIdenticalConnections() throws Exception {
        Credentials c = client().build();
        Credentials s = server(KeyType.EC_P256);
        byte[] first;
        byte[] second;
        try (ContextPair a = new ContextPair(SecurityContext.client(c, HOST), SecurityContext.server(s)).handshake();
                ContextPair b = new ContextPair(SecurityContext.client(c, HOST), SecurityContext.server(s)).handshake()) {
            first = a.client.exportKeyingMaterial("EXPORTER-test", new byte[] {1, 2, 3}, 48);
            second = b.client.exportKeyingMaterial("EXPORTER-test", new byte[] {1, 2, 3}, 48);
            assertArrayEquals(first, a.server.exportKeyingMaterial("EXPORTER-test", new byte[] {1, 2, 3}, 48));
            assertArrayEquals(second, b.server.exportKeyingMaterial("EXPORTER-test", new byte[] {1, 2, 3}, 48));
            // Label and context are inputs: changing either changes the output.
            assertFalse(java.util.Arrays.equals(first, a.client.exportKeyingMaterial("EXPORTER-other", new byte[] {1, 2, 3}, 48)));
            assertFalse(java.util.Arrays.equals(first, a.client.exportKeyingMaterial("EXPORTER-test", new byte[] {1, 2, 4}, 48)));
            assertEquals(17, a.client.exportKeyingMaterial("EXPORTER-test", null, 17).length);
        }
        assertFalse(java.util.Arrays.equals(first, second));
    }

    /** RSA and ECDSA certificates side by side: the server answers in the client's signature_algorithms order. */
    @Test
    void serverPicksCertificateByClientSchemeOrder() throws Exception {
        Credentials s = server(KeyType.RSA_2048, KeyType.EC_P256);
        Credentials rsaFirst = client().signatureSchemes(SignatureScheme.RSA_PSS_RSAE_SHA256,
                SignatureScheme.ECDSA_SECP256R1_SHA256).build();
        Credentials ecFirst = client().signatureSchemes(SignatureScheme.ECDSA_SECP256R1_SHA256,
                SignatureScheme.RSA_PSS_RSAE_SHA256).build();
        try (ContextPair p = new ContextPair(SecurityContext.client(rsaFirst, HOST), SecurityContext.server(s)).handshake()) {
            assertEquals(SignatureScheme.RSA_PSS_RSAE_SHA256, p.client.connectionInfo().signatureScheme());
            assertEquals(LEAVES.get(KeyType.RSA_2048).leaf(), p.client.peerCertificates().get(0));
        }
        try (ContextPair p = new ContextPair(SecurityContext.client(ecFirst, HOST), SecurityContext.server(s)).handshake()) {
            assertEquals(SignatureScheme.ECDSA_SECP256R1_SHA256, p.client.connectionInfo().signatureScheme());
            assertEquals(LEAVES.get(KeyType.EC_P256).leaf(), p.client.peerCertificates().get(0));
        }
        // The certificates' order in the credentials does not matter.
        Credentials reversed = server(KeyType.EC_P256, KeyType.RSA_2048);
        try (ContextPair p = new ContextPair(SecurityContext.client(rsaFirst, HOST), SecurityContext.server(reversed)).handshake()) {
            assertEquals(SignatureScheme.RSA_PSS_RSAE_SHA256, p.client.connectionInfo().signatureScheme());
            assertEquals(LEAVES.get(KeyType.RSA_2048).leaf(), p.client.peerCertificates().get(0));
        }
    }

    private void runAndCheck(Credentials c, Credentials s, KeyType key, ConnectionInfo expected) throws Exception {
        try (ContextPair p = new ContextPair(SecurityContext.client(c, HOST), SecurityContext.server(s))) {
            p.handshake();
            assertTrue(p.client.isEstablished());
            assertTrue(p.server.isEstablished());
            assertEquals(expected, p.client.connectionInfo());
            assertEquals(expected, p.server.connectionInfo());
            assertEquals(LEAVES.get(key).chain(), p.client.peerCertificates());
            assertEquals(List.of(), p.server.peerCertificates());
            assertEquals(java.util.Optional.empty(), p.client.applicationProtocol());

            byte[] ping = ("ping " + expected).getBytes(StandardCharsets.UTF_8);
            byte[] pong = ("pong " + expected).getBytes(StandardCharsets.UTF_8);
            assertArrayEquals(ping, p.transfer(p.client, ping));
            assertArrayEquals(pong, p.transfer(p.server, pong));

            byte[] ec = p.client.exportKeyingMaterial("EXPORTER-matrix", "ctx".getBytes(StandardCharsets.UTF_8), 32);
            byte[] es = p.server.exportKeyingMaterial("EXPORTER-matrix", "ctx".getBytes(StandardCharsets.UTF_8), 32);
            assertEquals(32, ec.length);
            assertArrayEquals(ec, es);
            assertTrue(EXPORTED.add(Base64.getEncoder().encodeToString(ec)), "exporter output repeated across connections");

            // Close from the client: the server sees CONTEXT_EXPIRED.
            Result shut = p.shutdown(p.client);
            assertEquals(Status.OK, shut.status());
            assertTrue(shut.bytesProduced() > 0);
            ByteBuffer in = p.toServer.view();
            Result r = p.server.decrypt(in, ByteBuffer.allocate(1024));
            assertEquals(Status.CONTEXT_EXPIRED, r.status());
            assertEquals(0, r.bytesProduced());
            assertFalse(in.hasRemaining());
            assertNotNull(p.client.connectionInfo());
            assertNull(p.server.connectionInfo().clientSignatureScheme());
        }
    }
}
