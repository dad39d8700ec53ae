package org.securechannel.context;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.testing.ContextPair;
import org.securechannel.testing.Pipe;
import org.securechannel.testing.TestPki;
import org.securechannel.testing.TestPki.KeyType;

/** Client certificates: NONE / OPTIONAL / REQUIRED, INCOMPLETE_CREDENTIALS, selection by certificate_authorities. */
class EngineClientAuthTest {
    private static final String HOST = "auth.test";
    private static TestPki serverCa;
    private static TestPki clientCa;
    private static TestPki otherClientCa;
    private static TestPki.Issued serverLeaf;
    private static TestPki.Issued clientLeaf;
    private static TestPki.Issued otherClientLeaf;

    @BeforeAll
    static void pki() {
        serverCa = TestPki.ca(KeyType.EC_P256);
        clientCa = TestPki.ca(KeyType.EC_P256);
        otherClientCa = TestPki.ca(KeyType.EC_P256);
        serverLeaf = serverCa.issue(KeyType.EC_P256, HOST);
        clientLeaf = clientCa.issue(KeyType.EC_P384, o -> o.subject("CN=client B"));
        otherClientLeaf = otherClientCa.issue(KeyType.EC_P384, o -> o.subject("CN=client A"));
    }

    private static Credentials server(Credentials.ClientAuth auth) {
        return Credentials.server().certificate(serverLeaf.chain(), serverLeaf.key()).clientAuth(auth)
                .trustAnchors(List.of(clientCa.root())).build();
    }

    private static Credentials.Builder client() {
        return Credentials.client().trustAnchors(List.of(serverCa.root()));
    }

    private static Credentials clientWithCert() {
        return client().certificate(clientLeaf.chain(), clientLeaf.key()).build();
    }

    private static ContextPair pair(Credentials c, Credentials s) {
        return new ContextPair(SecurityContext.client(c, HOST), SecurityContext.server(s));
    }

    @ParameterizedTest
    @EnumSource(Credentials.ClientAuth.class)
    void clientWithCertificate(Credentials.ClientAuth auth) throws Exception {
        try (ContextPair p = pair(clientWithCert(), server(auth)).handshake()) {
            if (auth == Credentials.ClientAuth.NONE) {
                assertEquals(List.of(), p.server.peerCertificates());
                assertNull(p.server.connectionInfo().clientSignatureScheme());
                assertNull(p.client.connectionInfo().clientSignatureScheme());
            } else {
                assertEquals(clientLeaf.chain(), p.server.peerCertificates());
                assertEquals(SignatureScheme.ECDSA_SECP384R1_SHA384, p.server.connectionInfo().clientSignatureScheme());
                assertEquals(SignatureScheme.ECDSA_SECP384R1_SHA384, p.client.connectionInfo().clientSignatureScheme());
            }
            assertFalse(p.clientStatuses.contains(Status.INCOMPLETE_CREDENTIALS));
            assertEquals(serverLeaf.chain(), p.client.peerCertificates());
            exchange(p);
        }
    }

    @Test
    void noneWithoutCertificate() throws Exception {
        try (ContextPair p = pair(client().build(), server(Credentials.ClientAuth.NONE)).handshake()) {
            assertEquals(List.of(), p.server.peerCertificates());
            assertFalse(p.clientStatuses.contains(Status.INCOMPLETE_CREDENTIALS));
            assertEquals(List.of(), p.client.acceptableIssuers());
            exchange(p);
        }
    }

    @Test
    void optionalWithoutCertificateCompletes() throws Exception {
        try (ContextPair p = pair(client().build(), server(Credentials.ClientAuth.OPTIONAL)).handshake()) {
            assertEquals(List.of(), p.server.peerCertificates());
            assertNull(p.server.connectionInfo().clientSignatureScheme());
            assertNull(p.client.connectionInfo().clientSignatureScheme());
            // ContextPair answered INCOMPLETE_CREDENTIALS by stepping again: go on without a certificate.
            assertTrue(p.clientStatuses.contains(Status.INCOMPLETE_CREDENTIALS), p.log.toString());
            exchange(p);
        }
    }

