package org.securechannel.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.securechannel.badinput.Fixtures.*;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.securechannel.context.Reason;
import org.securechannel.context.Result;
import org.securechannel.context.SecurityContext;
import org.securechannel.context.SecurityContextException;
import org.securechannel.context.Status;
import org.securechannel.testing.ContextPair;

/**
 * Record-level bad input (RFC 8446 §5, §6): framing, sizes, types, protection, CCS and alert records,
 * against a fresh server and an established pair. Every failure must be a SecurityContextException
 * with the alert the RFC requires, and the context must be dead afterwards.
 */
@Timeout(20)
class RecordLayerBadInputTest {

    // ------------------------------------------------------------------ incomplete input is not an error

    @Test
    void truncatedHeaderAndRecordAskForExactlyTheMissingBytes() throws Exception {
        byte[] hello;
        try (SecurityContext c = client()) {
            hello = clientHelloRecord(c);
        }
        try (SecurityContext server = server()) {
            for (int n = 0; n < hello.length; n++) {
                ByteBuffer in = ByteBuffer.wrap(Arrays.copyOf(hello, n));
                ByteBuffer out = ByteBuffer.allocate(64 * 1024);
                Result r = server.step(in, out);
                int expectedMissing = n < 5 ? 5 - n : hello.length - n;
                assertEquals(Status.INCOMPLETE_MESSAGE, r.status(), "prefix of " + n);
                assertEquals(expectedMissing, r.missing(), "missing for a prefix of " + n);
                assertEquals(0, in.position(), "nothing consumed");
                assertEquals(0, out.position(), "nothing produced");
                assertEquals(0, r.bytesConsumed());
            }
            // The whole record still works afterwards: the incomplete calls did no damage.
            ByteBuffer out = ByteBuffer.allocate(64 * 1024);
            Result r = server.step(ByteBuffer.wrap(hello), out);
            assertEquals(Status.CONTINUE_NEEDED, r.status());
            assertEquals(hello.length, r.bytesConsumed());
        }
    }

    @Test
    void truncatedProtectedRecordAfterHandshakeIsIncomplete() throws Exception {
        try (ContextPair pair = establishedPair()) {
            ByteBuffer out = ByteBuffer.allocate(1024);
            pair.client.encrypt(ByteBuffer.wrap("hello".getBytes(StandardCharsets.US_ASCII)), out);
            byte[] rec = Arrays.copyOf(out.array(), out.position());
            for (int n = 0; n < rec.length; n++) {
                ByteBuffer in = ByteBuffer.wrap(Arrays.copyOf(rec, n));
                Result r = pair.server.decrypt(in, ByteBuffer.allocate(1024));
                assertEquals(Status.INCOMPLETE_MESSAGE, r.status());
                assertEquals(n < 5 ? 5 - n : rec.length - n, r.missing());
                assertEquals(0, in.position());
            }
            ByteBuffer plain = ByteBuffer.allocate(1024);
            assertEquals(Status.OK, pair.server.decrypt(ByteBuffer.wrap(rec), plain).status());
            assertEquals(5, plain.position());
        }
    }

