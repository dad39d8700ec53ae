package org.securechannel.record;

import java.nio.ByteBuffer;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.ContentType;

/**
 * The record layer of one connection (RFC 8446 §5): frames inbound bytes into records and opens them,
 * queues and protects outbound content, and reassembles handshake messages. It knows nothing of the
 * handshake: the handshake installs protections, the context decides what each record type means.
 */
public final class RecordLayer {
    private RecordProtection readProtection;
    private RecordProtection writeProtection;
    private final OutboundQueue outbound = new OutboundQueue();
    private final HandshakeDeframer deframer = new HandshakeDeframer();
    private final byte[] header = new byte[RecordLimits.HEADER_LENGTH];
    /** Where handshake-time records are opened; only connections still handshaking hold one. */
    private ByteBuffer scratch;
    private static final int MIN_SCRATCH = 512;

    // ---- outbound

    /**
     * Queues content under the current write protection (plaintext before the first keys). Returns a mark
     * for {@link #hasLeft}. Nothing may follow close_notify (RFC 8446 §6.1): callers check
     * {@link #closeNotifyQueued()} first, and content queued after it anyway is a bug, refused here.
     */
    public long send(ContentType type, byte[] content) {
        if (closeNotifyQueued) {
            throw new IllegalStateException(type + " queued after close_notify");
        }
        // The compatibility change_cipher_spec always travels in the clear (RFC 8446 Appendix D.4).
        return outbound.add(type, type == ContentType.CHANGE_CIPHER_SPEC ? null : writeProtection, content);
    }

    /** Queues close_notify once; from then on nothing else is queued in this direction (RFC 8446 §6.1). */
    public void sendCloseNotify() {
        if (!closeNotifyQueued) {
            send(ContentType.ALERT, new byte[] {1, (byte) AlertDescription.CLOSE_NOTIFY.code()});
            closeNotifyQueued = true;
        }
    }

    public boolean closeNotifyQueued() {
        return closeNotifyQueued;
    }

    private boolean closeNotifyQueued;

    /** Whether what was queued up to {@code mark} (from {@link #send}) has been written out, or dropped. */
    public boolean hasLeft(long mark) {
        return outbound.hasLeft(mark);
    }

    /** Content queued from now on leaves under {@code protection}; what is already queued keeps its keys. */
    public void setWriteProtection(RecordProtection protection) {
        outbound.retire(writeProtection);
        writeProtection = protection;
    }

    public boolean writeProtected() {
        return writeProtection != null;
    }

    public boolean hasPendingOutput() {
        return !outbound.isEmpty();
    }

    /** Bytes everything queued takes on the wire, record headers and protection included (0 when nothing is). */
    public int pendingOutputBytes() {
        return outbound.wireBytes();
    }

    /** Output capacity the next queued record needs (0 when nothing is queued). */
    public int minimumOutput() {
        return outbound.minimumOutput();
    }

    /** Writes queued records that fit into {@code out}; returns the bytes written. */
    public int flush(ByteBuffer out) throws AlertException {
        return outbound.flush(out);
    }

    /** Most bytes protection adds to a record (header, inner type, tag). */
    public int writeOverhead() {
        return writeProtection == null ? RecordLimits.HEADER_LENGTH : writeProtection.overhead();
    }

    /**
     * Protects application data straight from {@code plain} into {@code out}, as many full records as fit,
     * without copying or allocating. Returns the plaintext bytes consumed.
     */
    public int encrypt(ByteBuffer plain, ByteBuffer out) throws AlertException {
        int consumed = 0;
        int overhead = writeProtection.overhead();
        while (plain.hasRemaining()) {
            int n = Math.min(Math.min(out.remaining() - overhead, RecordLimits.MAX_PLAINTEXT), plain.remaining());
            if (n <= 0) {
                break;
            }
            int limit = plain.limit();
            plain.limit(plain.position() + n);
            try {
                writeProtection.seal(ContentType.APPLICATION_DATA, plain, out);
            } finally {
                plain.limit(limit);
            }
            consumed += n;
        }
        return consumed;
    }