    @Test
    void requiredWithoutCertificateFailsWithCertificateRequired() throws Exception {
        try (ContextPair p = pair(client().build(), server(Credentials.ClientAuth.REQUIRED))) {
            SecurityContextException e = assertThrows(SecurityContextException.class, p::handshake);
            assertEquals(Reason.CERTIFICATE_REQUIRED, e.reason());
            assertEquals(AlertDescription.CERTIFICATE_REQUIRED, e.alert());
            assertNull(e.peerAlert());
            byte[] alert = e.alertToSend();
            assertTrue(alert.length > 0);
            assertEquals(23, alert[0], "the alert is protected: an application_data record");
            // The client completed its side (it sent an empty Certificate); the alert reaches it as a record.
            assertTrue(p.client.isEstablished());
            SecurityContextException peer = assertThrows(SecurityContextException.class,
                    () -> p.client.decrypt(ByteBuffer.wrap(alert), ByteBuffer.allocate(1024)));
            assertEquals(Reason.PEER_ALERT, peer.reason());
            assertEquals(AlertDescription.CERTIFICATE_REQUIRED, peer.peerAlert());
            assertTrue(peer.getMessage().contains("certificate_required"), peer.getMessage());
            // Both contexts are dead now.
            assertEquals(Reason.INVALID_STATE, assertThrows(SecurityContextException.class,
                    () -> p.server.step(ByteBuffer.allocate(0), ByteBuffer.allocate(1024))).reason());
            assertEquals(Reason.INVALID_STATE, assertThrows(SecurityContextException.class,
                    () -> p.client.encrypt(ByteBuffer.wrap(new byte[1]), ByteBuffer.allocate(1024))).reason());
        }
    }

    /** INCOMPLETE_CREDENTIALS, then supplyCredentials with a certificate: the handshake completes with client auth. */
    @ParameterizedTest
    @EnumSource(value = Credentials.ClientAuth.class, names = {"OPTIONAL", "REQUIRED"})
    void incompleteCredentialsThenSupply(Credentials.ClientAuth auth) throws Exception {
        Credentials bare = client().build();
        try (ContextPair p = pair(bare, server(auth))) {
            Result r = stepUntilIncompleteCredentials(p);
            assertEquals(Status.INCOMPLETE_CREDENTIALS, r.status());
            assertTrue(p.client.acceptableIssuers().contains(clientCa.root().getSubjectX500Principal()),
                    "acceptableIssuers " + p.client.acceptableIssuers());
            assertFalse(p.client.isEstablished());
            p.client.supplyCredentials(bare.toBuilder().certificate(clientLeaf.chain(), clientLeaf.key()).build());
            p.handshake();
            assertEquals(clientLeaf.chain(), p.server.peerCertificates());
            assertEquals(SignatureScheme.ECDSA_SECP384R1_SHA384, p.server.connectionInfo().clientSignatureScheme());
            exchange(p);
        }
    }

    /** INCOMPLETE_CREDENTIALS, then step again without supplying: no certificate; OPTIONAL completes. */
    @Test
    void incompleteCredentialsThenContinueWithout() throws Exception {
        try (ContextPair p = pair(client().build(), server(Credentials.ClientAuth.OPTIONAL))) {
            assertEquals(Status.INCOMPLETE_CREDENTIALS, stepUntilIncompleteCredentials(p).status());
            ByteBuffer out = ByteBuffer.allocate(32 * 1024);
            Result r = p.client.step(p.toClient.view(), out);
            assertEquals(Status.OK, r.status(), r.toString());
            assertTrue(r.bytesProduced() > 0);
            out.flip();
            p.toServer.write(out);
            p.handshake();
            assertEquals(List.of(), p.server.peerCertificates());
            assertNull(p.server.connectionInfo().clientSignatureScheme());
            exchange(p);
        }
    }

