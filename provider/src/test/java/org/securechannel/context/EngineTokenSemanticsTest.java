package org.securechannel.context;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.NamedGroup;
import org.securechannel.testing.ContextPair;
import org.securechannel.testing.Records;
import org.securechannel.testing.TestPki;
import org.securechannel.testing.TestPki.KeyType;
import org.securechannel.testing.Trickle;

/** Schannel's token rules: INCOMPLETE_MESSAGE hints, extra bytes after OK, BUFFER_TOO_SMALL, record sizes. */
class EngineTokenSemanticsTest {
    private static final String HOST = "tokens.test";
    private static TestPki serverCa;
    private static TestPki clientCa;
    private static TestPki.Issued serverLeaf;
    private static TestPki.Issued clientLeaf;

    @BeforeAll
    static void pki() {
        serverCa = TestPki.ca(KeyType.EC_P256);
        clientCa = TestPki.ca(KeyType.EC_P256);
        serverLeaf = serverCa.issue(KeyType.RSA_2048, HOST);
        clientLeaf = clientCa.issue(KeyType.EC_P256, o -> o.subject("CN=token client"));
    }

    /** Handshake shapes that change the flights: plain, HelloRetryRequest, client certificate, no client certificate. */
    enum Shape { PLAIN, HELLO_RETRY, CLIENT_CERT, CLIENT_CERT_MISSING }

    private static ContextPair pair(Shape shape) {
        // Tickets off: these tests count the handshake's own records and bytes; tickets would follow them.
        Credentials.Builder s = Credentials.server().certificate(serverLeaf.chain(), serverLeaf.key()).sessionTickets(0);
        Credentials.Builder c = Credentials.client().trustAnchors(List.of(serverCa.root()));
        switch (shape) {
            case HELLO_RETRY -> s.groups(NamedGroup.SECP256R1);
            case CLIENT_CERT -> {
                s.clientAuth(Credentials.ClientAuth.REQUIRED).trustAnchors(List.of(clientCa.root()));
                c.certificate(clientLeaf.chain(), clientLeaf.key());
            }
            case CLIENT_CERT_MISSING -> s.clientAuth(Credentials.ClientAuth.OPTIONAL).trustAnchors(List.of(clientCa.root()));
            default -> { }
        }
        return new ContextPair(SecurityContext.client(c.build(), HOST), SecurityContext.server(s.build()));
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ByteBuffer written) {
        return Arrays.copyOf(written.array(), written.position());
    }

    private static byte[] firstFlight(SecurityContext client) throws SecurityContextException {
        ByteBuffer out = ByteBuffer.allocate(32 * 1024);
        Result r = client.step(ByteBuffer.allocate(0), out);
        assertEquals(Status.CONTINUE_NEEDED, r.status());
        assertEquals(0, r.bytesConsumed());
        assertFalse(r.outputPending());
        return bytes(out);
    }

    // ---------------------------------------------------------------- (a) byte at a time

    @ParameterizedTest
    @EnumSource(Shape.class)
    void byteAtATimeBothDirections(Shape shape) throws Exception {
        try (ContextPair p = pair(shape)) {
            byte[] toServer = firstFlight(p.client);
            int serverDeliveries = 0;
            for (int i = 0; i < 10 && !(p.client.isEstablished() && p.server.isEstablished()); i++) {
                Trickle.Delivery s = Trickle.bytewise(p.server, toServer);
                serverDeliveries++;
                if (p.client.isEstablished() && p.server.isEstablished()) {
                    assertEquals(Status.OK, s.last().status());
                    assertEquals(0, s.output().length);
                    break;
                }
                assertEquals(Status.CONTINUE_NEEDED, s.last().status());
                Trickle.Delivery c = Trickle.bytewise(p.client, s.output());
                assertTrue(c.output().length > 0, "the client always answers");
                if (shape == Shape.CLIENT_CERT_MISSING) {
                    assertTrue(c.statuses().contains(Status.INCOMPLETE_CREDENTIALS), c.statuses().toString());
                }
                toServer = c.output();
            }
            assertTrue(p.client.isEstablished());
            assertTrue(p.server.isEstablished());
            assertEquals(shape == Shape.HELLO_RETRY ? 3 : 2, serverDeliveries, "flights the server received");
            assertEquals(shape == Shape.HELLO_RETRY, p.server.connectionInfo().helloRetryRequest());
            assertEquals(shape == Shape.CLIENT_CERT ? clientLeaf.chain() : List.of(), p.server.peerCertificates());

            // Application records, byte at a time through decrypt: exact hints there too.
            p.send(p.client, text("trickled application data"));
            byte[] record = p.toServer.drain();
            ByteBuffer plain = ByteBuffer.allocate(1024);
            for (int have = 0; have < record.length; have++) {
                Result r = p.server.decrypt(ByteBuffer.wrap(record, 0, have), plain);
                assertEquals(Status.INCOMPLETE_MESSAGE, r.status());
                assertEquals(have < 5 ? 5 - have : record.length - have, r.missing());
                assertEquals(0, plain.position());
            }
            Result r = p.server.decrypt(ByteBuffer.wrap(record), plain);
            assertEquals(Status.OK, r.status());
            assertEquals(record.length, r.bytesConsumed());
            assertEquals("trickled application data", new String(plain.array(), 0, plain.position(), StandardCharsets.UTF_8));
            assertArrayEquals(text("back"), p.transfer(p.server, text("back")));
        }
    }

