package org.securechannel.context;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.securechannel.testing.ContextPair;
import org.securechannel.testing.Records;
import org.securechannel.testing.TestPki;
import org.securechannel.testing.TestPki.KeyType;

/** shutdown() / close_notify / half-close, and close(). */
class EngineCloseTest {
    private static final String HOST = "close.test";
    private static TestPki pki;
    private static TestPki.Issued leaf;

    @BeforeAll
    static void pki() {
        pki = TestPki.ca(KeyType.EC_P256);
        leaf = pki.issue(KeyType.EC_P256, HOST);
    }

    /** Tickets off: these tests count the records after the handshake, which tickets would join. */
    private static Credentials serverCredentials() {
        return Credentials.server().certificate(leaf.chain(), leaf.key()).sessionTickets(0).build();
    }

    private static Credentials clientCredentials() {
        return Credentials.client().trustAnchors(List.of(pki.root())).build();
    }

    private static ContextPair fresh() {
        return new ContextPair(SecurityContext.client(clientCredentials(), HOST), SecurityContext.server(serverCredentials()));
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** One side closes first, the other keeps sending (half-close), then closes too. */
    @ParameterizedTest(name = "clientFirst={0}")
    @ValueSource(booleans = {true, false})
    void halfCloseThenFullClose(boolean clientFirst) throws Exception {
        try (ContextPair p = fresh().handshake()) {
            SecurityContext first = clientFirst ? p.client : p.server;
            SecurityContext second = p.peer(first);

            Result shut = p.shutdown(first);
            assertEquals(Status.OK, shut.status());
            assertFalse(shut.outputPending());
            byte[] wire = p.outgoing(first).peek();
            List<Records.Rec> recs = Records.split(wire);
            assertEquals(1, recs.size(), "close_notify is one record");
            assertEquals(23, recs.get(0).type(), "protected: outer type application_data");
            assertEquals(wire.length, shut.bytesProduced());

            // A second step after shutdown sends nothing more.
            ByteBuffer again = ByteBuffer.allocate(256);
            Result shut2 = first.step(ByteBuffer.allocate(0), again);
            assertEquals(Status.OK, shut2.status());
            assertEquals(0, shut2.bytesProduced());

            // The closer can no longer encrypt.
            SecurityContextException e = assertThrows(SecurityContextException.class,
                    () -> first.encrypt(ByteBuffer.wrap(text("late")), ByteBuffer.allocate(256)));
            assertEquals(Reason.INVALID_STATE, e.reason());

            ByteBuffer in = p.outgoing(first).view();
            Result r = second.decrypt(in, ByteBuffer.allocate(256));
            assertEquals(Status.CONTEXT_EXPIRED, r.status());
            assertEquals(wire.length, r.bytesConsumed());
            assertEquals(0, r.bytesProduced());
            p.outgoing(first).consumed(in);
            // Asking again keeps saying CONTEXT_EXPIRED.
            assertEquals(Status.CONTEXT_EXPIRED, second.decrypt(ByteBuffer.allocate(0), ByteBuffer.allocate(256)).status());

            // Half-close: the other direction still works.
            for (int i = 0; i < 3; i++) {
                byte[] data = text("still talking " + i);
                assertArrayEquals(data, p.transfer(second, data));
            }
            // Then the second side closes: the first sees CONTEXT_EXPIRED.
            assertEquals(Status.OK, p.shutdown(second).status());
            ByteBuffer in2 = p.outgoing(second).view();
            Result r2 = first.decrypt(in2, ByteBuffer.allocate(256));
            assertEquals(Status.CONTEXT_EXPIRED, r2.status());
            assertFalse(in2.hasRemaining());
            assertEquals(Reason.INVALID_STATE, assertThrows(SecurityContextException.class,
                    () -> second.encrypt(ByteBuffer.wrap(text("late")), ByteBuffer.allocate(256))).reason());
        }
    }

    /** Data sent before close_notify is delivered before CONTEXT_EXPIRED, in the same decrypt call. */
    @Test
    void dataBeforeCloseNotifyIsDelivered() throws Exception {
        try (ContextPair p = fresh().handshake()) {
            p.send(p.client, text("last words"));
            p.shutdown(p.client);
            ByteBuffer in = p.toServer.view();
            ByteBuffer plain = ByteBuffer.allocate(256);
            Result r = p.server.decrypt(in, plain);
            assertEquals(Status.CONTEXT_EXPIRED, r.status());
            assertEquals("last words", new String(plain.array(), 0, plain.position(), StandardCharsets.UTF_8));
            assertEquals(10, r.bytesProduced());
            assertFalse(in.hasRemaining());
        }
    }

    @Test
    void closeIsIdempotentAndEverythingAfterIsInvalidState() throws Exception {
        ContextPair p = fresh().handshake();
        SecurityContext c = p.client;
        c.close();
        assertDoesNotThrow(c::close);
        assertFalse(c.isEstablished());
        List<Executable> calls = List.of(
                () -> c.step(ByteBuffer.allocate(0), ByteBuffer.allocate(1024)),
                () -> c.encrypt(ByteBuffer.wrap(new byte[1]), ByteBuffer.allocate(1024)),
                () -> c.decrypt(ByteBuffer.allocate(0), ByteBuffer.allocate(1024)),
                () -> c.requestKeyUpdate(false),
                () -> c.supplyCredentials(clientCredentials()),
                c::connectionInfo,
                () -> c.exportKeyingMaterial("EXPORTER-x", null, 16));
        for (int i = 0; i < calls.size(); i++) {
            SecurityContextException e = assertThrows(SecurityContextException.class, calls.get(i), "call " + i);
            assertEquals(Reason.INVALID_STATE, e.reason(), "call " + i);
        }
        p.close();
        assertDoesNotThrow(p::close);
    }

    @Test
    void closeBeforeAnyStep() throws Exception {
        SecurityContext s = SecurityContext.server(serverCredentials());
        s.close();
        s.close();
        assertEquals(Reason.INVALID_STATE, assertThrows(SecurityContextException.class,
                () -> s.step(ByteBuffer.allocate(0), ByteBuffer.allocate(1024))).reason());
    }

    @Test
    void queriesBeforeTheHandshakeAreInvalidState() throws Exception {
        try (ContextPair p = fresh()) {
            for (SecurityContext c : List.of(p.client, p.server)) {
                assertEquals(Reason.INVALID_STATE, assertThrows(SecurityContextException.class, c::connectionInfo).reason());
                assertEquals(Reason.INVALID_STATE, assertThrows(SecurityContextException.class,
                        () -> c.exportKeyingMaterial("EXPORTER-x", null, 16)).reason());
                assertEquals(Reason.INVALID_STATE, assertThrows(SecurityContextException.class,
                        () -> c.encrypt(ByteBuffer.wrap(new byte[1]), ByteBuffer.allocate(1024))).reason());
                assertEquals(Reason.INVALID_STATE, assertThrows(SecurityContextException.class,
                        () -> c.decrypt(ByteBuffer.allocate(0), ByteBuffer.allocate(1024))).reason());
                assertFalse(c.isEstablished());
                assertEquals(List.of(), c.peerCertificates());
            }
            assertTrue(p.client.isClient());
            assertFalse(p.server.isClient());
            // Mid-handshake: still INVALID_STATE.
            p.stepOnce(p.client, p.toClient, p.toServer, p.clientStatuses, "client");
            p.stepOnce(p.server, p.toServer, p.toClient, p.serverStatuses, "server");
            assertEquals(Reason.INVALID_STATE, assertThrows(SecurityContextException.class, p.server::connectionInfo).reason());
            assertEquals(Reason.INVALID_STATE, assertThrows(SecurityContextException.class, p.client::connectionInfo).reason());
        }
    }

    /** A context that was closed after the handshake is no longer established and its info is gone. */
    @Test
    void closedAfterHandshake() throws Exception {
        ContextPair p = fresh().handshake();
        assertTrue(p.server.isEstablished());
        p.server.close();
        assertFalse(p.server.isEstablished());
        assertEquals(Reason.INVALID_STATE, assertThrows(SecurityContextException.class, p.server::connectionInfo).reason());
        // The peer is unaffected.
        assertTrue(p.client.isEstablished());
        p.close();
    }
}