    /** Supplying the same credentials again (no certificate) is also "go on without". */
    @Test
    void incompleteCredentialsThenSupplySameCredentials() throws Exception {
        Credentials bare = client().build();
        try (ContextPair p = pair(bare, server(Credentials.ClientAuth.OPTIONAL))) {
            assertEquals(Status.INCOMPLETE_CREDENTIALS, stepUntilIncompleteCredentials(p).status());
            p.client.supplyCredentials(bare);
            p.handshake();
            assertEquals(List.of(), p.server.peerCertificates());
        }
    }

    @Test
    void supplyCredentialsOutsideIncompleteCredentialsIsInvalidState() throws Exception {
        try (ContextPair p = pair(clientWithCert(), server(Credentials.ClientAuth.NONE))) {
            assertEquals(Reason.INVALID_STATE, assertThrows(SecurityContextException.class,
                    () -> p.client.supplyCredentials(clientWithCert())).reason());
        }
    }

    /** The client has chains from two CAs; the server trusts only B: the client presents B's chain. */
    @Test
    void clientPicksChainByCertificateAuthorities() throws Exception {
        Credentials c = client().certificate(otherClientLeaf.chain(), otherClientLeaf.key())
                .certificate(clientLeaf.chain(), clientLeaf.key()).build();
        try (ContextPair p = pair(c, server(Credentials.ClientAuth.REQUIRED)).handshake()) {
            assertEquals(clientLeaf.chain(), p.server.peerCertificates());
            assertSame(null, null);
            assertFalse(p.clientStatuses.contains(Status.INCOMPLETE_CREDENTIALS));
        }
        // And the other way round: a server trusting only A gets A's chain.
        Credentials s = Credentials.server().certificate(serverLeaf.chain(), serverLeaf.key())
                .clientAuth(Credentials.ClientAuth.REQUIRED).trustAnchors(List.of(otherClientCa.root())).build();
        Credentials reversed = client().certificate(clientLeaf.chain(), clientLeaf.key())
                .certificate(otherClientLeaf.chain(), otherClientLeaf.key()).build();
        try (ContextPair p = pair(c, s).handshake(); ContextPair q = pair(reversed, s).handshake()) {
            assertEquals(otherClientLeaf.chain(), p.server.peerCertificates());
            assertEquals(otherClientLeaf.chain(), q.server.peerCertificates());
        }
    }

    /** The client's only chain is from a CA the server does not name: INCOMPLETE_CREDENTIALS, not a wrong chain. */
    @Test
    void chainFromUnnamedCaIsNotOffered() throws Exception {
        Credentials c = client().certificate(otherClientLeaf.chain(), otherClientLeaf.key()).build();
        try (ContextPair p = pair(c, server(Credentials.ClientAuth.OPTIONAL))) {
            assertEquals(Status.INCOMPLETE_CREDENTIALS, stepUntilIncompleteCredentials(p).status());
            assertEquals(List.of(clientCa.root().getSubjectX500Principal()), p.client.acceptableIssuers());
            p.handshake();
            assertEquals(List.of(), p.server.peerCertificates());
        }
    }

    /** Steps client and server (bounded) until the client reports INCOMPLETE_CREDENTIALS; returns that result. */
    private static Result stepUntilIncompleteCredentials(ContextPair p) throws SecurityContextException {
        for (int i = 0; i < 20; i++) {
            Result rc = step(p.client, p.toClient, p.toServer);
            if (rc.status() == Status.INCOMPLETE_CREDENTIALS) {
                return rc;
            }
            step(p.server, p.toServer, p.toClient);
        }
        throw new AssertionError("no INCOMPLETE_CREDENTIALS");
    }

    private static Result step(SecurityContext side, Pipe from, Pipe to) throws SecurityContextException {
        ByteBuffer in = from.view();
        ByteBuffer out = ByteBuffer.allocate(32 * 1024);
        Result r = side.step(in, out);
        from.consumed(in);
        out.flip();
        to.write(out);
        return r;
    }

    private static void exchange(ContextPair p) throws SecurityContextException {
        byte[] a = "from the client".getBytes(StandardCharsets.UTF_8);
        byte[] b = "from the server".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(a, p.transfer(p.client, a));
        assertArrayEquals(b, p.transfer(p.server, b));
        assertNotNull(p.client.connectionInfo());
    }
}
