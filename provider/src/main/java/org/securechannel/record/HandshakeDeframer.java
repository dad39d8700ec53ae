package org.securechannel.record;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.HandshakeType;

/**
 * Reassembles handshake messages from record fragments (RFC 8446 §5.1: a message may span records and a
 * record may hold several messages). Memory is grown only as far as bytes actually arrive, never to a
 * length announced by the peer, and a message longer than {@link RecordLimits#MAX_HANDSHAKE_MESSAGE} is
 * refused as soon as its header is seen.
 */
public final class HandshakeDeframer {
    private static final byte[] NONE = new byte[0];
    private byte[] buf = NONE;
    private int start;
    private int end;

    /** Appends a record's handshake content. */
    public void add(ByteBuffer fragment) {
        int n = fragment.remaining();
        if (end + n > buf.length) {
            int live = end - start;
            byte[] grown = live + n > buf.length ? new byte[Math.max(live + n, Math.min(2 * buf.length, RecordLimits.MAX_HANDSHAKE_MESSAGE + RecordLimits.MAX_PLAINTEXT))] : buf;
            System.arraycopy(buf, start, grown, 0, live);
            buf = grown;
            end = live;
            start = 0;
        }
        fragment.get(buf, end, n);
        end += n;
    }

    /** The next complete message, or null when more fragments are needed. */
    public RawHandshake next() throws AlertException {
        int avail = end - start;
        if (avail < 4) {
            return null;
        }
        int typeCode = buf[start] & 0xFF;
        int length = ((buf[start + 1] & 0xFF) << 16) | ((buf[start + 2] & 0xFF) << 8) | (buf[start + 3] & 0xFF);
        HandshakeType type = HandshakeType.of(typeCode);
        if (type == null) {
            throw new AlertException(AlertDescription.UNEXPECTED_MESSAGE, "unknown handshake message type " + typeCode);
        }
        if (length > RecordLimits.MAX_HANDSHAKE_MESSAGE) {
            throw new AlertException(AlertDescription.ILLEGAL_PARAMETER,
                    type + " of " + length + " bytes exceeds the " + RecordLimits.MAX_HANDSHAKE_MESSAGE + "-byte limit");
        }
        if (avail < 4 + length) {
            return null;
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
        if (avail < 4) {
            return false;
        }
        int length = ((buf[start + 1] & 0xFF) << 16) | ((buf[start + 2] & 0xFF) << 8) | (buf[start + 3] & 0xFF);
        return avail >= 4 + length;
    }

    /** Whether any handshake bytes are buffered (a complete message not yet taken, or part of one). */
    public boolean isEmpty() {
        return start == end;
    }

    /** Forgets buffered bytes (handshake messages may carry secrets such as tickets). */
    public void clear() {
        Arrays.fill(buf, 0, end, (byte) 0);
        buf = NONE;
        start = 0;
        end = 0;
    }
}
