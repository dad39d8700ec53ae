package org.securechannel.record;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.HandshakeType;

/**
 * Reassembles handshake messages from record fragments (RFC 8446 §5.1: a message may span records and a
 * record may hold several messages).
 *
 * <p>Memory follows what arrives, never what a peer announces: the buffer holds the bytes received and not
 * yet taken plus at most {@link #SLACK} bytes of room (less when the message being assembled needs less), so a
 * partial message costs what was sent of it. Every message header is checked as soon as its four bytes are
 * here: a declared length above {@link RecordLimits#MAX_HANDSHAKE_MESSAGE} is refused with illegal_parameter
 * (as OpenSSL answers an excessive message size) before any more of it is buffered, and an unknown message
 * type with unexpected_message.
 */
public final class HandshakeDeframer {
    /**
     * Most spare room kept beyond the buffered bytes. Growing by at least this much keeps a message sent in
     * tiny records from costing a copy per record: a 128 KiB message in 1-byte records costs 32 copies.
     */
    static final int SLACK = 4096;
    private static final byte[] NONE = new byte[0];
    private byte[] buf = NONE;
    private int start;
    private int end;

    /**
     * Appends a record's handshake content.
     *
     * @throws AlertException when a message header now complete announces a type we do not know or a length
     *                        above {@link RecordLimits#MAX_HANDSHAKE_MESSAGE}; nothing is appended then
     */
    public void add(ByteBuffer fragment) throws AlertException {
        int n = fragment.remaining();
        if (end + n > buf.length) {
            int live = end - start;
            int extra = Math.min(SLACK, Math.max(0, stillExpected(fragment) - n));
            byte[] grown = live + n > buf.length ? new byte[live + n + extra] : buf;
            System.arraycopy(buf, start, grown, 0, live);
            // Wipe what the move left behind: handshake messages may carry secrets such as tickets.
            Arrays.fill(buf, grown == buf ? live : 0, end, (byte) 0);
            buf = grown;
            end = live;
            start = 0;
        }
        int at = end;
        fragment.get(buf, end, n);
        end += n;
        try {
            checkHeaders();
        } catch (AlertException e) {
            Arrays.fill(buf, at, end, (byte) 0);
            end = at;
            throw e;
        }
    }

    /**
     * How many bytes the messages buffered so far still lack, counting {@code fragment} (not yet appended) only
     * for the header of the last message; unknown lengths count as {@link #SLACK}.
     */
    private int stillExpected(ByteBuffer fragment) {
        int p = start;
        while (end - p >= 4) {
            int length = length(buf, p);
            if (length > RecordLimits.MAX_HANDSHAKE_MESSAGE) {
                return 0; // refused right after the append
            }
            if (end - p < 4 + length) {
                return 4 + length - (end - p);
            }
            p += 4 + length;
        }
        if (end - p + fragment.remaining() >= 4) {
            byte[] header = new byte[4];
            int have = end - p;
            System.arraycopy(buf, p, header, 0, have);
            fragment.duplicate().get(header, have, 4 - have);
            int length = length(header, 0);
            return length > RecordLimits.MAX_HANDSHAKE_MESSAGE ? 0 : 4 + length - have;
        }
        return SLACK;
    }

    /** Checks the header of every message whose header is buffered. */
    private void checkHeaders() throws AlertException {
        int p = start;
        while (end - p >= 4) {
            int length = checkHeader(p);
            p += 4 + length;
        }
    }

    private int checkHeader(int p) throws AlertException {
        int typeCode = buf[p] & 0xFF;
        int length = length(buf, p);
        HandshakeType type = HandshakeType.of(typeCode);
        if (type == null) {
            throw new AlertException(AlertDescription.UNEXPECTED_MESSAGE, "unknown handshake message type " + typeCode);
        }
        if (length > RecordLimits.MAX_HANDSHAKE_MESSAGE) {
            throw new AlertException(AlertDescription.ILLEGAL_PARAMETER,
                    type + " of " + length + " bytes exceeds the " + RecordLimits.MAX_HANDSHAKE_MESSAGE + "-byte limit");
        }
        return length;
    }

    private static int length(byte[] b, int p) {
        return ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
    }

    /** The next complete message, or null when more fragments are needed. */
    public RawHandshake next() throws AlertException {
        int avail = end - start;
        if (avail < 4) {
            return null;
        }
        int length = checkHeader(start);
        if (avail < 4 + length) {
            return null;
        }
        HandshakeType type = HandshakeType.of(buf[start] & 0xFF);
        if (start == 0 && 4 + length == buf.length) {
            // The buffer is this one message (a record of one message makes it so: a ClientHello, a ServerHello,
            // a Finished): it becomes the message instead of being copied and wiped. What it holds leaves the
            // deframer either way; the copy would have too.
            byte[] encoded = buf;
            buf = NONE;
            start = 0;
            end = 0;
            return new RawHandshake(type, encoded);
        }
        byte[] encoded = Arrays.copyOfRange(buf, start, start + 4 + length);
        start += 4 + length;
        if (start == end) {
            // All taken: wipe and let the buffer go, so an established connection holds none of its flights.
            clear();
        }
        return new RawHandshake(type, encoded);
    }

    /** Whether a whole message is buffered (its length is checked when it is taken with {@link #next}). */
    public boolean hasCompleteMessage() {
        int avail = end - start;
        return avail >= 4 && avail >= 4 + length(buf, start);
    }

    /** Whether any handshake bytes are buffered (a complete message not yet taken, or part of one). */
    public boolean isEmpty() {
        return start == end;
    }

    /** Bytes of buffer held now (for tests of the memory bound). */
    int capacity() {
        return buf.length;
    }

    /** Forgets buffered bytes (handshake messages may carry secrets such as tickets). */
    public void clear() {
        Arrays.fill(buf, 0, end, (byte) 0);
        buf = NONE;
        start = 0;
        end = 0;
    }
}