    // ------------------------------------------------------------------ header checks, fresh server

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 19, 24, 25, 0x47, 0x80, 0xFF})
    void unknownContentTypeIsUnexpectedMessage(int type) {
        stepFails(server(), record(type, new byte[] {1, 0, 0, 0}), Reason.UNEXPECTED_MESSAGE);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x0000, 0x0200, 0x0303 + 0x0100, 0xFFFF, 0x1603})
    void versionBytesNot03xxIsDecodeError(int version) {
        stepFails(server(), record(HANDSHAKE, version, new byte[] {1, 0, 0, 0}), Reason.DECODE_ERROR);
    }

    @Test
    void oversizedPlaintextRecordIsRecordOverflowFromTheHeaderAlone() {
        // The header is enough to know: no need to wait for (or buffer) 16 KiB first.
        stepFails(server(), new byte[] {HANDSHAKE, 3, 3, 0x40, 0x01}, Reason.RECORD_OVERFLOW);
        stepFails(server(), record(HANDSHAKE, new byte[16385]), Reason.RECORD_OVERFLOW);
        stepFails(server(), new byte[] {ALERT, 3, 3, (byte) 0xFF, (byte) 0xFF}, Reason.RECORD_OVERFLOW);
    }

    @Test
    void plaintextRecordOfExactly2To14IsNotOverflow() {
        // 2^14 bytes of zeros: a handshake message of type 0 (hello_request), which TLS 1.3 does not know.
        SecurityContextException e = stepFails(server(), record(HANDSHAKE, new byte[16384]), Reason.UNEXPECTED_MESSAGE);
        assertNotEquals(Reason.RECORD_OVERFLOW, e.reason());
    }

    @Test
    void emptyHandshakeAlertOrCcsRecordIsUnexpectedMessage() {
        stepFails(server(), record(HANDSHAKE, new byte[0]), Reason.UNEXPECTED_MESSAGE);
        stepFails(server(), record(ALERT, new byte[0]), Reason.UNEXPECTED_MESSAGE);
        stepFails(server(), record(CCS, new byte[0]), Reason.UNEXPECTED_MESSAGE);
    }

    @Test
    void applicationDataBeforeKeysIsUnexpectedMessage() {
        stepFails(server(), record(APPDATA, new byte[40]), Reason.UNEXPECTED_MESSAGE);
        stepFails(server(), record(APPDATA, new byte[0]), Reason.UNEXPECTED_MESSAGE);
    }

    @Test
    void applicationDataBeforeKeysAtTheClientIsUnexpectedMessage() throws Exception {
        SecurityContext client = client();
        clientHelloRecord(client);
        stepFails(client, record(APPDATA, new byte[40]), Reason.UNEXPECTED_MESSAGE);
    }

    @Test
    void changeCipherSpecBeforeTheFirstClientHelloIsUnexpectedMessage() {
        stepFails(server(), record(CCS, new byte[] {1}), Reason.UNEXPECTED_MESSAGE);
    }

    @Test
    void malformedChangeCipherSpecIsUnexpectedMessage() throws Exception {
        for (byte[] ccs : new byte[][] {{2}, {0}, {1, 1}, {1, 0}}) {
            SecurityContext server = server();
            SecurityContext client = client();
            step(server, clientHelloRecord(client));
            stepFails(server, record(CCS, ccs), Reason.UNEXPECTED_MESSAGE);
            client.close();
        }
    }

    @Test
    void wellFormedChangeCipherSpecAfterClientHelloIsIgnored() throws Exception {
        try (SecurityContext server = server(); SecurityContext client = client()) {
            step(server, clientHelloRecord(client));
            Result r = server.step(ByteBuffer.wrap(record(CCS, new byte[] {1})), ByteBuffer.allocate(64 * 1024));
            assertEquals(Status.CONTINUE_NEEDED, r.status());
        }
    }

    @Test
    void secondChangeCipherSpecIsUnexpectedMessage() throws Exception {
        // RFC 8446 Appendix D.4: the compatibility CCS comes at most once per direction; a second one (we
        // accepted a million in a row) is unexpected_message, with an alert for the client (§5).
        try (SecurityContext server = server(); SecurityContext client = client()) {
            step(server, clientHelloRecord(client));
            byte[] two = concat(record(CCS, new byte[] {1}), record(CCS, new byte[] {1}));
            SecurityContextException e = expectFailure(Reason.UNEXPECTED_MESSAGE,
                    () -> server.step(ByteBuffer.wrap(two), ByteBuffer.allocate(64 * 1024)));
            assertFalse(e.alertToSend().length == 0, "the server answers with an alert");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 4})
    void alertRecordOfWrongLengthIsDecodeError(int length) {
        byte[] content = new byte[length];
        content[0] = 2;
        if (length > 1) {
            content[1] = 40;
        }
        stepFails(server(), record(ALERT, content), Reason.DECODE_ERROR);
    }

    @Test
    void alertWithUnknownLevelIsDecodeError() {
        stepFails(server(), record(ALERT, new byte[] {3, 40}), Reason.DECODE_ERROR);
    }

    @Test
    void fatalAlertFromPeerIsPeerAlertAndKillsTheContext() {
        SecurityContext server = server();
        SecurityContextException e = expectFailure(Reason.PEER_ALERT,
                () -> server.step(ByteBuffer.wrap(record(ALERT, new byte[] {2, 40})), ByteBuffer.allocate(1024)));
        assertEquals(org.securechannel.codec.AlertDescription.HANDSHAKE_FAILURE, e.peerAlert());
        assertDead(server);
    }

    @Test
    void httpRequestAsFirstBytesIsAnAlertNotAHang() {
        byte[] http = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        stepFails(server(), http, Reason.UNEXPECTED_MESSAGE);
        // Even the first 5 bytes alone must be judged at once (no waiting for a "record" of 0x2F20 bytes).
        stepFails(server(), Arrays.copyOf(http, 5), Reason.UNEXPECTED_MESSAGE);
        // And an SSLv2-style hello (0x80 length prefix).
        stepFails(server(), hex("8046010301002d0000001000"), Reason.UNEXPECTED_MESSAGE);
    }

    @Test
    void unknownHandshakeMessageTypeIsUnexpectedMessage() {
        stepFails(server(), record(HANDSHAKE, new byte[] {(byte) 0x99, 0, 0, 0}), Reason.UNEXPECTED_MESSAGE);
    }

    @Test
    void oversizedHandshakeMessageLengthIsRefusedWithoutWaitingForIt() {
        // A ClientHello announcing 16 MiB: refused as soon as its header is seen, never buffered. RFC 8446
        // names no alert for an over-long message; decode_error and illegal_parameter are both defensible.
        SecurityContext server = server();
        SecurityContextException e = expectFailureOneOf(java.util.Set.of(Reason.ILLEGAL_PARAMETER, Reason.DECODE_ERROR),
                () -> server.step(ByteBuffer.wrap(record(HANDSHAKE, new byte[] {1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF})),
                        ByteBuffer.allocate(1024)));
        assertDead(server);
    }

    @Test
    void handshakeMessageSplitOverManyRecordsIsReassembled() throws Exception {
        // Not an error: a ClientHello fragmented into 1-byte records still works (RFC 8446 §5.1).
        byte[] rec;
        try (SecurityContext c = client()) {
            rec = clientHelloRecord(c);
        }
        byte[] msg = content(rec);
        java.io.ByteArrayOutputStream split = new java.io.ByteArrayOutputStream();
        for (byte b : msg) {
            split.writeBytes(record(HANDSHAKE, new byte[] {b}));
        }
        try (SecurityContext server = server()) {
            ByteBuffer in = ByteBuffer.wrap(split.toByteArray());
            Result r = null;
            for (int i = 0; i < 4 && in.hasRemaining(); i++) {
                r = server.step(in, ByteBuffer.allocate(64 * 1024));
            }
            assertFalse(in.hasRemaining());
            assertEquals(Status.CONTINUE_NEEDED, r.status());
        }
    }

    // ------------------------------------------------------------------ established pair

    private static byte[] sealed(SecurityContext from, byte[] data) throws Exception {
        ByteBuffer out = ByteBuffer.allocate(64 * 1024);
        from.encrypt(ByteBuffer.wrap(data), out);
        return Arrays.copyOf(out.array(), out.position());
    }

    @Test
    void oversizedProtectedRecordIsRecordOverflow() throws Exception {
        try (ContextPair pair = establishedPair()) {
            decryptFails(pair.server, new byte[] {APPDATA, 3, 3, 0x41, 0x01}, Reason.RECORD_OVERFLOW);
        }
        try (ContextPair pair = establishedPair()) {
            decryptFails(pair.client, record(APPDATA, new byte[16384 + 256 + 1]), Reason.RECORD_OVERFLOW);
        }
    }

    @Test
    void protectedRecordOfExactlyTheLimitIsJudgedByItsTag() throws Exception {
        try (ContextPair pair = establishedPair()) {
            decryptFails(pair.server, record(APPDATA, new byte[16384 + 256]), Reason.BAD_RECORD_MAC);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 15, 16, 17})
    void protectedRecordShorterThanTagIsBadRecordMac(int length) throws Exception {
        try (ContextPair pair = establishedPair()) {
            decryptFails(pair.server, record(APPDATA, new byte[length]), Reason.BAD_RECORD_MAC);
        }
    }

    @Test
    void flippedCiphertextOrTagBitIsBadRecordMac() throws Exception {
        byte[] data = "attack at dawn".getBytes(StandardCharsets.US_ASCII);
        for (int i = 5; i < 5 + data.length + 1 + 16; i += 3) {
            try (ContextPair pair = establishedPair()) {
                byte[] rec = sealed(pair.client, data);
                rec[i] ^= 0x01;
                decryptFails(pair.server, rec, Reason.BAD_RECORD_MAC);
            }
        }
    }

    @Test
    void modifiedRecordHeaderIsBadRecordMac() throws Exception {
        // The header is the AAD: a legal but different version byte must break authentication.
        try (ContextPair pair = establishedPair()) {
            byte[] rec = sealed(pair.client, new byte[20]);
            rec[2] = 1;
            decryptFails(pair.server, rec, Reason.BAD_RECORD_MAC);
        }
    }

    @Test
    void replayedRecordIsBadRecordMac() throws Exception {
        try (ContextPair pair = establishedPair()) {
            byte[] rec = sealed(pair.client, "once".getBytes(StandardCharsets.US_ASCII));
            assertEquals(Status.OK, pair.server.decrypt(ByteBuffer.wrap(rec), ByteBuffer.allocate(1024)).status());
            decryptFails(pair.server, rec, Reason.BAD_RECORD_MAC);
        }
    }

    @Test
    void reorderedRecordsAreBadRecordMac() throws Exception {
        try (ContextPair pair = establishedPair()) {
            byte[] first = sealed(pair.client, new byte[] {1});
            byte[] second = sealed(pair.client, new byte[] {2});
            decryptFails(pair.server, concat(second, first), Reason.BAD_RECORD_MAC);
        }
    }

    @Test
    void changeCipherSpecAfterHandshakeIsUnexpectedMessage() throws Exception {
        try (ContextPair pair = establishedPair()) {
            decryptFails(pair.client, record(CCS, new byte[] {1}), Reason.UNEXPECTED_MESSAGE);
        }
        try (ContextPair pair = establishedPair()) {
            decryptFails(pair.server, record(CCS, new byte[] {1}), Reason.UNEXPECTED_MESSAGE);
        }
    }

    @Test
    void plaintextCloseNotifyAfterHandshakeIsUnexpectedMessageNotACleanClose() throws Exception {
        try (ContextPair pair = establishedPair()) {
            decryptFails(pair.server, record(ALERT, new byte[] {1, 0}), Reason.UNEXPECTED_MESSAGE);
        }
        try (ContextPair pair = establishedPair()) {
            decryptFails(pair.client, record(ALERT, new byte[] {1, 0}), Reason.UNEXPECTED_MESSAGE);
        }
    }

    @Test
    void plaintextHandshakeRecordAfterHandshakeIsUnexpectedMessage() throws Exception {
        try (ContextPair pair = establishedPair()) {
            decryptFails(pair.client, record(HANDSHAKE, new byte[] {4, 0, 0, 0}), Reason.UNEXPECTED_MESSAGE);
        }
    }

    @Test
    void unknownTypeAndBadVersionAfterHandshake() throws Exception {
        try (ContextPair pair = establishedPair()) {
            decryptFails(pair.client, record(0x30, new byte[20]), Reason.UNEXPECTED_MESSAGE);
        }
        try (ContextPair pair = establishedPair()) {
            decryptFails(pair.client, record(APPDATA, 0x0403, new byte[20]), Reason.DECODE_ERROR);
        }
    }

    @Test
    void goodRecordThenBadRecordInOneBufferFailsOnTheBadOne() throws Exception {
        try (ContextPair pair = establishedPair()) {
            byte[] good = sealed(pair.client, new byte[] {7});
            byte[] bad = sealed(pair.client, new byte[] {8});
            bad[bad.length - 1] ^= 0x40;
            decryptFails(pair.server, concat(good, bad), Reason.BAD_RECORD_MAC);
        }
    }

    @Test
    void garbageAfterHandshakeIsAnAlert() throws Exception {
        try (ContextPair pair = establishedPair()) {
            decryptFails(pair.server, "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII), Reason.UNEXPECTED_MESSAGE);
        }
    }

    // ------------------------------------------------------------------ announced sizes

    @Test
    void aClientHelloAnnouncingMoreThanTheLimitIsRefusedFromItsHeader() {
        // 128 KiB + 1 announced, four bytes sent: illegal_parameter at once, nothing buffered for the rest.
        byte[] header = {1, 0x02, 0x00, 0x01};
        stepFails(server(), record(22, header), Reason.ILLEGAL_PARAMETER);
    }
}
