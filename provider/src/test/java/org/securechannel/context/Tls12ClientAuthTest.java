package org.securechannel.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.testing.ContextPair;
import org.securechannel.testing.SunJssePeer;
import org.securechannel.testing.TestPki;
import org.securechannel.testing.TestPki.KeyType;

/**
 * Client certificates over TLS 1.2 (RFC 5246 §7.4.4, §7.4.6, §7.4.8): engine to engine with every client key
 * type, optional and required, Schannel's INCOMPLETE_CREDENTIALS on the client, and SunJSSE on either side.
 */
class Tls12ClientAuthTest {
    private static final String HOST = "tls12auth.test";
    private static TestPki pki;
    private static TestPki.Issued serverLeaf;

    @BeforeAll
    static void pki() {
        pki = TestPki.ca(KeyType.EC_P256);
        serverLeaf = pki.issue(KeyType.EC_P256, HOST);
    }

    private static TestPki.Issued clientLeaf(KeyType type) {
        return pki.issue(type, o -> o.subject("CN=tls12 client " + type).extendedKeyUsages(TestPki.Usage.CLIENT_AUTH));
    }

    private static SecurityContext server(Credentials.ClientAuth mode) {
        return SecurityContext.server(Credentials.server().certificate(serverLeaf.chain(), serverLeaf.key())
                .cipherSuites(Credentials.DEFAULT_TLS12_SUITES).clientAuth(mode).trustAnchors(List.of(pki.root())).build());
    }

    private static Credentials.Builder client() {
        return Credentials.client().trustAnchors(List.of(pki.root()));
    }

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"EC_P256", "EC_P384", "RSA_2048", "ED25519"})
    void requiredClientCertificateOfEachKeyType(KeyType type) throws Exception {
        TestPki.Issued leaf = clientLeaf(type);
        SecurityContext c = SecurityContext.client(client().certificate(leaf.chain(), leaf.key()).build(), HOST);
        try (ContextPair p = new ContextPair(c, server(Credentials.ClientAuth.REQUIRED)).handshake()) {
            assertEquals(ProtocolVersion.TLS12, p.server.connectionInfo().version());
            assertEquals(leaf.leaf(), p.server.peerCertificates().get(0));
            assertNotNull(p.server.connectionInfo().clientSignatureScheme());
            assertEquals(p.server.connectionInfo().clientSignatureScheme(), p.client.connectionInfo().clientSignatureScheme());
            assertEquals("after auth", new String(p.transfer(p.client, "after auth".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8));
        }
    }

    @Test
    void optionalWithoutACertificateCompletes() throws Exception {
        try (ContextPair p = new ContextPair(SecurityContext.client(client().build(), HOST), server(Credentials.ClientAuth.OPTIONAL))) {
            // The client has no certificate: INCOMPLETE_CREDENTIALS, then stepping on goes on without one.
            p.handshake();
            assertTrue(p.clientStatuses.contains(Status.INCOMPLETE_CREDENTIALS), p.log::toString);
            assertEquals(List.of(), p.server.peerCertificates());
            assertEquals(ProtocolVersion.TLS12, p.server.connectionInfo().version());
        }
    }

    @Test
    void requiredWithoutACertificateIsHandshakeFailureAtTheServer() throws Exception {
        try (ContextPair p = new ContextPair(SecurityContext.client(client().build(), HOST), server(Credentials.ClientAuth.REQUIRED))) {
            SecurityContextException e = assertThrows(SecurityContextException.class, p::handshake);
            assertEquals(Reason.HANDSHAKE_FAILURE, e.reason(), e.getMessage());
        }
    }

    @Test
    void incompleteCredentialsThenSuppliedCertificate() throws Exception {
        TestPki.Issued leaf = clientLeaf(KeyType.EC_P256);
        SecurityContext c = SecurityContext.client(client().build(), HOST);
        try (SecurityContext s = server(Credentials.ClientAuth.REQUIRED); c) {
            ByteBuffer toServer = ByteBuffer.allocate(64 * 1024);
            ByteBuffer toClient = ByteBuffer.allocate(64 * 1024);
            c.step(ByteBuffer.allocate(0), toServer);
            toServer.flip();
            s.step(toServer, toClient);
            toClient.flip();
            Result r = c.step(toClient, ByteBuffer.allocate(64 * 1024));
            assertEquals(Status.INCOMPLETE_CREDENTIALS, r.status());
            assertEquals(List.of(pki.root().getSubjectX500Principal()), c.acceptableIssuers());
            c.supplyCredentials(client().certificate(leaf.chain(), leaf.key()).build());
            ByteBuffer flight = ByteBuffer.allocate(64 * 1024);
            assertEquals(Status.CONTINUE_NEEDED, c.step(toClient, flight).status());
            flight.flip();
            ByteBuffer last = ByteBuffer.allocate(64 * 1024);
            assertEquals(Status.OK, s.step(flight, last).status());
            last.flip();
            assertEquals(Status.OK, c.step(last, ByteBuffer.allocate(1024)).status());
            assertEquals(leaf.leaf(), s.peerCertificates().get(0));
            assertEquals(List.of(pki.root().getSubjectX500Principal()), c.acceptableIssuers(),
                    "the issuer list stays readable after the handshake, as with TLS 1.3");
        }
    }

    @Test
    void sunJsseServerNeedsOurClientCertificate() throws Exception {
        TestPki.Issued leaf = clientLeaf(KeyType.EC_P256);
        SSLEngine server = SunJssePeer.context("TLSv1.2", serverLeaf, pki.root()).createSSLEngine();
        server.setUseClientMode(false);
        server.setEnabledProtocols(new String[] {"TLSv1.2"});
        server.setNeedClientAuth(true);
        try (SecurityContext c = SecurityContext.client(client().certificate(leaf.chain(), leaf.key()).build(), HOST)) {
            SunJssePeer p = new SunJssePeer(server, c).handshake();
            assertEquals(ProtocolVersion.TLS12, c.connectionInfo().version());
            assertEquals(leaf.leaf(), p.engine.getSession().getPeerCertificates()[0]);
        }
    }

    @Test
    void sunJsseClientCertificateToOurServer() throws Exception {
        TestPki.Issued leaf = clientLeaf(KeyType.RSA_2048);
        SSLEngine client = SunJssePeer.context("TLSv1.2", leaf, pki.root()).createSSLEngine(HOST, 443);
        client.setUseClientMode(true);
        try (SecurityContext s = server(Credentials.ClientAuth.REQUIRED)) {
            new SunJssePeer(client, s).handshake();
            assertEquals(ProtocolVersion.TLS12, s.connectionInfo().version());
            assertEquals(leaf.leaf(), s.peerCertificates().get(0));
        }
    }
}
