package org.securechannel.context;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.codec.ServerHello;
import org.securechannel.testing.ContextPair;
import org.securechannel.testing.SunJssePeer;
import org.securechannel.testing.TestPki;
import org.securechannel.testing.TestPki.KeyType;

/**
 * Our client in TLS 1.2: one ClientHello offering 1.3 and 1.2, handed over to the TLS 1.2 state machine when
 * the server answers in 1.2. Against SunJSSE's TLS 1.2 server (every suite and group), against our own server
 * (both versions from one hello; exporters agree), and against a downgrade.
 */
class Tls12ClientTest {
    private static final String HOST = "tls12client.test";
    private static TestPki pki;
    private static TestPki.Issued ecLeaf;
    private static TestPki.Issued rsaLeaf;

    @BeforeAll
    static void pki() {
        pki = TestPki.ca(KeyType.EC_P256);
        ecLeaf = pki.issue(KeyType.EC_P256, HOST);
        rsaLeaf = pki.issue(KeyType.RSA_2048, HOST);
    }

    static List<CipherSuite> bothVersions() {
        return Credentials.DEFAULT_SUITES;
    }

    private static List<CipherSuite> tls12Only() {
        return bothVersions().stream().filter(s -> s.version() == ProtocolVersion.TLS12).toList();
    }

    private static SecurityContext client(List<CipherSuite> suites) {
        return SecurityContext.client(Credentials.client().trustAnchors(List.of(pki.root())).cipherSuites(suites).build(), HOST);
    }

    private static SecurityContext server(TestPki.Issued leaf, List<CipherSuite> suites) {
        return SecurityContext.server(Credentials.server().certificate(leaf.chain(), leaf.key()).cipherSuites(suites).build());
    }

