package org.securechannel.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.securechannel.badinput.Fixtures.*;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.securechannel.context.Reason;
import org.securechannel.context.Result;
import org.securechannel.context.SecurityContext;
import org.securechannel.context.SecurityContextException;
import org.securechannel.context.Status;
import org.securechannel.testing.ContextPair;

/**
 * Floods of records that are each legal and carry nothing (empty records, warning alerts, KeyUpdates,
 * change_cipher_spec) end the connection with unexpected_message after a small bound, at either side; a
 * run of them shorter than the bound, or one broken by application data, is accepted. The bounds live in
 * {@code UselessRecordLimits}; the figures here restate them on purpose, so that a change to them is seen.
 */
class UselessRecordFloodTest {
    private static final int MAX_WARNING_ALERTS = 4;
    private static final int MAX_EMPTY_RECORDS = 32;
    private static final int MAX_POST_HANDSHAKE_MESSAGES = 32;

    /**
     * A handshaken pair whose server sends no tickets: they would count toward the bound on post-handshake messages
     * that these tests measure exactly.
     */
    private static ContextPair established() throws SecurityContextException {
        return new ContextPair(client(), SecurityContext.server(serverBuilder().sessionTickets(0).build())).handshake();
    }

    /** A pair whose {@code sender} side seals through {@link ForgingRecordsBackend}. */
    private static ContextPair forgingPair(boolean clientSends) throws SecurityContextException {
        SecurityContext client = clientSends
                ? SecurityContext.client(clientBuilder().crypto(new ForgingRecordsBackend()).build(), "localhost") : client();
        SecurityContext server = clientSends ? server()
                : SecurityContext.server(serverBuilder().crypto(new ForgingRecordsBackend()).build());
        ContextPair p = new ContextPair(client, server).handshake();
        p.receive(p.client, p.toClient); // the server's tickets, before the records each test forges
        return p;
    }

    private static byte[] sealed(SecurityContext from, byte[] data) throws SecurityContextException {
        ByteBuffer out = ByteBuffer.allocate(1024);
        Result r = from.encrypt(ByteBuffer.wrap(data), out);
        assertEquals(Status.OK, r.status());
        return Arrays.copyOf(out.array(), out.position());
    }

