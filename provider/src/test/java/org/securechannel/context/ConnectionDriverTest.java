package org.securechannel.context;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.testing.Pipe;
import org.securechannel.testing.TestPki;
import org.securechannel.testing.TestPki.KeyType;

/**
 * The connection driver's own rules: handshake completion, the no-certificate fallback, the progress guarantee,
 * the handshake timeout, failures and their alert, KeyUpdate for a second handshake and close_notify. Real
 * contexts where a real peer provokes the rule; a scripted context where only a broken one would.
 */
class ConnectionDriverTest {
    private static final String HOST = "driver.test";
    private static final TestPki pki = TestPki.ca(KeyType.EC_P256);
    private static final TestPki.Issued leaf = pki.issue(KeyType.EC_P256, HOST);

    private static ConnectionDriver driver(SecurityContext c) {
        return new ConnectionDriver(c, Duration.ZERO, new ReentrantLock());
    }

    /** A client and a server driver over real contexts, joined by two pipes; every loop bounded. */
    private static final class Pair {
        final ConnectionDriver client;
        final ConnectionDriver server;
        final Pipe toServer = new Pipe();
        final Pipe toClient = new Pipe();

        Pair(Credentials.ClientAuth auth, ProtocolVersion version) {
            Credentials.Builder c = Credentials.client().trustAnchors(List.of(pki.root()));
            Credentials.Builder s = Credentials.server().certificate(leaf.chain(), leaf.key()).clientAuth(auth);
            if (version == ProtocolVersion.TLS12) {
                List<org.securechannel.codec.CipherSuite> tls12 = List.of(
                        org.securechannel.codec.CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
                c.cipherSuites(tls12);
                s.cipherSuites(tls12);
            }
            client = driver(SecurityContext.client(c.build(), HOST));
            server = driver(SecurityContext.server(s.build()));
        }

        Pair handshake() throws Exception {
            boolean clientDone = false;
            boolean serverDone = false;
            for (int i = 0; i < 100 && !(clientDone && serverDone); i++) {
                clientDone = clientDone || step(client, toClient, toServer);
                serverDone = serverDone || step(server, toServer, toClient);
            }
            assertTrue(clientDone && serverDone, "the handshake completes");
            return this;
        }

        private static boolean step(ConnectionDriver d, Pipe from, Pipe to) throws Exception {
            ByteBuffer in = from.view();
            Result r = d.handshake(in);
            from.consumed(in);
            send(d, to);
            return r.status() == Status.OK;
        }

        static void send(ConnectionDriver d, Pipe to) {
            ByteBuffer out = ByteBuffer.allocate(Math.max(d.staged(), 1));
            d.drainTo(out);
            to.write(out.flip());
        }

        /** What {@code d} reads from {@code from} until it has {@code length} bytes or the peer's close_notify. */
        static String receive(ConnectionDriver d, Pipe from, Pipe replies, int length) throws Exception {
            StringBuilder got = new StringBuilder();
            for (int i = 0; i < 50 && got.length() < length && !d.peerClosed(); i++) {
                ByteBuffer in = from.view();
                ByteBuffer plain = ByteBuffer.allocate(ConnectionDriver.MAX_RECORD);
                Result r = d.receive(in, plain);
                from.consumed(in);
                send(d, replies);
                got.append(new String(plain.array(), 0, plain.position(), StandardCharsets.UTF_8));
                if (r.status() == Status.INCOMPLETE_MESSAGE) {
                    break;
                }
            }
            return got.toString();
        }

        static void write(ConnectionDriver d, Pipe to, String text) throws Exception {
            ByteBuffer out = ByteBuffer.allocate(1024);
            Result r = d.protect(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), out);
            assertEquals(Status.OK, r.status());
            to.write(out.flip());
        }
    }

    @Test
    void aServerFlightLongerThanTheFirstStagingBufferIsStagedWholeInABufferOfItsOwnSize() throws Exception {
        Pair p = new Pair(Credentials.ClientAuth.NONE, ProtocolVersion.TLS13);
        Pair.step(p.client, p.toClient, p.toServer); // ClientHello
        ByteBuffer in = p.toServer.view();
        p.server.handshake(in);
        p.toServer.consumed(in);
        for (int i = 0; i < 10 && p.server.wantsToSend() && p.server.staged() < p.server.stagingCapacity(); i++) {
            p.server.handshake(ByteBuffer.allocate(0));
        }
        int flight = p.server.staged();
        assertTrue(flight > ConnectionDriver.FIRST_OUTBOX, "ServerHello to Finished with a chain: " + flight + " bytes");
        assertTrue(p.server.stagingCapacity() >= flight && p.server.stagingCapacity() < 2 * flight,
                "staged " + flight + " bytes in a buffer of " + p.server.stagingCapacity());
        Pair.send(p.server, p.toClient);
        p.handshake(); // the flight staged in pieces is still the flight the client accepts
        Pair.write(p.server, p.toClient, "after");
        assertEquals("after", Pair.receive(p.client, p.toClient, p.toServer, 5));
    }

