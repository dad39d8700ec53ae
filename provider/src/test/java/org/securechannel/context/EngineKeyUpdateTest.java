package org.securechannel.context;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.securechannel.codec.CipherSuite;
import org.securechannel.testing.ContextPair;
import org.securechannel.testing.Records;
import org.securechannel.testing.TestPki;
import org.securechannel.testing.TestPki.KeyType;

/** KeyUpdate (RFC 8446 §4.6.3) through requestKeyUpdate, decrypt's RENEGOTIATE and step. */
class EngineKeyUpdateTest {
    private static final String HOST = "ku.test";
    private static TestPki pki;
    private static TestPki.Issued leaf;

    @BeforeAll
    static void pki() {
        pki = TestPki.ca(KeyType.EC_P256);
        leaf = pki.issue(KeyType.EC_P256, HOST);
    }

    private static ContextPair connected(CipherSuite suite) throws SecurityContextException {
        // Tickets off: the tests read the peer's records one by one and expect KeyUpdates, not tickets, among them.
        Credentials s = Credentials.server().certificate(leaf.chain(), leaf.key()).sessionTickets(0).build();
        Credentials c = Credentials.client().trustAnchors(List.of(pki.root())).cipherSuites(suite).build();
        return new ContextPair(SecurityContext.client(c, HOST), SecurityContext.server(s)).handshake();
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The update goes out in front of the next data record; the peer reports RENEGOTIATE, steps, and reads on. */
    @ParameterizedTest(name = "fromClient={0} askPeer={1}")
    @CsvSource({"true,false", "true,true", "false,false", "false,true"})
    void updateThenDataBothWays(boolean fromClient, boolean askPeer) throws Exception {
        try (ContextPair p = connected(CipherSuite.TLS_AES_128_GCM_SHA256)) {
            SecurityContext requester = fromClient ? p.client : p.server;
            SecurityContext peer = p.peer(requester);
            requester.requestKeyUpdate(askPeer);

            // encrypt: the KeyUpdate record, then the data record, both into out.
            ByteBuffer out = ByteBuffer.allocate(4096);
            Result er = requester.encrypt(ByteBuffer.wrap(text("first under new keys")), out);
            assertEquals(Status.OK, er.status());
            assertEquals(20, er.bytesConsumed());
            assertFalse(er.outputPending());
            out.flip();
            byte[] wire = new byte[out.remaining()];
            out.get(wire);
            assertEquals(2, Records.split(wire).size(), "KeyUpdate record + data record");

            // The peer: RENEGOTIATE after the KeyUpdate record alone, nothing for the caller yet.
            ByteBuffer in = ByteBuffer.wrap(wire);
            ByteBuffer plain = ByteBuffer.allocate(4096);
            Result dr = peer.decrypt(in, plain);
            assertEquals(Status.RENEGOTIATE, dr.status());
            assertEquals(0, dr.bytesProduced());
            assertEquals(Records.split(wire).get(0).length(), dr.bytesConsumed());
            ByteBuffer reply = ByteBuffer.allocate(4096);
            Result sr = peer.step(ByteBuffer.allocate(0), reply);
            assertEquals(Status.OK, sr.status());
            assertFalse(sr.outputPending());
            if (askPeer) {
                assertTrue(sr.bytesProduced() > 0, "the peer answers with its own KeyUpdate");
                assertEquals(1, Records.split(java.util.Arrays.copyOf(reply.array(), reply.position())).size());
            } else {
                assertEquals(0, sr.bytesProduced(), "no answer when none was asked for");
            }
            dr = peer.decrypt(in, plain);
            assertEquals(Status.OK, dr.status());
            assertFalse(in.hasRemaining());
            assertEquals("first under new keys", new String(plain.array(), 0, plain.position(), StandardCharsets.UTF_8));

            if (askPeer) {
                // The requester opens the peer's KeyUpdate response, then its data under the peer's new keys.
                reply.flip();
                byte[] response = new byte[reply.remaining()];
                reply.get(response);
                ByteBuffer rin = ByteBuffer.wrap(response);
                Result rr = requester.decrypt(rin, ByteBuffer.allocate(1024));
                assertEquals(Status.RENEGOTIATE, rr.status());
                ByteBuffer none = ByteBuffer.allocate(1024);
                Result rs = requester.step(ByteBuffer.allocate(0), none);
                assertEquals(Status.OK, rs.status());
                assertEquals(0, rs.bytesProduced(), "a KeyUpdate answering ours must not ask back");
            }
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(text("c" + i), p.transfer(p.client, text("c" + i)));
                assertArrayEquals(text("s" + i), p.transfer(p.server, text("s" + i)));
            }
        }
    }