    /** Decrypts every record of {@code wire} one call at a time, stepping on RENEGOTIATE; returns the plaintext. */
    private static String readAll(SecurityContext to, byte[] wire) throws SecurityContextException {
        ByteBuffer in = ByteBuffer.wrap(wire);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 100_000 && in.hasRemaining(); i++) {
            ByteBuffer plain = ByteBuffer.allocate(1024);
            Result r = to.decrypt(in, plain);
            text.append(new String(plain.array(), 0, plain.position(), java.nio.charset.StandardCharsets.ISO_8859_1));
            if (r.status() == Status.RENEGOTIATE) {
                to.step(ByteBuffer.allocate(0), ByteBuffer.allocate(1024));
            } else {
                assertEquals(Status.OK, r.status(), () -> "decrypt: " + r);
            }
        }
        assertTrue(!in.hasRemaining(), "every record was read");
        return text.toString();
    }

    private static byte[] repeat(SecurityContext from, byte[] forged, int times) throws SecurityContextException {
        java.io.ByteArrayOutputStream wire = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < times; i++) {
            wire.writeBytes(sealed(from, forged));
        }
        return wire.toByteArray();
    }

    /** Empty application data records (at most 32 in a row) and warning alerts (at most 4), from either side. */
    @ParameterizedTest(name = "clientSends={0} {1}")
    @CsvSource({"true, empty", "false, empty", "true, user_canceled", "false, user_canceled"})
    void uselessRecordsAreBoundedAndDataResetsTheCount(boolean clientSends, String kind) throws Exception {
        boolean empty = kind.equals("empty");
        byte[] forged = empty ? ForgingRecordsBackend.EMPTY : ForgingRecordsBackend.USER_CANCELED;
        int max = empty ? MAX_EMPTY_RECORDS : MAX_WARNING_ALERTS;
        try (ContextPair p = forgingPair(clientSends)) {
            SecurityContext from = clientSends ? p.client : p.server;
            SecurityContext to = p.peer(from);
            byte[] wire = concat(repeat(from, forged, max), sealed(from, new byte[] {'x'}), repeat(from, forged, max));
            assertEquals("x", readAll(to, wire));
            byte[] oneTooMany = sealed(from, forged);
            expectFailure(Reason.UNEXPECTED_MESSAGE, () -> to.decrypt(ByteBuffer.wrap(oneTooMany), ByteBuffer.allocate(1024)));
        }
    }

    /** A million user_canceled alerts in the clear after a ClientHello: the server ends it at the fifth, with an alert. */
    @Test
    void plaintextWarningAlertFloodDuringTheHandshakeEndsIt() throws Exception {
        try (SecurityContext server = server(); SecurityContext client = client()) {
            step(server, clientHelloRecord(client));
            byte[] userCanceled = record(ALERT, new byte[] {1, 90});
            byte[] flood = concat(userCanceled, userCanceled, userCanceled, userCanceled, userCanceled);
            SecurityContextException e = expectFailure(Reason.UNEXPECTED_MESSAGE,
                    () -> server.step(ByteBuffer.wrap(flood), ByteBuffer.allocate(64 * 1024)));
            assertTrue(e.alertToSend().length > 0, "the server answers with an alert, it does not go silent");
        }
    }

    @ParameterizedTest(name = "clientSends={0}")
    @ValueSource(booleans = {true, false})
    void keyUpdatesWithoutDataAreBounded(boolean clientSends) throws Exception {
        try (ContextPair p = established()) {
            SecurityContext from = clientSends ? p.client : p.server;
            SecurityContext to = p.peer(from);
            ByteBuffer wire = ByteBuffer.allocate(64 * 1024);
            for (int i = 0; i < MAX_POST_HANDSHAKE_MESSAGES; i++) {
                from.requestKeyUpdate(false);
                from.step(ByteBuffer.allocate(0), wire);
            }
            wire.put(sealed(from, new byte[] {'z'}));
            from.requestKeyUpdate(false);
            from.step(ByteBuffer.allocate(0), wire);
            assertEquals("z", readAll(to, Arrays.copyOf(wire.array(), wire.position())));

            ByteBuffer flood = ByteBuffer.allocate(64 * 1024);
            for (int i = 0; i < MAX_POST_HANDSHAKE_MESSAGES; i++) {
                from.requestKeyUpdate(false);
                from.step(ByteBuffer.allocate(0), flood);
            }
            flood.flip();
            SecurityContextException e = expectFailure(Reason.UNEXPECTED_MESSAGE, () -> readAll(to, Arrays.copyOf(flood.array(), flood.limit())));
            assertTrue(e.getMessage().contains("post-handshake"), e.getMessage());
        }
    }

    /**
     * 4,000 KeyUpdate requests, each behind a byte of data, to a side that reads through decrypt +
     * processPostHandshake and never writes: one reply waits (RFC 8446 §4.6.3 lets one answer them all), so
     * the cost is linear; it used to retire a write key per request and walk them all each time.
     */
    @Test
    void manyKeyUpdateRequestsLeaveOneReplyPending() throws Exception {
        try (ContextPair p = established()) {
            int requests = 4_000;
            ByteBuffer wire = ByteBuffer.allocate(requests * 64);
            for (int i = 0; i < requests; i++) {
                p.client.requestKeyUpdate(true);
                p.client.step(ByteBuffer.allocate(0), wire);
                wire.put(sealed(p.client, new byte[] {'.'}));
            }
            wire.flip();
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                int data = 0;
                for (int i = 0; i < 4 * requests && wire.hasRemaining(); i++) {
                    ByteBuffer plain = ByteBuffer.allocate(64);
                    Result r = p.server.decrypt(wire, plain);
                    data += plain.position();
                    if (r.status() == Status.RENEGOTIATE) {
                        p.server.processPostHandshake();
                    }
                }
                assertEquals(requests, data);
            });
            // Everything owed now fits in one record: a single KeyUpdate.
            ByteBuffer out = ByteBuffer.allocate(64 * 1024);
            Result r = p.server.step(ByteBuffer.allocate(0), out);
            assertEquals(Status.OK, r.status());
            byte[] reply = Arrays.copyOf(out.array(), out.position());
            List<byte[]> records = records(reply);
            assertEquals(1, records.size(), "one KeyUpdate answers every request");
            p.toClient.write(reply);
            // And the client, reading it, updates its read key once and goes on.
            assertEquals("after", new String(p.transfer(p.server, "after".getBytes())));
        }
    }
}