    @Test
    void aClientWithoutCertificateGoesOnWhenTheServerAsksForOne() throws Exception {
        for (ProtocolVersion v : List.of(ProtocolVersion.TLS13, ProtocolVersion.TLS12)) {
            Pair p = new Pair(Credentials.ClientAuth.OPTIONAL, v).handshake();
            assertTrue(p.client.finished() && p.server.finished());
            assertEquals(List.of(), p.server.context().peerCertificates(), v + ": no client certificate");
            assertEquals(v, p.client.context().connectionInfo().version());
            assertEquals(0, p.client.staged(), "a finished handshake stages nothing");
        }
    }

    @Test
    void handshakeIsOkExactlyWhenEverythingIsHandedOut() throws Exception {
        Pair p = new Pair(Credentials.ClientAuth.NONE, ProtocolVersion.TLS13);
        Result hello = p.client.handshake(ByteBuffer.allocate(0));
        assertEquals(Status.CONTINUE_NEEDED, hello.status());
        assertTrue(hello.outputPending() && p.client.staged() > 0, "the ClientHello waits to be handed out");
        assertEquals(0, ConnectionDriver.bytesToRead(hello, ByteBuffer.allocate(0)), "hand it out, then call again");
        Pair.send(p.client, p.toServer);
        Result waiting = p.client.handshake(ByteBuffer.allocate(0));
        assertEquals(Status.INCOMPLETE_MESSAGE, waiting.status(), "nothing to do until the server answers");
        assertTrue(ConnectionDriver.bytesToRead(waiting, ByteBuffer.allocate(0)) > 0);
        p.handshake();
        assertFalse(p.client.finishHandshake(), "finished once, not twice");
    }

    @Test
    void secondHandshakeIsAKeyUpdateOnTls13AndNothingOnTls12() throws Exception {
        Pair p13 = new Pair(Credentials.ClientAuth.NONE, ProtocolVersion.TLS13).handshake();
        assertTrue(p13.client.requestKeyUpdate());
        assertTrue(p13.client.wantsToSend());
        p13.client.produceOwed();
        Pair.send(p13.client, p13.toServer);
        Pair.write(p13.client, p13.toServer, "under the new key");
        assertEquals("under the new key", Pair.receive(p13.server, p13.toServer, p13.toClient, 17));

        Pair p12 = new Pair(Credentials.ClientAuth.NONE, ProtocolVersion.TLS12).handshake();
        assertFalse(p12.client.requestKeyUpdate(), "TLS 1.2 has no KeyUpdate and we refuse renegotiation");
        assertFalse(p12.client.wantsToSend());
    }

    @Test
    void closeNotifyEndsTheInboundSideOfThePeer() throws Exception {
        Pair p = new Pair(Credentials.ClientAuth.NONE, ProtocolVersion.TLS13).handshake();
        Pair.write(p.client, p.toServer, "last words");
        p.client.closeOutbound();
        p.client.produceOwed();
        Pair.send(p.client, p.toServer);
        assertFalse(p.client.wantsToSend());
        assertEquals("last words", Pair.receive(p.server, p.toServer, p.toClient, 100));
        assertTrue(p.server.peerClosed());
        assertEquals(Status.CONTEXT_EXPIRED, p.server.receive(ByteBuffer.allocate(0), ByteBuffer.allocate(10)).status(),
                "and forever after");
    }

    @Test
    void aContextFailureStagesItsAlertAndIsThrownAgain() throws Exception {
        Pair p = new Pair(Credentials.ClientAuth.NONE, ProtocolVersion.TLS13);
        p.client.handshake(ByteBuffer.allocate(0));
        ByteBuffer garbage = ByteBuffer.wrap(new byte[] {22, 3, 3, 0, 4, 2, 0, 0, 0}); // a ServerHello of no bytes
        ConnectionFailure f = assertThrows(ConnectionFailure.class, () -> p.client.handshake(garbage));
        assertEquals(ConnectionFailure.Kind.REFUSED, f.kind());
        assertTrue(f.duringHandshake());
        assertEquals(Reason.DECODE_ERROR, f.contextFailure().reason());
        assertEquals(7, p.client.staged(), "the alert record replaced the ClientHello");
        assertSame(f, assertThrows(ConnectionFailure.class, () -> p.client.handshake(ByteBuffer.allocate(0))));
        assertSame(f, p.client.failure());
    }

