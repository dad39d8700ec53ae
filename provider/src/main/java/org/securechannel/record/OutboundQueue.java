package org.securechannel.record;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.ContentType;

/**
 * Content waiting to be sent, each piece tagged with the protection it must go out under. Records are cut
 * only when flushed, to whatever the caller's buffer can hold, so a flight of any size can leave through
 * an output buffer of any size above {@link #minimumOutput()}, and consecutive messages under the same
 * keys share records. Keys captured per piece keep the order of key changes right: a KeyUpdate queued
 * under the old keys leaves under the old keys even if the new keys are installed before the flush.
 */
final class OutboundQueue {
    private static final class Piece {
        final ContentType type;
        final RecordProtection protection;
        byte[] data;
        int offset;
        int length;

        Piece(ContentType type, RecordProtection protection, byte[] data) {
            this.type = type;
            this.protection = protection;
            this.data = data;
            this.length = data.length;
        }

        boolean canAppend(ContentType t, RecordProtection p) {
            // Alerts are never coalesced (RFC 8446 §5.1); CCS is its own one-byte record.
            return type == t && protection == p && t == ContentType.HANDSHAKE;
        }

        void append(byte[] more) {
            if (offset + length + more.length > data.length) {
                // Room for what follows too (a flight is EncryptedExtensions, Certificate, CertificateVerify,
                // Finished): one copy per flight rather than one per message.
                int needed = length + more.length;
                byte[] grown = new byte[Math.max(needed, Math.min(2 * needed, RecordLimits.MAX_PLAINTEXT))];
                System.arraycopy(data, offset, grown, 0, length);
                Arrays.fill(data, (byte) 0); // handshake messages may carry secrets (tickets)
                data = grown;
                offset = 0;
            }
            System.arraycopy(more, 0, data, offset + length, more.length);
            length += more.length;
        }
    }

    // Small: an idle connection keeps these; a flight grows them as it needs.
    private final ArrayDeque<Piece> pieces = new ArrayDeque<>(4);
    // Made on a key change and dropped once empty: an idle connection keeps none.
    private ArrayDeque<RecordProtection> retired;
    /** Bytes ever queued and ever written (or dropped): a piece has left once {@code written} passes its end. */
    private long queued;
    private long written;

    /** Queues {@code data}; returns the mark {@link #hasLeft} takes to tell when it has left. */
    long add(ContentType type, RecordProtection protection, byte[] data) {
        queued += data.length;
        Piece last = pieces.peekLast();
        if (last != null && last.canAppend(type, protection)) {
            last.append(data);
        } else {
            pieces.addLast(new Piece(type, protection, data.clone()));
        }
        return queued;
    }

    /** Whether everything queued up to {@code mark} (from {@link #add}) has been written or dropped. */
    boolean hasLeft(long mark) {
        return written >= mark;
    }

    /** A protection no longer current: destroyed once nothing queued still needs it. */
    void retire(RecordProtection protection) {
        if (protection == null) {
            return;
        }
        if (retired == null) {
            retired = new ArrayDeque<>(2);
        }
        retired.add(protection);
        destroyUnused();
    }

    boolean isEmpty() {
        return pieces.isEmpty();
    }

    int pendingBytes() {
        int n = 0;
        for (Piece p : pieces) {
            n += p.length;
        }
        return n;
    }

    /**
     * Bytes the queued content takes on the wire when flushed into a buffer with room for it all: each piece in
     * records of at most {@link RecordLimits#MAX_PLAINTEXT}, each record with its protection's overhead.
     */
    int wireBytes() {
        int n = 0;
        for (Piece p : pieces) {
            int records = Math.max(1, (p.length + RecordLimits.MAX_PLAINTEXT - 1) / RecordLimits.MAX_PLAINTEXT);
            n += p.length + records * overhead(p.protection);
        }
        return n;
    }

    /** The output capacity needed for the next record to make progress. */
    int minimumOutput() {
        Piece p = pieces.peekFirst();
        if (p == null) {
            return 0;
        }
        return overhead(p.protection) + (p.type == ContentType.HANDSHAKE ? 1 : p.length);
    }

    private static int overhead(RecordProtection p) {
        return p == null ? RecordLimits.HEADER_LENGTH : p.overhead();
    }

    /** Writes as many records as fit into {@code out}; returns the bytes written. */
    int flush(ByteBuffer out) throws AlertException {
        int before = out.position();
        while (!pieces.isEmpty()) {
            Piece p = pieces.peekFirst();
            int room = Math.min(out.remaining() - overhead(p.protection), RecordLimits.MAX_PLAINTEXT);
            // Handshake messages may be fragmented anywhere; alerts and CCS must leave whole.
            int n = p.type == ContentType.HANDSHAKE ? Math.min(room, p.length) : (room >= p.length ? p.length : 0);
            if (n <= 0) {
                break;
            }
            ByteBuffer fragment = ByteBuffer.wrap(p.data, p.offset, n);
            if (p.protection == null) {
                out.put((byte) p.type.code()).put((byte) 3).put((byte) 3).put((byte) (n >>> 8)).put((byte) n);
                out.put(fragment);
            } else {
                p.protection.seal(p.type, fragment, out);
            }
            p.offset += n;
            p.length -= n;
            written += n;
            if (p.length == 0) {
                Arrays.fill(p.data, (byte) 0);
                pieces.removeFirst();
            }
        }
        destroyUnused();
        return out.position() - before;
    }

    private void destroyUnused() {
        if (retired == null) {
            return;
        }
        for (var it = retired.iterator(); it.hasNext();) {
            RecordProtection r = it.next();
            boolean used = false;
            for (Piece p : pieces) {
                used |= p.protection == r;
            }
            if (!used) {
                r.retire(); // flushed, on the write side's own path: its Cipher may serve the next key
                it.remove();
            }
        }
        if (retired.isEmpty()) {
            retired = null;
        }
    }

    void clear() {
        for (Piece p : pieces) {
            Arrays.fill(p.data, (byte) 0);
        }
        pieces.clear();
        written = queued;
        if (retired != null) {
            for (RecordProtection r : retired) {
                r.destroy();
            }
            retired = null;
        }
    }
}
