package org.securechannel.badinput;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.securechannel.badinput.Fixtures.*;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.securechannel.codec.ClientHello;
import org.securechannel.codec.Extension;
import org.securechannel.context.Credentials;
import org.securechannel.context.Reason;
import org.securechannel.context.Result;
import org.securechannel.context.SecurityContext;
import org.securechannel.context.Status;
import org.securechannel.testing.ContextPair;
import org.securechannel.testing.RecordForge;
import org.securechannel.testing.TestPki;

/**
 * The largest legal records, and one byte more (RFC 8446 §5.1, §5.2, §5.4), with real handshake messages in them:
 * a plaintext record carries at most 2^14 bytes; a protected record's TLSInnerPlaintext (content, type, padding)
 * at most 2^14 + 1. Exactly at the limit the handshake goes on; one byte past it is record_overflow.
 */
@Timeout(60)
class RecordSizeLimitTest {
    private static final int MAX = 16384;
    /** The padding that makes an inner plaintext of {@code content} bytes exactly 2^14 + 1 bytes long. */
    private static int maximalPadding(int content) {
        return MAX + 1 - (content + 1);
    }

    // ------------------------------------------------------------------ plaintext: a ClientHello of more than 2^14 bytes

    /** A real ClientHello made longer than one record can hold with a padding extension (RFC 7685). */
    private static byte[] bigClientHello() throws Exception {
        ClientHello h = realClientHello();
        List<Extension> ext = new ArrayList<>(h.extensions());
        ext.add(0, new Extension(21, new byte[MAX + 100]));
        byte[] message = withExtensions(h, ext).encode();
        assertTrue(message.length > MAX + 1);
        return message;
    }

    @Test
    void plaintextRecordOfExactly2To14IsTaken() throws Exception {
        byte[] message = bigClientHello();
        byte[] in = concat(record(HANDSHAKE, Arrays.copyOf(message, MAX)),
                record(HANDSHAKE, Arrays.copyOfRange(message, MAX, message.length)));
        try (SecurityContext s = server()) {
            ByteBuffer out = ByteBuffer.allocate(64 * 1024);
            Result r = s.step(ByteBuffer.wrap(in), out);
            assertEquals(Status.CONTINUE_NEEDED, r.status());
            assertTrue(out.position() > 0, "the server answered with its flight");
            assertEquals(HANDSHAKE, out.get(0), "a ServerHello first");
            assertFalse(parseServerHello(records(Arrays.copyOf(out.array(), out.position())).get(0)).isHelloRetryRequest());
        }
    }

    @Test
    void plaintextRecordOf2To14Plus1IsRecordOverflow() throws Exception {
        byte[] message = bigClientHello();
        byte[] in = concat(record(HANDSHAKE, Arrays.copyOf(message, MAX + 1)),
                record(HANDSHAKE, Arrays.copyOfRange(message, MAX + 1, message.length)));
        stepFails(server(), in, Reason.RECORD_OVERFLOW);
    }

    // ------------------------------------------------------------------ protected, server to client

    /** Each of the server's messages alone in a record padded to exactly 2^14 + 1 bytes of inner plaintext. */
    @Test
    void maximallyPaddedHandshakeRecordsAreTaken() throws Exception {
        ForgedFlight f = new ForgedFlight();
        int[] cuts = ForgedFlight.messageBoundaries(f.handshake);
        assertTrue(cuts.length >= 3, "EncryptedExtensions, Certificate, CertificateVerify, Finished");
        int[] padding = new int[cuts.length + 1];
        int from = 0;
        for (int i = 0; i < padding.length; i++) {
            int to = i < cuts.length ? cuts[i] : f.handshake.length;
            padding[i] = maximalPadding(to - from);
            from = to;
        }
        finishAndTalk(f, f.reassemble(f.handshake, cuts, padding));
    }

    @Test
    void handshakeRecordPaddedOneBytePastTheLimitIsRecordOverflow() throws Exception {
        ForgedFlight f = new ForgedFlight();
        int[] cuts = ForgedFlight.messageBoundaries(f.handshake);
        // EncryptedExtensions alone, its inner plaintext 2^14 + 2 bytes; ciphertext still below 2^14 + 256.
        int[] padding = new int[cuts.length + 1];
        padding[0] = maximalPadding(cuts[0]) + 1;
        byte[] in = f.reassemble(f.handshake, cuts, padding);
        assertTrue(Fixtures.records(in).stream().allMatch(r -> r.length - 5 <= MAX + 256));
        stepFails(f.client, in, Reason.RECORD_OVERFLOW);
    }