    @Test
    void aFailureAfterTheHandshakeIsNotAHandshakeFailure() throws Exception {
        Pair p = new Pair(Credentials.ClientAuth.NONE, ProtocolVersion.TLS13).handshake();
        Pair.write(p.client, p.toServer, "tampered");
        byte[] record = p.toServer.drain();
        record[record.length - 1] ^= 1;
        ConnectionFailure f = assertThrows(ConnectionFailure.class,
                () -> p.server.receive(ByteBuffer.wrap(record), ByteBuffer.allocate(100)));
        assertFalse(f.duringHandshake());
        assertEquals(Reason.BAD_RECORD_MAC, f.contextFailure().reason());
    }

    // ---------------------------------------------------------------- rules only a broken peer or context provokes

    @Test
    void incompleteCredentialsAreAnsweredWithoutACertificateOnce() throws Exception {
        ScriptedContext c = new ScriptedContext();
        c.steps.add(ScriptedContext.answer(Status.INCOMPLETE_CREDENTIALS, 5, 0, false));
        c.steps.add(ScriptedContext.answer(Status.OK, 0, 10, false));
        ConnectionDriver d = driver(c);
        Result r = d.handshake(ByteBuffer.allocate(5));
        assertEquals(1, c.credentialsSupplied);
        assertEquals(Status.CONTINUE_NEEDED, r.status(), "the Finished waits to be handed out");
        assertEquals(5, r.bytesConsumed());
        Pair.send(d, new Pipe());
        assertEquals(Status.OK, d.handshake(ByteBuffer.allocate(0)).status());
    }

    @Test
    void aStepWithoutProgressNeverInvitesTheSameCall() throws Exception {
        ScriptedContext c = new ScriptedContext();
        c.steps.add(ScriptedContext.answer(Status.CONTINUE_NEEDED, 0, 0, false));
        Result r = driver(c).handshake(ByteBuffer.allocate(0));
        assertEquals(Status.INCOMPLETE_MESSAGE, r.status(), "read more, rather than call again with the same input");
    }

    @Test
    void aStepThatAsksForCredentialsForeverFails() {
        ScriptedContext c = new ScriptedContext();
        for (int i = 0; i < 20; i++) {
            c.steps.add(ScriptedContext.answer(Status.INCOMPLETE_CREDENTIALS, 0, 0, false));
        }
        ConnectionFailure f = assertThrows(ConnectionFailure.class, () -> driver(c).handshake(ByteBuffer.allocate(0)));
        assertEquals(ConnectionFailure.Kind.NO_PROGRESS, f.kind());
    }

    /** Established, the handshake handed out: what the data tests start from. */
    private static ConnectionDriver established(ScriptedContext c) throws Exception {
        c.steps.add(ScriptedContext.answer(Status.OK, 0, 0, false));
        ConnectionDriver d = driver(c);
        assertEquals(Status.OK, d.handshake(ByteBuffer.allocate(0)).status());
        return d;
    }

    @Test
    void aWaitingPostHandshakeMessageIsFollowedByTheRecordBehindIt() throws Exception {
        ScriptedContext c = new ScriptedContext();
        ConnectionDriver d = established(c);
        c.decrypts.add(ScriptedContext.answer(Status.RENEGOTIATE, 0, 0, false)); // the message came in an earlier call
        c.steps.add(ScriptedContext.answer(Status.OK, 0, 0, false));
        c.decrypts.add(ScriptedContext.answer(Status.OK, 20, 4, false));
        Result r = d.receive(ByteBuffer.allocate(20), ByteBuffer.allocate(100));
        assertEquals(Status.OK, r.status());
        assertEquals(20, r.bytesConsumed(), "the same call consumed the next record");
        assertEquals(4, r.bytesProduced());
    }

    @Test
    void renegotiateRepeatingWithoutProgressIsAnError() throws Exception {
        ScriptedContext c = new ScriptedContext();
        ConnectionDriver d = established(c);
        c.decrypts.add(ScriptedContext.answer(Status.RENEGOTIATE, 0, 0, false));
        c.steps.add(ScriptedContext.answer(Status.OK, 0, 0, false));
        c.decrypts.add(ScriptedContext.answer(Status.RENEGOTIATE, 0, 0, false));
        ConnectionFailure f = assertThrows(ConnectionFailure.class, () -> d.receive(ByteBuffer.allocate(20), ByteBuffer.allocate(100)));
        assertEquals(ConnectionFailure.Kind.NO_PROGRESS, f.kind());
        assertFalse(f.duringHandshake());
    }

    @Test
    void aDecryptWithoutProgressTellsTheCallerToReadMore() throws Exception {
        ScriptedContext c = new ScriptedContext();
        ConnectionDriver d = established(c);
        c.decrypts.add(ScriptedContext.answer(Status.OK, 0, 0, false));
        assertEquals(Status.INCOMPLETE_MESSAGE, d.receive(ByteBuffer.allocate(0), ByteBuffer.allocate(10)).status());
    }