    /** requestKeyUpdate then step (not encrypt): step sends the KeyUpdate alone. */
    @Test
    void keyUpdateLeavesWithStep() throws Exception {
        try (ContextPair p = connected(CipherSuite.TLS_AES_256_GCM_SHA384)) {
            p.server.requestKeyUpdate(true);
            ByteBuffer out = ByteBuffer.allocate(1024);
            Result r = p.server.step(ByteBuffer.allocate(0), out);
            assertEquals(Status.OK, r.status());
            assertTrue(r.bytesProduced() > 0);
            assertFalse(r.outputPending());
            out.flip();
            p.toClient.write(out);
            assertArrayEquals(new byte[0], p.receive(p.client, p.toClient));
            // The client's answer went into toServer via ContextPair.receive's step; the server takes it.
            assertTrue(p.toServer.available() > 0);
            assertArrayEquals(new byte[0], p.receive(p.server, p.toServer));
            assertEquals(0, p.toClient.available(), "the server must not answer an answer");
            assertArrayEquals(text("x"), p.transfer(p.client, text("x")));
            assertArrayEquals(text("y"), p.transfer(p.server, text("y")));
        }
    }

    /** Several updates queued before one encrypt: each under the key before it, all applied in order. */
    @Test
    void queuedUpdatesApplyInOrder() throws Exception {
        try (ContextPair p = connected(CipherSuite.TLS_CHACHA20_POLY1305_SHA256)) {
            for (int i = 0; i < 3; i++) {
                p.client.requestKeyUpdate(false);
            }
            p.send(p.client, text("after three"));
            assertEquals(4, Records.split(p.toServer.peek()).size());
            assertArrayEquals(text("after three"), p.receive(p.server, p.toServer));
            assertArrayEquals(text("back"), p.transfer(p.server, text("back")));
        }
    }

    /** Fifty updates in a row, alternating sides and the request flag: keys stay in step. */
    @ParameterizedTest
    @CsvSource({"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"})
    void fiftyUpdatesStayInSync(CipherSuite suite) throws Exception {
        try (ContextPair p = connected(suite)) {
            for (int i = 0; i < 50; i++) {
                SecurityContext side = i % 2 == 0 ? p.client : p.server;
                side.requestKeyUpdate(i % 3 == 0);
                byte[] data = text("message " + i);
                assertArrayEquals(data, p.transfer(side, data), "round " + i);
                // Any answer the peer queued leaves with its next data.
                byte[] back = text("reply " + i);
                assertArrayEquals(back, p.transfer(p.peer(side), back), "reply " + i);
            }
            assertArrayEquals(p.client.exportKeyingMaterial("EXPORTER-ku", null, 16),
                    p.server.exportKeyingMaterial("EXPORTER-ku", null, 16), "the exporter does not change with KeyUpdate");
        }
    }

    /** An application record sealed under the old key after the peer has switched fails: keys really change. */
    @Test
    void oldKeyNoLongerAcceptedAfterUpdate() throws Exception {
        try (ContextPair p = connected(CipherSuite.TLS_AES_128_GCM_SHA256)) {
            p.client.requestKeyUpdate(false);
            p.send(p.client, text("new"));
            assertArrayEquals(text("new"), p.receive(p.server, p.toServer));
            // Replaying the first record of the stream is now a bad_record_mac.
            byte[] garbage = new byte[] {23, 3, 3, 0, 20, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20};
            SecurityContextException e = assertThrows(SecurityContextException.class,
                    () -> p.server.decrypt(ByteBuffer.wrap(garbage), ByteBuffer.allocate(100)));
            assertEquals(Reason.BAD_RECORD_MAC, e.reason());
        }
    }

    @Test
    void keyUpdateBeforeHandshakeIsInvalidState() throws Exception {
        Credentials c = Credentials.client().trustAnchors(List.of(pki.root())).build();
        try (SecurityContext client = SecurityContext.client(c, HOST)) {
            assertEquals(Reason.INVALID_STATE, assertThrows(SecurityContextException.class,
                    () -> client.requestKeyUpdate(false)).reason());
        }
    }
}