    /** A certificate big enough that the server's flight fills more than one whole record. */
    private static ForgedFlight bigFlight() throws Exception {
        String[] names = new String[700];
        names[0] = "localhost";
        for (int i = 1; i < names.length; i++) {
            names[i] = "name-" + i + ".record-limit.test";
        }
        TestPki.Issued big = PKI.issue(TestPki.KeyType.EC_P256, names);
        ForgedFlight f = new ForgedFlight(clientBuilder(), "localhost", 
                Credentials.server().certificate(big.chain(), big.key()));
        assertTrue(f.handshake.length > MAX + 1, "the flight must not fit in one record: " + f.handshake.length);
        return f;
    }

    @Test
    void handshakeRecordWithExactly2To14BytesOfContentIsTaken() throws Exception {
        ForgedFlight f = bigFlight();
        finishAndTalk(f, f.reassemble(f.handshake, new int[] {MAX}, new int[] {0, 0}));
    }

    @Test
    void handshakeRecordWith2To14Plus1BytesOfContentIsRecordOverflow() throws Exception {
        ForgedFlight f = bigFlight();
        stepFails(f.client, f.reassemble(f.handshake, new int[] {MAX + 1}, new int[] {0, 0}), Reason.RECORD_OVERFLOW);
    }

    /** The client takes the forged flight, answers, and both sides then agree on application data. */
    private static void finishAndTalk(ForgedFlight f, byte[] serverFlight) throws Exception {
        ByteBuffer out = ByteBuffer.allocate(64 * 1024);
        Result r = f.client.step(ByteBuffer.wrap(serverFlight), out);
        assertEquals(Status.OK, r.status(), "the client must take records at the limit");
        byte[] clientFlight = Arrays.copyOf(out.array(), out.position());
        assertEquals(Status.OK, f.server.step(ByteBuffer.wrap(clientFlight), ByteBuffer.allocate(64 * 1024)).status());
        try (ContextPair p = new ContextPair(f.client, f.server)) {
            byte[] data = "after records at the limit".getBytes(StandardCharsets.UTF_8);
            assertArrayEquals(data, p.transfer(p.client, data));
            assertArrayEquals(data, p.transfer(p.server, data));
        }
    }

    // ------------------------------------------------------------------ protected, client to server

    /** The client's Finished, re-sealed with {@code padding} zeros after its type; the rest of its flight as sent. */
    private static byte[] clientFlightWithPaddedFinished(ForgedFlight f, int extraPastLimit) throws Exception {
        byte[] clientFlight = step(f.client, f.reassemble(f.handshake, new int[0], new int[] {0}));
        RecordForge keys = f.clientHandshakeKeys();
        List<byte[]> out = new ArrayList<>();
        for (byte[] r : records(clientFlight)) {
            if (r[0] != APPDATA) {
                out.add(r);
                continue;
            }
            byte[] inner = keys.openInner(r);
            byte[] finished = RecordForge.content(inner);
            assertEquals(20, finished[0], "the client's protected flight is its Finished");
            RecordForge sealer = f.clientHandshakeKeys();
            out.add(sealer.seal(HANDSHAKE, finished, maximalPadding(finished.length) + extraPastLimit));
        }
        return concat(out.toArray(new byte[0][]));
    }

    @Test
    void clientFinishedPaddedToTheLimitIsTaken() throws Exception {
        ForgedFlight f = new ForgedFlight();
        byte[] in = clientFlightWithPaddedFinished(f, 0);
        assertEquals(Status.OK, f.server.step(ByteBuffer.wrap(in), ByteBuffer.allocate(64 * 1024)).status());
        try (ContextPair p = new ContextPair(f.client, f.server)) {
            byte[] data = "finished at the limit".getBytes(StandardCharsets.UTF_8);
            assertArrayEquals(data, p.transfer(p.client, data));
        }
    }

    @Test
    void clientFinishedPaddedPastTheLimitIsRecordOverflow() throws Exception {
        ForgedFlight f = new ForgedFlight();
        stepFails(f.server, clientFlightWithPaddedFinished(f, 1), Reason.RECORD_OVERFLOW);
    }
}
