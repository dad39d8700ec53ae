package org.securechannel.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.securechannel.codec.NamedGroup;
import org.securechannel.context.Credentials.ClientAuth;
import org.securechannel.context.Status;
import org.securechannel.interop.SunJsseEngines.Direction;
import org.securechannel.interop.SunJsseEngines.Setup;
import org.securechannel.testing.TestPki;
import org.securechannel.testing.TestPki.KeyType;

/** HelloRetryRequest, client certificates, ALPN, KeyUpdate and session tickets against SunJSSE. */
class SunJsseFeaturesTest {

    // ------------------------------------------------------------------ HelloRetryRequest

    /**
     * Our client sends its one key share for x25519 (its first group); a SunJSSE server that may use only
     * secp384r1 must ask again. RSA certificate: the constraints that hide groups also hide ECDSA schemes.
     */
    @Test
    void sunJsseServerSendsHelloRetryRequestToOurClient() throws Exception {
        try (SslEngineDriver d = Setup.of(Direction.OUR_CLIENT, KeyType.RSA_2048)
                .ours(b -> b.groups(NamedGroup.X25519, NamedGroup.SECP384R1))
                .engine(e -> SunJsseEngines.onlyGroups(e, NamedGroup.SECP384R1)).build()) {
            d.handshake();
            assertTrue(d.ours.connectionInfo().helloRetryRequest(), "HelloRetryRequest expected");
            assertEquals(NamedGroup.SECP384R1, d.ours.connectionInfo().group());
            SunJsseMatrixTest.roundTrip(d);
        }
    }

    /** SunJSSE's client sends shares for x25519 and secp256r1 only; our server accepts only secp384r1. */
    @Test
    void ourServerSendsHelloRetryRequestToSunJsseClient() throws Exception {
        try (SslEngineDriver d = Setup.of(Direction.OUR_SERVER, KeyType.EC_P256)
                .ours(b -> b.groups(NamedGroup.SECP384R1)).build()) {
            d.handshake();
            assertTrue(d.ours.connectionInfo().helloRetryRequest(), "HelloRetryRequest expected");
            assertEquals(NamedGroup.SECP384R1, d.ours.connectionInfo().group());
            SunJsseMatrixTest.roundTrip(d);
        }
    }

    // ------------------------------------------------------------------ client authentication