    static List<Arguments> suitesAndGroups() {
        List<Arguments> out = new ArrayList<>();
        for (CipherSuite s : CipherSuite.values()) {
            if (s.version() == ProtocolVersion.TLS12) {
                for (NamedGroup g : List.of(NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.SECP384R1)) {
                    out.add(Arguments.of(s, g));
                }
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("suitesAndGroups")
    void againstSunJsseTls12Server(CipherSuite suite, NamedGroup group) throws Exception {
        TestPki.Issued leaf = suite.authentication() == CipherSuite.Authentication.RSA ? rsaLeaf : ecLeaf;
        SSLEngine server = SunJssePeer.context("TLSv1.2", leaf).createSSLEngine();
        server.setUseClientMode(false);
        server.setEnabledProtocols(new String[] {"TLSv1.2"});
        server.setEnabledCipherSuites(new String[] {suite.name()});
        // We offer the group first; SunJSSE also wants its P-256 certificate's curve offered (RFC 4492's old rule).
        List<NamedGroup> offered = group == NamedGroup.SECP256R1 ? List.of(group) : List.of(group, NamedGroup.SECP256R1);
        SecurityContext ours = SecurityContext.client(Credentials.client().trustAnchors(List.of(pki.root()))
                .cipherSuites(bothVersions()).groups(offered).build(), HOST);
        try (SecurityContext client = ours) {
            SunJssePeer p = new SunJssePeer(server, client).handshake();
            ConnectionInfo info = client.connectionInfo();
            assertEquals(ProtocolVersion.TLS12, info.version());
            assertEquals(suite, info.cipherSuite());
            assertTrue(offered.contains(info.group()), () -> "group " + info.group());
            p.encryptOurs("ping".getBytes(StandardCharsets.UTF_8));
            assertEquals("ping", new String(p.theirPlaintext(), StandardCharsets.UTF_8));
            p.wrap(ByteBuffer.wrap("pong".getBytes(StandardCharsets.UTF_8)));
            assertEquals("pong", new String(p.ourPlaintext(), StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("suitesAndGroups")
    void engineToEngine(CipherSuite suite, NamedGroup group) throws Exception {
        TestPki.Issued leaf = suite.authentication() == CipherSuite.Authentication.RSA ? rsaLeaf : ecLeaf;
        SecurityContext c = SecurityContext.client(Credentials.client().trustAnchors(List.of(pki.root()))
                .cipherSuites(List.of(suite)).groups(group).build(), HOST);
        try (ContextPair p = new ContextPair(c, server(leaf, bothVersions())).handshake()) {
            assertEquals(ProtocolVersion.TLS12, p.client.connectionInfo().version());
            assertEquals(suite, p.server.connectionInfo().cipherSuite());
            assertEquals(group, p.server.connectionInfo().group());
            assertArrayEquals(p.client.exportKeyingMaterial("EXPORTER-test", new byte[] {1}, 32),
                    p.server.exportKeyingMaterial("EXPORTER-test", new byte[] {1}, 32));
            byte[] big = new byte[70_000];
            new java.util.Random(3).nextBytes(big);
            assertArrayEquals(big, p.transfer(p.client, big));
            assertArrayEquals(big, p.transfer(p.server, big));
        }
    }

    @Test
    void oneHelloNegotiatesTls13WhenBothCanAndTls12WhenTheServerCannot() throws Exception {
        try (ContextPair p = new ContextPair(client(bothVersions()), server(ecLeaf, bothVersions())).handshake()) {
            assertEquals(ProtocolVersion.TLS13, p.client.connectionInfo().version());
        }
        try (ContextPair p = new ContextPair(client(bothVersions()), server(ecLeaf, tls12Only())).handshake()) {
            assertEquals(ProtocolVersion.TLS12, p.client.connectionInfo().version());
            assertEquals(ProtocolVersion.TLS12, p.server.connectionInfo().version());
        }
    }

    /** RFC 8446 §4.1.3: a 1.2 ServerHello whose random ends in DOWNGRD\1 to a client that offered 1.3 is an attack. */
    @Test
    void downgradeSentinelIsIllegalParameter() throws Exception {
        try (SecurityContext client = client(bothVersions()); SecurityContext server = server(ecLeaf, tls12Only())) {
            ByteBuffer hello = ByteBuffer.allocate(8192);
            client.step(ByteBuffer.allocate(0), hello);
            hello.flip();
            ByteBuffer flight = ByteBuffer.allocate(16384);
            server.step(hello, flight);
            byte[] wire = java.util.Arrays.copyOf(flight.array(), flight.position());
            // ServerHello body: 5-byte record header, 4-byte message header, 2-byte version, then the random.
            System.arraycopy(ServerHello.DOWNGRADE_TLS12, 0, wire, 5 + 4 + 2 + 24, 8);
            SecurityContextException e = assertThrows(SecurityContextException.class,
                    () -> client.step(ByteBuffer.wrap(wire), ByteBuffer.allocate(8192)));
            assertEquals(Reason.ILLEGAL_PARAMETER, e.reason(), e.getMessage());
        }
    }

    /** A ServerHello in TLS 1.2 to a client that enabled only TLS 1.3 is protocol_version. */
    @Test
    void aTls13OnlyClientRefusesATls12ServerHelloWithProtocolVersion() throws Exception {
        try (SecurityContext both = client(bothVersions()); SecurityContext server = server(ecLeaf, tls12Only());
                SecurityContext onlyTls13 = client(Credentials.DEFAULT_TLS13_SUITES)) {
            ByteBuffer hello = ByteBuffer.allocate(8192);
            both.step(ByteBuffer.allocate(0), hello);
            hello.flip();
            ByteBuffer flight = ByteBuffer.allocate(16384);
            server.step(hello, flight);
            flight.flip();
            onlyTls13.step(ByteBuffer.allocate(0), ByteBuffer.allocate(8192));
            SecurityContextException e = assertThrows(SecurityContextException.class,
                    () -> onlyTls13.step(flight, ByteBuffer.allocate(8192)));
            assertEquals(Reason.PROTOCOL_VERSION, e.reason(), e.getMessage());
        }
    }
}