    /** A whole flight in one buffer with the next flight's start: the partial record stays unread. */
    @Test
    void wholeFlightPlusPartialRecord() throws Exception {
        try (ContextPair p = pair(Shape.PLAIN)) {
            byte[] ch = firstFlight(p.client);
            ByteBuffer out = ByteBuffer.allocate(32 * 1024);
            Result r = p.server.step(ByteBuffer.wrap(ch), out);
            byte[] flight = bytes(out);
            assertEquals(Status.CONTINUE_NEEDED, r.status());
            // Server flight + 3 bytes of some later record: the client consumes the flight only.
            byte[] withTail = Records.concat(flight, new byte[] {23, 3, 3});
            ByteBuffer in = ByteBuffer.wrap(withTail);
            ByteBuffer cout = ByteBuffer.allocate(32 * 1024);
            Result cr = p.client.step(in, cout);
            assertEquals(Status.OK, cr.status());
            assertEquals(flight.length, in.position(), "the tail is extra");
            assertEquals(flight.length, cr.bytesConsumed());
        }
    }

    // ---------------------------------------------------------------- (b) extra after OK

    @ParameterizedTest
    @EnumSource(value = Shape.class, names = {"PLAIN", "CLIENT_CERT"})
    void clientFinishedFlightCoalescedWithApplicationData(Shape shape) throws Exception {
        try (ContextPair p = pair(shape)) {
            byte[] ch = firstFlight(p.client);
            ByteBuffer sout = ByteBuffer.allocate(32 * 1024);
            assertEquals(Status.CONTINUE_NEEDED, p.server.step(ByteBuffer.wrap(ch), sout).status());
            ByteBuffer cout = ByteBuffer.allocate(32 * 1024);
            Result cr = p.client.step(ByteBuffer.wrap(bytes(sout)), cout);
            assertEquals(Status.OK, cr.status());
            assertTrue(p.client.isEstablished());
            byte[] finished = bytes(cout);
            ByteBuffer app = ByteBuffer.allocate(1024);
            assertEquals(Status.OK, p.client.encrypt(ByteBuffer.wrap(text("early bird")), app).status());
            byte[] appRecord = bytes(app);

            byte[] coalesced = Records.concat(finished, appRecord);
            ByteBuffer in = ByteBuffer.wrap(coalesced);
            ByteBuffer out = ByteBuffer.allocate(32 * 1024);
            Result r = p.server.step(in, out);
            assertEquals(Status.OK, r.status());
            assertEquals(finished.length, in.position(), "the application record is the extra");
            assertEquals(finished.length, r.bytesConsumed());
            assertEquals(0, r.bytesProduced());
            assertFalse(r.outputPending());
            ByteBuffer plain = ByteBuffer.allocate(1024);
            Result d = p.server.decrypt(in, plain);
            assertEquals(Status.OK, d.status());
            assertFalse(in.hasRemaining());
            assertEquals("early bird", new String(plain.array(), 0, plain.position(), StandardCharsets.UTF_8));
        }
    }

