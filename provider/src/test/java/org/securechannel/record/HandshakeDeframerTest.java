package org.securechannel.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.HandshakeType;

/**
 * The reassembly buffer holds what arrived plus a small constant, never a length a peer announced, and a
 * message header announcing more than the limit is refused as soon as its four bytes are here.
 */
class HandshakeDeframerTest {
    private static byte[] message(int type, int bodyLength) {
        byte[] m = new byte[4 + bodyLength];
        m[0] = (byte) type;
        m[1] = (byte) (bodyLength >>> 16);
        m[2] = (byte) (bodyLength >>> 8);
        m[3] = (byte) bodyLength;
        for (int i = 4; i < m.length; i++) {
            m[i] = (byte) i;
        }
        return m;
    }

    @Test
    void aPartialLargeMessageCostsWhatArrivedPlusAConstant() throws Exception {
        byte[] hello = message(HandshakeType.CLIENT_HELLO.code(), RecordLimits.MAX_HANDSHAKE_MESSAGE);
        HandshakeDeframer d = new HandshakeDeframer();
        int arrived = 0;
        for (int step : new int[] {1, 3, 100, 16384, 16384, 700, 16384}) {
            d.add(ByteBuffer.wrap(hello, arrived, step));
            arrived += step;
            assertTrue(d.capacity() <= arrived + HandshakeDeframer.SLACK,
                    "holds " + d.capacity() + " bytes after " + arrived + " arrived");
            assertNull(d.next());
        }
        d.add(ByteBuffer.wrap(hello, arrived, hello.length - arrived));
        assertTrue(d.capacity() <= hello.length + HandshakeDeframer.SLACK);
        RawHandshake m = d.next();
        assertNotNull(m);
        assertArrayEquals(hello, m.encoded());
        assertEquals(0, d.capacity(), "a drained deframer lets its buffer go");
    }

    @Test
    void aMessageInOneByteRecordsStaysWithinTheBoundAndIsNotCopiedPerByte() throws Exception {
        byte[] cert = message(HandshakeType.CERTIFICATE.code(), 40_000);
        HandshakeDeframer d = new HandshakeDeframer();
        int grows = 0;
        int last = d.capacity();
        for (int i = 0; i < cert.length; i++) {
            d.add(ByteBuffer.wrap(cert, i, 1));
            if (d.capacity() != last) {
                grows++;
                last = d.capacity();
            }
            assertTrue(d.capacity() <= i + 1 + HandshakeDeframer.SLACK);
        }
        assertTrue(grows <= cert.length / HandshakeDeframer.SLACK + 2, grows + " reallocations");
        assertEquals(cert.length, d.capacity(), "never more room than the announced message needs");
        assertArrayEquals(cert, d.next().encoded());
    }

    @Test
    void anOversizedHeaderIsRefusedBeforeItsBodyArrives() {
        HandshakeDeframer d = new HandshakeDeframer();
        byte[] header = {(byte) HandshakeType.CLIENT_HELLO.code(), 0x02, 0x00, 0x01}; // 128 KiB + 1
        assertEquals(RecordLimits.MAX_HANDSHAKE_MESSAGE + 1, 0x020001);
        AlertException e = assertThrows(AlertException.class, () -> d.add(ByteBuffer.wrap(header)));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
        assertTrue(d.capacity() < 64, "nothing sized by the announced length: " + d.capacity());
    }

    @Test
    void aHeaderSplitAcrossRecordsIsCheckedWhenItCompletes() throws Exception {
        HandshakeDeframer d = new HandshakeDeframer();
        d.add(ByteBuffer.wrap(new byte[] {(byte) HandshakeType.CERTIFICATE.code(), (byte) 0xFF}));
        AlertException e = assertThrows(AlertException.class, () -> d.add(ByteBuffer.wrap(new byte[] {(byte) 0xFF, (byte) 0xFF})));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
    }

    @Test
    void theSecondMessageOfARecordIsCheckedToo() throws Exception {
        HandshakeDeframer d = new HandshakeDeframer();
        byte[] first = message(HandshakeType.FINISHED.code(), 32);
        byte[] second = {(byte) HandshakeType.NEW_SESSION_TICKET.code(), 0x7F, 0, 0};
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        AlertException e = assertThrows(AlertException.class, () -> d.add(ByteBuffer.wrap(both)));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
    }

    @Test
    void anUnknownTypeIsAnUnexpectedMessage() {
        HandshakeDeframer d = new HandshakeDeframer();
        AlertException e = assertThrows(AlertException.class, () -> d.add(ByteBuffer.wrap(new byte[] {(byte) 99, 0, 0, 1, 0})));
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, e.alert());
    }

    @Test
    void theLimitItselfIsAccepted() throws Exception {
        HandshakeDeframer d = new HandshakeDeframer();
        byte[] m = message(HandshakeType.CERTIFICATE.code(), RecordLimits.MAX_HANDSHAKE_MESSAGE);
        for (int at = 0; at < m.length; at += RecordLimits.MAX_PLAINTEXT) {
            d.add(ByteBuffer.wrap(m, at, Math.min(RecordLimits.MAX_PLAINTEXT, m.length - at)));
        }
        assertEquals(HandshakeType.CERTIFICATE, d.next().type());
    }
}