    @Test
    void aReplyThatFindsNoRoomWaitsForTheStagedBytesToLeave() throws Exception {
        ScriptedContext c = new ScriptedContext();
        c.steps.add(ScriptedContext.answer(Status.CONTINUE_NEEDED, 0, ConnectionDriver.FIRST_OUTBOX - 10, false));
        ConnectionDriver d = driver(c);
        d.handshake(ByteBuffer.allocate(0));
        c.established = true;
        c.decrypts.add(ScriptedContext.answer(Status.RENEGOTIATE, 30, 0, false));
        // No step is scripted: one made without room would fail the test with "no step scripted".
        Result r = d.receive(ByteBuffer.allocate(30), ByteBuffer.allocate(10));
        assertEquals(30, r.bytesConsumed());
        assertTrue(r.outputPending(), "hand out the staged bytes, then the message is answered");
    }

    @Test
    void theHandshakeTimeoutCountsFromTheFirstStep() throws Exception {
        AtomicLong now = new AtomicLong(1_000);
        ScriptedContext c = new ScriptedContext();
        c.steps.add(ScriptedContext.answer(Status.CONTINUE_NEEDED, 0, 10, false));
        ConnectionDriver d = new ConnectionDriver(c, Duration.ofMillis(500), new ReentrantLock(), now::get);
        assertEquals(500, d.handshakeMillisLeft(), "not started yet");
        d.handshake(ByteBuffer.allocate(0));
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(200));
        assertEquals(300, d.handshakeMillisLeft());
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(300));
        assertEquals(0, d.handshakeMillisLeft());
        ConnectionFailure f = assertThrows(ConnectionFailure.class, () -> d.handshake(ByteBuffer.allocate(0)));
        assertEquals(ConnectionFailure.Kind.TIMED_OUT, f.kind());
        assertTrue(f.duringHandshake());
        assertTrue(f.getCause() instanceof java.net.SocketTimeoutException, String.valueOf(f.getCause()));
        assertEquals(0, d.staged(), "no alert: the peer is silent, not wrong");
    }

    @Test
    void withoutATimeoutThereIsNoDeadline() throws Exception {
        ScriptedContext c = new ScriptedContext();
        c.steps.add(ScriptedContext.answer(Status.CONTINUE_NEEDED, 0, 10, false));
        ConnectionDriver d = driver(c);
        d.handshake(ByteBuffer.allocate(0));
        assertEquals(Long.MAX_VALUE, d.handshakeMillisLeft());
        assertNull(d.failure());
    }

    @Test
    void tls12SecondHandshakeAsksTheContextForNothing() throws Exception {
        ScriptedContext c = new ScriptedContext();
        c.version = ProtocolVersion.TLS12;
        ConnectionDriver d = established(c);
        assertFalse(d.requestKeyUpdate());
        assertEquals(0, c.keyUpdatesRequested);
        c.version = ProtocolVersion.TLS13;
        assertTrue(d.requestKeyUpdate());
        assertEquals(1, c.keyUpdatesRequested);
    }

    @Test
    void theTls12SessionIdIsTheOneBothSidesSawAndAResumptionKeepsIt() throws Exception {
        List<org.securechannel.codec.CipherSuite> tls12 = List.of(org.securechannel.codec.CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
        Credentials client = Credentials.client().trustAnchors(List.of(pki.root())).cipherSuites(tls12).build();
        Credentials server = Credentials.server().certificate(leaf.chain(), leaf.key()).cipherSuites(tls12).build();
        byte[] first;
        try (org.securechannel.testing.ContextPair p = new org.securechannel.testing.ContextPair(
                SecurityContext.client(client, HOST), SecurityContext.server(server)).handshake()) {
            first = p.client.connectionInfo().sessionId();
            assertEquals(32, first.length);
            assertArrayEquals(first, p.server.connectionInfo().sessionId());
        }
        try (org.securechannel.testing.ContextPair p = new org.securechannel.testing.ContextPair(
                SecurityContext.client(client, HOST), SecurityContext.server(server)).handshake()) {
            assertTrue(p.client.connectionInfo().resumed());
            assertArrayEquals(first, p.client.connectionInfo().sessionId());
            assertArrayEquals(first, p.server.connectionInfo().sessionId());
        }
        Credentials tls13 = Credentials.client().trustAnchors(List.of(pki.root())).build();
        try (org.securechannel.testing.ContextPair p = new org.securechannel.testing.ContextPair(
                SecurityContext.client(tls13, HOST), SecurityContext.server(Credentials.server()
                        .certificate(leaf.chain(), leaf.key()).build())).handshake()) {
            assertEquals(0, p.client.connectionInfo().sessionId().length, "TLS 1.3 names no session on the wire");
        }
    }
}