    private static TestPki.Issued clientIdentity(KeyType type) {
        return TestPki.ca(type).issue(type, o -> o.subject("CN=alice,O=Example").extendedKeyUsages(TestPki.Usage.CLIENT_AUTH));
    }

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"EC_P256", "RSA_2048", "ED25519"})
    void sunJsseServerNeedsAndGetsOurClientCertificate(KeyType type) throws Exception {
        TestPki.Issued alice = clientIdentity(type);
        try (SslEngineDriver d = Setup.of(Direction.OUR_CLIENT, KeyType.EC_P256).clientIdentity(alice)
                .engine(e -> e.setNeedClientAuth(true)).build()) {
            d.handshake();
            SunJsseMatrixTest.roundTrip(d);
            assertEquals(alice.leaf(), d.engine.getSession().getPeerCertificates()[0]);
            assertNotNull(d.ours.connectionInfo().clientSignatureScheme());
        }
    }

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"EC_P256", "RSA_2048", "ED25519"})
    void ourServerRequiresAndGetsSunJsseClientCertificate(KeyType type) throws Exception {
        TestPki.Issued alice = clientIdentity(type);
        try (SslEngineDriver d = Setup.of(Direction.OUR_SERVER, KeyType.EC_P256).clientIdentity(alice)
                .ours(b -> b.clientAuth(ClientAuth.REQUIRED)).build()) {
            d.handshake();
            SunJsseMatrixTest.roundTrip(d);
            assertEquals(alice.leaf(), d.ours.peerCertificates().get(0));
            assertEquals(alice.leaf(), d.engine.getSession().getLocalCertificates()[0]);
            assertNotNull(d.ours.connectionInfo().clientSignatureScheme());
        }
    }

    /** SunJSSE asks for a certificate only when it wants one; ours goes on without after INCOMPLETE_CREDENTIALS. */
    @Test
    void sunJsseServerWantsButOurClientHasNoCertificate() throws Exception {
        try (SslEngineDriver d = Setup.of(Direction.OUR_CLIENT, KeyType.EC_P256)
                .serverTrusts(TestPki.ca(KeyType.EC_P256).root())
                .engine(e -> e.setWantClientAuth(true)).build()) {
            d.handshake();
            assertTrue(d.ourStatuses.contains(Status.INCOMPLETE_CREDENTIALS), d.ourStatuses.toString());
            SunJsseMatrixTest.roundTrip(d);
            assertNull(d.ours.connectionInfo().clientSignatureScheme());
        }
    }

    @Test
    void ourServerOptionalAndSunJsseClientWithoutCertificate() throws Exception {
        try (SslEngineDriver d = Setup.of(Direction.OUR_SERVER, KeyType.EC_P256)
                .serverTrusts(TestPki.ca(KeyType.EC_P256).root())
                .ours(b -> b.clientAuth(ClientAuth.OPTIONAL)).build()) {
            d.handshake();
            SunJsseMatrixTest.roundTrip(d);
            assertEquals(Collections.emptyList(), d.ours.peerCertificates());
        }
    }

    // ------------------------------------------------------------------ ALPN

    /** SunJSSE's server picks by its own preference among what the client offered. */
    @Test
    void alpnOurClientSunJsseServer() throws Exception {
        try (SslEngineDriver d = Setup.of(Direction.OUR_CLIENT, KeyType.EC_P256)
                .ours(b -> b.applicationProtocols("http/1.1", "h2"))
                .engine(e -> SunJsseEngines.alpn(e, "h2", "http/1.1")).build()) {
            d.handshake();
            assertEquals("h2", d.engine.getApplicationProtocol());
            assertEquals("h2", d.ours.applicationProtocol().orElse(null));
        }
    }

    /** Our server picks by its own preference too. */
    @Test
    void alpnSunJsseClientOurServer() throws Exception {
        try (SslEngineDriver d = Setup.of(Direction.OUR_SERVER, KeyType.EC_P256)
                .ours(b -> b.applicationProtocols("http/1.1", "h2"))
                .engine(e -> SunJsseEngines.alpn(e, "h2", "http/1.1")).build()) {
            d.handshake();
            assertEquals("http/1.1", d.ours.applicationProtocol().orElse(null));
            assertEquals("http/1.1", d.engine.getApplicationProtocol());
        }
    }

    /** Neither side configured for ALPN: the engine reports "" (negotiated, none), ours empty. */
    @Test
    void noAlpnEitherWay() throws Exception {
        for (Direction direction : Direction.values()) {
            try (SslEngineDriver d = Setup.of(direction, KeyType.EC_P256).build()) {
                d.handshake();
                assertEquals("", d.engine.getApplicationProtocol());
                assertFalse(d.ours.applicationProtocol().isPresent());
            }
        }
    }

    /** One side offers ALPN, the other has none configured: no protocol, no failure. */
    @Test
    void alpnOfferedToAPeerWithoutAlpn() throws Exception {
        try (SslEngineDriver d = Setup.of(Direction.OUR_CLIENT, KeyType.EC_P256)
                .ours(b -> b.applicationProtocols("h2")).build()) {
            d.handshake();
            assertFalse(d.ours.applicationProtocol().isPresent());
        }
        try (SslEngineDriver d = Setup.of(Direction.OUR_SERVER, KeyType.EC_P256)
                .engine(e -> SunJsseEngines.alpn(e, "h2")).build()) {
            d.handshake();
            assertEquals("", d.engine.getApplicationProtocol());
        }
    }

    // ------------------------------------------------------------------ KeyUpdate

    /**
     * Our KeyUpdate with update_requested: SunJSSE moves to new read keys, answers with its own KeyUpdate,
     * and data keeps flowing both ways, several generations deep.
     */
    @ParameterizedTest
    @EnumSource(Direction.class)
    void ourKeyUpdateIsHonouredBySunJsse(Direction direction) throws Exception {
        try (SslEngineDriver d = Setup.of(direction, KeyType.EC_P256).build()) {
            d.handshake();
            SunJsseMatrixTest.roundTrip(d);
            for (int generation = 1; generation <= 3; generation++) {
                d.ours.requestKeyUpdate(true);
                byte[] a = ("after our key update " + generation).getBytes(StandardCharsets.UTF_8);
                assertArrayEquals(a, d.oursToEngine(a));
                assertTrue(d.toOurs.available() > 0, "SunJSSE owes us its own KeyUpdate");
                byte[] b = ("SunJSSE answers " + generation).getBytes(StandardCharsets.UTF_8);
                d.engineSend(b);
                SslEngineDriver.Received got = d.oursReceive();
                assertEquals(Status.RENEGOTIATE, got.statuses.get(0), got.statuses.toString());
                assertArrayEquals(b, got.bytes());
            }
            SunJsseMatrixTest.roundTrip(d);
        }
    }

    /** Our KeyUpdate without update_requested, flushed by step: SunJSSE just follows. */
    @ParameterizedTest
    @EnumSource(Direction.class)
    void ourKeyUpdateWithoutRequestFlushedByStep(Direction direction) throws Exception {
        try (SslEngineDriver d = Setup.of(direction, KeyType.EC_P256).build()) {
            d.handshake();
            SunJsseMatrixTest.roundTrip(d);
            d.ours.requestKeyUpdate(false);
            assertEquals(Status.OK, d.oursStep().status());
            assertTrue(d.toEngine.available() > 0, "the KeyUpdate left with step");
            assertEquals(0, d.engineReceive().length);
            assertEquals(0, d.toOurs.available(), "SunJSSE was not asked to update and sends nothing");
            SunJsseMatrixTest.roundTrip(d);
        }
    }

    /**
     * SunJSSE has no KeyUpdate API, but on an established TLS 1.3 connection beginHandshake() sends a
     * KeyUpdate with update_requested (its "renegotiation" in 1.3). We must follow and answer.
     */
    @ParameterizedTest
    @EnumSource(Direction.class)
    void sunJsseKeyUpdateViaBeginHandshake(Direction direction) throws Exception {
        try (SslEngineDriver d = Setup.of(direction, KeyType.EC_P256).build()) {
            d.handshake();
            SunJsseMatrixTest.roundTrip(d);
            d.engine.beginHandshake();
            assertEquals(HandshakeStatus.NEED_WRAP, d.engine.getHandshakeStatus());
            d.engineWrap(ByteBuffer.allocate(0));
            byte[] b = "after SunJSSE's key update".getBytes(StandardCharsets.UTF_8);
            d.engineSend(b);
            SslEngineDriver.Received got = d.oursReceive();
            assertEquals(Status.RENEGOTIATE, got.statuses.get(0), got.statuses.toString());
            assertArrayEquals(b, got.bytes());
            assertTrue(d.toEngine.available() > 0, "our KeyUpdate answer");
            byte[] a = "after our answer".getBytes(StandardCharsets.UTF_8);
            assertArrayEquals(a, d.oursToEngine(a));
            SunJsseMatrixTest.roundTrip(d);
        }
    }

    // ------------------------------------------------------------------ NewSessionTicket

    /** SunJSSE's server sends a ticket after the handshake: decrypt says RENEGOTIATE, step takes it. */
    @Test
    void sunJsseServerTicketsReachOurClient() throws Exception {
        try (SslEngineDriver d = Setup.of(Direction.OUR_CLIENT, KeyType.EC_P256).build()) {
            d.handshake();
            assertTrue(d.toOurs.available() > 0, "SunJSSE sent its NewSessionTicket after the handshake");
            byte[] b = "after the ticket".getBytes(StandardCharsets.UTF_8);
            d.engineSend(b);
            SslEngineDriver.Received got = d.oursReceive();
            assertEquals(Status.RENEGOTIATE, got.statuses.get(0), got.statuses.toString());
            assertArrayEquals(b, got.bytes());
            assertEquals(Status.OK, got.last());
            assertTrue(ticketsReceived(d) >= 1, "tickets counted");
            SunJsseMatrixTest.roundTrip(d);
        }
    }

    /** The engine's count of tickets, read reflectively: it is not part of the public SecurityContext API. */
    private static int ticketsReceived(SslEngineDriver d) throws Exception {
        var m = d.ours.getClass().getMethod("ticketsReceived");
        m.setAccessible(true);
        return (Integer) m.invoke(d.ours);
    }
}