    /** Whether the write key has protected so many records that it must be updated (RFC 8446 §5.5). */
    public boolean writeKeyNearLimit() {
        return writeProtection != null && writeProtection.nearKeyLimit();
    }

    // ---- inbound

    /**
     * How many more bytes {@code in} needs before it holds a whole record (0 when it does), after checking
     * the header: a known type, a TLS version, a length within RFC 8446's limits. Consumes nothing.
     */
    public int missing(ByteBuffer in) throws AlertException {
        int available = in.remaining();
        if (available < RecordLimits.HEADER_LENGTH) {
            // What is there is judged now: a peer that is not speaking TLS gets its alert without our waiting.
            if (available > 0) {
                checkTypeAndVersion(in, available);
            }
            return RecordLimits.HEADER_LENGTH - available;
        }
        int length = checkHeader(in);
        return Math.max(0, RecordLimits.HEADER_LENGTH + length - available);
    }

    /**
     * Most content bytes {@link #read} may write for the record at the front of {@code in} (its header must
     * be there): the fragment of a plaintext record, the ciphertext less the tag of a protected one.
     */
    public int maxContentLength(ByteBuffer in) {
        int length = fragmentLength(in);
        return isProtected(ContentType.of(in.get(in.position()) & 0xFF)) ? readProtection.maxContentLength(length) : length;
    }

    /** Whether a record of this outer type is opened with the read protection (which version's rule: its own). */
    private boolean isProtected(ContentType outerType) {
        return readProtection != null && outerType != null && readProtection.protects(outerType);
    }

    /** The fragment length of the record at the front of {@code in} (its header must be there). */
    public int fragmentLength(ByteBuffer in) {
        int p = in.position();
        return ((in.get(p + 3) & 0xFF) << 8) | (in.get(p + 4) & 0xFF);
    }

    /** The first {@code available} (1 to 5) header bytes: a known content type, then a version byte of 3. */
    private static ContentType checkTypeAndVersion(ByteBuffer in, int available) throws AlertException {
        int p = in.position();
        int typeCode = in.get(p) & 0xFF;
        ContentType type = ContentType.of(typeCode);
        if (type == null) {
            throw new AlertException(AlertDescription.UNEXPECTED_MESSAGE, "unknown record content type " + typeCode);
        }
        if (available >= 2 && in.get(p + 1) != 3) {
            throw AlertException.decodeError(String.format("not a TLS record: version byte %02x", in.get(p + 1)));
        }
        return type;
    }

    private int checkHeader(ByteBuffer in) throws AlertException {
        ContentType type = checkTypeAndVersion(in, RecordLimits.HEADER_LENGTH);
        int length = fragmentLength(in);
        boolean encrypted = isProtected(type);
        boolean skippable = skipsUnprotectedEarlyData(type);
        if (length > (encrypted ? readProtection.maxCiphertextLength() : skippable ? RecordLimits.MAX_CIPHERTEXT : RecordLimits.MAX_PLAINTEXT)) {
            throw new AlertException(AlertDescription.RECORD_OVERFLOW, "record of " + length + " bytes exceeds the limit");
        }
        if (type == ContentType.APPLICATION_DATA && !encrypted && !skippable) {
            throw AlertException.unexpectedMessage("application data before keys were established");
        }
        if (type == ContentType.ALERT && handshakeComplete && !encrypted) {
            throw AlertException.unexpectedMessage("alert in the clear after the handshake");
        }
        if (type == ContentType.CHANGE_CIPHER_SPEC && handshakeComplete) {
            // RFC 8446 §5: after the peer's Finished a change_cipher_spec is an unexpected record.
            throw AlertException.unexpectedMessage("change_cipher_spec after the handshake");
        }
        if (type == ContentType.HANDSHAKE && readProtection != null && !encrypted) {
            throw AlertException.unexpectedMessage("plaintext handshake record after keys were established");
        }
        if (length == 0 && !encrypted) {
            throw AlertException.unexpectedMessage("empty " + type + " record");
        }
        return length;
    }