    /** Client side: once established, step leaves the server's application and KeyUpdate records as extra. */
    @Test
    void establishedClientStepLeavesRecordsAsExtra() throws Exception {
        try (ContextPair p = pair(Shape.PLAIN).handshake()) {
            p.server.requestKeyUpdate(false);
            p.send(p.server, text("right after OK"));
            byte[] wire = p.toClient.drain();
            ByteBuffer in = ByteBuffer.wrap(wire);
            ByteBuffer out = ByteBuffer.allocate(1024);
            Result r = p.client.step(in, out);
            assertEquals(Status.OK, r.status());
            assertEquals(0, in.position());
            assertEquals(0, r.bytesProduced());
            p.toClient.write(wire);
            assertArrayEquals(text("right after OK"), p.receive(p.client, p.toClient));
        }
    }

    // ---------------------------------------------------------------- (c) small output buffers

    @Test
    void stepOutputTooSmall() throws Exception {
        try (ContextPair p = pair(Shape.PLAIN)) {
            Result r = p.client.step(ByteBuffer.allocate(0), ByteBuffer.allocate(10));
            assertEquals(Status.BUFFER_TOO_SMALL, r.status());
            assertTrue(r.missing() >= 64, r.toString());
            assertEquals(0, r.bytesProduced());
            byte[] ch = firstFlight(p.client);
            ByteBuffer in = ByteBuffer.wrap(ch);
            ByteBuffer small = ByteBuffer.allocate(63);
            Result s = p.server.step(in, small);
            assertEquals(Status.BUFFER_TOO_SMALL, s.status());
            assertEquals(0, in.position(), "nothing consumed");
            assertEquals(0, small.position());
            assertTrue(s.missing() >= 64 && s.missing() <= 16 * 1024 + 256, s.toString());
            // A buffer of the size asked for makes progress.
            ByteBuffer enough = ByteBuffer.allocate(s.missing());
            Result s2 = p.server.step(in, enough);
            assertEquals(Status.CONTINUE_NEEDED, s2.status());
            assertEquals(ch.length, in.position());
            assertTrue(s2.bytesProduced() > 0);
        }
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void sixtyFourByteOutputThroughoutTheHandshake(Shape shape) throws Exception {
        try (ContextPair p = pair(shape)) {
            byte[] toServer = Trickle.smallOutput(p.client, ByteBuffer.allocate(0), 64).output();
            for (int i = 0; i < 10 && !(p.client.isEstablished() && p.server.isEstablished()); i++) {
                ByteBuffer in = ByteBuffer.wrap(toServer);
                Trickle.Delivery s = Trickle.smallOutput(p.server, in, 64);
                assertFalse(in.hasRemaining(), "server consumed its input: " + s.statuses());
                if (p.server.isEstablished()) {
                    break;
                }
                assertTrue(s.statuses().size() > 1, "a server flight cannot fit 64 bytes: " + s.statuses());
                ByteBuffer cin = ByteBuffer.wrap(s.output());
                Trickle.Delivery c = Trickle.smallOutput(p.client, cin, 64);
                for (int j = 0; j < 10 && cin.hasRemaining(); j++) {
                    // CONTINUE_NEEDED with bytes left: pass them again.
                    Trickle.Delivery more = Trickle.smallOutput(p.client, cin, 64);
                    c = new Trickle.Delivery(Records.concat(c.output(), more.output()), more.statuses(), more.last());
                }
                assertFalse(cin.hasRemaining());
                toServer = c.output();
            }
            assertTrue(p.client.isEstablished());
            assertTrue(p.server.isEstablished());
            assertArrayEquals(text("small"), p.transfer(p.client, text("small")));
            assertArrayEquals(text("buffers"), p.transfer(p.server, text("buffers")));
        }
    }

    // ---------------------------------------------------------------- (d) encrypt/decrypt buffers

    @ParameterizedTest
    @ValueSource(ints = {0, 10, 21, 22})
    void encryptOutputTooSmall(int outSize) throws Exception {
        try (ContextPair p = pair(Shape.PLAIN).handshake()) {
            ByteBuffer plain = ByteBuffer.wrap(new byte[100]);
            ByteBuffer out = ByteBuffer.allocate(outSize);
            Result r = p.client.encrypt(plain, out);
            assertEquals(Status.BUFFER_TOO_SMALL, r.status());
            assertEquals(100 + 5 + 17, r.missing());
            assertEquals(0, plain.position());
            assertEquals(0, out.position());
            // Large plaintext: one full record is what is needed.
            ByteBuffer big = ByteBuffer.wrap(new byte[100_000]);
            Result rb = p.client.encrypt(big, ByteBuffer.allocate(outSize));
            assertEquals(Status.BUFFER_TOO_SMALL, rb.status());
            assertEquals(16384 + 5 + 17, rb.missing());
            assertEquals(0, big.position());
            // The size asked for works, and the peer reads it.
            ByteBuffer exact = ByteBuffer.allocate(r.missing());
            Result ok = p.client.encrypt(plain, exact);
            assertEquals(Status.OK, ok.status());
            assertEquals(100, ok.bytesConsumed());
            assertEquals(122, ok.bytesProduced());
            p.toServer.write(exact.flip());
            assertArrayEquals(new byte[100], p.receive(p.server, p.toServer));
        }
    }

    /** An out with room for part of the plaintext: a shorter whole record, the rest left in plain. */
    @Test
    void encryptPartialRecordWhenOutIsShort() throws Exception {
        try (ContextPair p = pair(Shape.PLAIN).handshake()) {
            ByteBuffer plain = ByteBuffer.wrap(text("0123456789abcdefghij"));
            ByteBuffer out = ByteBuffer.allocate(22 + 8);
            Result r = p.client.encrypt(plain, out);
            assertEquals(Status.OK, r.status());
            assertEquals(8, r.bytesConsumed());
            assertEquals(30, r.bytesProduced());
            p.toServer.write(out.flip());
            ByteBuffer rest = ByteBuffer.allocate(100);
            p.client.encrypt(plain, rest);
            p.toServer.write(rest.flip());
            assertArrayEquals(text("0123456789abcdefghij"), p.receive(p.server, p.toServer));
        }
    }

    @Test
    void decryptOutputTooSmall() throws Exception {
        try (ContextPair p = pair(Shape.PLAIN).handshake()) {
            p.send(p.client, new byte[1000]);
            byte[] record = p.toServer.drain();
            ByteBuffer in = ByteBuffer.wrap(record);
            ByteBuffer small = ByteBuffer.allocate(500);
            Result r = p.server.decrypt(in, small);
            assertEquals(Status.BUFFER_TOO_SMALL, r.status());
            assertEquals(0, in.position());
            assertEquals(0, small.position());
            assertTrue(r.missing() >= 1000 && r.missing() <= 1000 + 17, r.toString());
            ByteBuffer enough = ByteBuffer.allocate(r.missing());
            Result ok = p.server.decrypt(in, enough);
            assertEquals(Status.OK, ok.status());
            assertEquals(1000, ok.bytesProduced());
            assertFalse(in.hasRemaining());
        }
    }

    /** Two records, room for the first only: OK with the first, the second left for the next call. */
    @Test
    void decryptStopsBetweenRecordsWhenOutputFills() throws Exception {
        try (ContextPair p = pair(Shape.PLAIN).handshake()) {
            p.send(p.client, new byte[300]);
            p.send(p.client, new byte[300]);
            byte[] wire = p.toServer.drain();
            ByteBuffer in = ByteBuffer.wrap(wire);
            ByteBuffer plain = ByteBuffer.allocate(400);
            Result r = p.server.decrypt(in, plain);
            assertEquals(Status.OK, r.status());
            assertEquals(300, r.bytesProduced());
            assertEquals(wire.length / 2, in.position());
            ByteBuffer plain2 = ByteBuffer.allocate(400);
            assertEquals(Status.OK, p.server.decrypt(in, plain2).status());
            assertEquals(300, plain2.position());
            assertFalse(in.hasRemaining());
        }
    }

    // ---------------------------------------------------------------- (e) large writes

    @ParameterizedTest
    @EnumSource(value = CipherSuite.class, names = {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"})
    void oneMebibyteSplitsInto16KiBRecords(CipherSuite suite) throws Exception {
        Credentials s = Credentials.server().certificate(serverLeaf.chain(), serverLeaf.key()).sessionTickets(0).build();
        Credentials c = Credentials.client().trustAnchors(List.of(serverCa.root())).cipherSuites(suite).build();
        try (ContextPair p = new ContextPair(SecurityContext.client(c, HOST), SecurityContext.server(s)).handshake()) {
            byte[] data = new byte[1 << 20];
            new java.util.Random(42).nextBytes(data);
            ByteBuffer plain = ByteBuffer.wrap(data);
            ByteBuffer out = ByteBuffer.allocate(2 << 20);
            Result r = p.client.encrypt(plain, out);
            assertEquals(Status.OK, r.status());
            assertEquals(1 << 20, r.bytesConsumed());
            assertEquals(64 * (16384 + 22), r.bytesProduced());
            List<Records.Rec> recs = Records.split(bytes(out));
            assertEquals(64, recs.size());
            for (Records.Rec rec : recs) {
                assertEquals(23, rec.type());
                assertEquals(16384 + 17, rec.fragment().length);
            }
            ByteBuffer in = ByteBuffer.wrap(bytes(out));
            ByteBuffer back = ByteBuffer.allocate(2 << 20);
            Result d = p.server.decrypt(in, back);
            assertEquals(Status.OK, d.status());
            assertEquals(1 << 20, d.bytesProduced());
            assertFalse(in.hasRemaining());
            assertArrayEquals(data, bytes(back));
        }
    }

    // ---------------------------------------------------------------- (f) stream sizes

    @Test
    void streamSizes() throws Exception {
        try (ContextPair p = pair(Shape.PLAIN)) {
            for (SecurityContext c : List.of(p.client, p.server)) {
                StreamSizes z = c.streamSizes();
                assertEquals(5, z.header());
                assertEquals(17, z.trailer());
                assertEquals(16384, z.maximumMessage());
                assertEquals(5 + 16384 + 256, z.maximumRecord());
            }
            p.handshake();
            assertEquals(new StreamSizes(5, 17, 16384, 5 + 16384 + 256), p.client.streamSizes());
            assertEquals(p.client.streamSizes(), p.server.streamSizes());
            // The sizes describe what encrypt really does: a full record is header + max message + trailer.
            StreamSizes z = p.client.streamSizes();
            ByteBuffer out = ByteBuffer.allocate(z.header() + z.maximumMessage() + z.trailer());
            Result r = p.client.encrypt(ByteBuffer.wrap(new byte[z.maximumMessage()]), out);
            assertEquals(Status.OK, r.status());
            assertEquals(z.maximumMessage(), r.bytesConsumed());
            assertFalse(out.hasRemaining());
        }
    }

    /** Direct and read-only buffers everywhere: the engine must not assume heap arrays. */
    @Test
    void directAndReadOnlyBuffers() throws Exception {
        Credentials s = Credentials.server().certificate(serverLeaf.chain(), serverLeaf.key()).sessionTickets(0).build();
        Credentials c = Credentials.client().trustAnchors(List.of(serverCa.root())).build();
        try (SecurityContext client = SecurityContext.client(c, HOST); SecurityContext server = SecurityContext.server(s)) {
            ByteBuffer toServer = ByteBuffer.allocateDirect(32 * 1024);
            ByteBuffer toClient = ByteBuffer.allocateDirect(32 * 1024);
            for (int i = 0; i < 10 && !(client.isEstablished() && server.isEstablished()); i++) {
                toClient.flip();
                ByteBuffer cin = toClient.asReadOnlyBuffer();
                ByteBuffer cout = ByteBuffer.allocateDirect(32 * 1024);
                if (!client.isEstablished()) {
                    client.step(cin, cout);
                }
                toClient.position(cin.position()).compact();
                toServer.put(cout.flip());
                toServer.flip();
                ByteBuffer sin = toServer.asReadOnlyBuffer();
                ByteBuffer sout = ByteBuffer.allocateDirect(32 * 1024);
                server.step(sin, sout);
                toServer.position(sin.position()).compact();
                toClient.put(sout.flip());
            }
            assertEquals(true, client.isEstablished());
            assertEquals(true, server.isEstablished());
            ByteBuffer plain = ByteBuffer.allocateDirect(64).put(new byte[] {1, 2, 3}).flip().asReadOnlyBuffer();
            ByteBuffer wire = ByteBuffer.allocateDirect(128);
            assertEquals(Status.OK, client.encrypt(plain, wire).status());
            wire.flip();
            ByteBuffer got = ByteBuffer.allocateDirect(128);
            assertEquals(Status.OK, server.decrypt(wire.asReadOnlyBuffer(), got).status());
            assertEquals(3, got.position());
            assertEquals(3, got.get(2));
        }
    }
}