    /**
     * Consumes the whole record at the front of {@code in} (call only when {@link #missing} is 0) and writes
     * its content to {@code out}, which must have room for the fragment length. Returns the content type
     * (the inner type of a protected record). On failure nothing is consumed from {@code in}.
     */
    public ContentType read(ByteBuffer in, ByteBuffer out) throws AlertException {
        int start = in.position();
        int outStart = out.position();
        int length = checkHeader(in);
        ContentType outer = ContentType.of(in.get(start));
        try {
            in.get(header);
            if (!isProtected(outer)) {
                // Plaintext: a handshake record before keys, a compatibility CCS, or an alert sent in the clear.
                int limit = in.limit();
                in.limit(in.position() + length);
                out.put(in);
                in.limit(limit);
                return outer;
            }
            ContentType inner = readProtection.open(header, in, length, out);
            if (inner == ContentType.CHANGE_CIPHER_SPEC) {
                throw AlertException.unexpectedMessage("protected change_cipher_spec record");
            }
            if (inner != ContentType.APPLICATION_DATA && out.position() == outStart) {
                throw AlertException.unexpectedMessage("empty protected " + inner + " record");
            }
            return inner;
        } catch (AlertException | RuntimeException e) {
            in.position(start);
            out.position(outStart);
            throw e;
        }
    }

    /**
     * Reads the next record into a scratch buffer (handshake time only) and returns its content as a
     * read-only view, valid until the next call.
     */
    public ByteBuffer readToScratch(ByteBuffer in) throws AlertException {
        // Sized to the records that come, not to the largest there could be: a handshake's records are a few
        // hundred bytes to a few KB, and zeroing 16 KB per connection was 5% of a full handshake. Exactly the
        // record's size (not the next power of two): a handshake reads only a handful of records, and the one
        // that needs more is usually the last large one (a ClientHello, the server's encrypted flight).
        int needed = checkHeader(in); // within the limit of the protection that will open it
        if (scratch == null || scratch.capacity() < needed) {
            // Growing again doubles (up to the largest record), so a peer sending ever larger records makes a
            // handful of allocations, not one per record.
            int grown = scratch == null ? 0 : Math.min(2 * scratch.capacity(), RecordLimits.MAX_CIPHERTEXT);
            scratch = ByteBuffer.allocate(Math.max(Math.max(MIN_SCRATCH, needed), grown));
        }
        scratch.clear();
        lastSkipped = false;
        if (earlyDataSkipBudget > 0 && in.get(in.position()) == ContentType.APPLICATION_DATA.code()) {
            lastType = readOrSkipEarlyData(in, needed);
        } else {
            lastType = read(in, scratch);
        }
        scratch.flip();
        return scratch.asReadOnlyBuffer();
    }

    /** The scratch buffer's size (tests: how often it was reallocated). */
    int scratchCapacity() {
        return scratch == null ? 0 : scratch.capacity();
    }

    private ContentType lastType;
    /** Whether the record {@link #readToScratch} just consumed was early data skipped unread. */
    private boolean lastSkipped;
    /**
     * Server that did not accept the client's 0-RTT data (RFC 8446 §4.2.10): how many more bytes of it may be
     * skipped. Before keys (after a HelloRetryRequest) every application_data record is skipped; under the
     * handshake keys a record that does not open is skipped (trial decryption) and the first that opens ends the
     * skipping. Past the budget a record that does not open is the bad_record_mac it is.
     */
    private long earlyDataSkipBudget;

    /** Starts skipping up to {@code budget} bytes of 0-RTT data the handshake did not accept. */
    public void skipEarlyData(long budget) {
        earlyDataSkipBudget = Math.max(0, budget);
    }

    /** Whether the record just read with {@link #readToScratch} was skipped 0-RTT data (its content is empty). */
    public boolean lastRecordSkipped() {
        return lastSkipped;
    }

    private boolean skipsUnprotectedEarlyData(ContentType type) {
        return type == ContentType.APPLICATION_DATA && readProtection == null && earlyDataSkipBudget > 0;
    }

    private ContentType readOrSkipEarlyData(ByteBuffer in, int length) throws AlertException {
        int start = in.position();
        // Counted as the plaintext it may hold, at least one byte per record: the budget bounds the records too.
        long cost = Math.max(1, length - (readProtection == null ? 0 : readProtection.overhead() - RecordLimits.HEADER_LENGTH));
        if (readProtection != null) {
            try {
                ContentType type = read(in, scratch);
                earlyDataSkipBudget = 0; // the client's 1-RTT flight has begun
                return type;
            } catch (AlertException e) {
                if (e.alert() != AlertDescription.BAD_RECORD_MAC || cost > earlyDataSkipBudget) {
                    throw e;
                }
                scratch.clear();
            }
        } else if (cost > earlyDataSkipBudget) {
            throw AlertException.unexpectedMessage("more 0-RTT data than max_early_data_size allows to skip");
        }
        in.position(start + RecordLimits.HEADER_LENGTH + length);
        earlyDataSkipBudget -= cost;
        lastSkipped = true;
        return ContentType.APPLICATION_DATA;
    }

    /**
     * Puts the record just read with {@link #readToScratch} back: {@code in} returns to {@code recordStart}
     * and the read sequence number to its value before, so the same record can be read again.
     */
    public void unread(ByteBuffer in, int recordStart) {
        in.position(recordStart);
        if (readProtection != null && lastType != null && in.get(recordStart) == ContentType.APPLICATION_DATA.code()) {
            readProtection.rewindOpen();
        }
    }

    /** The content type of the record {@link #readToScratch} returned. */
    public ContentType lastType() {
        return lastType;
    }

    /** From now on records are opened with {@code protection}. A handshake message must not span the change. */
    public void setReadProtection(RecordProtection protection) throws AlertException {
        if (!deframer.isEmpty()) {
            throw AlertException.unexpectedMessage("handshake data spans a key change");
        }
        if (readProtection != null) {
            readProtection.retire(); // on the read side's own path: its Cipher may serve the next key
        }
        readProtection = protection;
    }

    public boolean readProtected() {
        return readProtection != null;
    }

    /** Adds handshake content from a record; a message header announcing too long a message is refused at once. */
    public void addHandshakeFragment(ByteBuffer content) throws AlertException {
        deframer.add(content);
    }

    /** The next complete handshake message received, or null. */
    public RawHandshake nextHandshakeMessage() throws AlertException {
        return deframer.next();
    }

    public boolean hasHandshakeData() {
        return !deframer.isEmpty();
    }

    /** Whether a whole handshake message is buffered and waiting to be processed. */
    public boolean hasCompleteHandshakeMessage() {
        return deframer.hasCompleteMessage();
    }

    /**
     * The handshake is over: the scratch buffer is no longer needed (idle connections stay small), and
     * alerts in the clear are refused from now on (a forged plaintext close_notify would truncate data).
     */
    public void handshakeComplete() {
        scratch = null;
        handshakeComplete = true;
    }

    private boolean handshakeComplete;

    /**
     * Seals one alert record under the current write keys at once, bypassing (and dropping) anything queued:
     * used for fatal alerts, after which nothing else is sent.
     */
    public byte[] sealAlertNow(int description) throws AlertException {
        outbound.clear();
        byte[] content = {2, (byte) description};
        ByteBuffer out = ByteBuffer.allocate(content.length + writeOverhead());
        if (writeProtection == null) {
            out.put((byte) ContentType.ALERT.code()).put((byte) 3).put((byte) 3).put((byte) 0).put((byte) 2).put(content);
        } else {
            writeProtection.seal(ContentType.ALERT, ByteBuffer.wrap(content), out);
        }
        return java.util.Arrays.copyOf(out.array(), out.position());
    }

    /** Wipes and forgets every key and buffered byte. */
    public void destroy() {
        outbound.clear();
        deframer.clear();
        if (readProtection != null) {
            readProtection.destroy();
        }
        if (writeProtection != null) {
            writeProtection.destroy();
        }
        readProtection = null;
        writeProtection = null;
        scratch = null;
    }
}
