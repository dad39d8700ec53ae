package org.securechannel.handshake.tls13;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.securechannel.codec.AlertException;
import org.securechannel.handshake.Tls13KeySchedule;
import org.securechannel.session.EarlyDataStatus;

/**
 * 0-RTT on one connection (RFC 8446 §2.3, §4.2.10): the data a client was given and what became of it; on a server,
 * the data accepted and not yet taken by the application, bounded by max_early_data_size. Also the key schedule whose
 * early exporter (§7.5) answers while 0-RTT was accepted. Mutable, confined to the handshake's locks.
 */
final class EarlyData {
    /**
     * How much rejected 0-RTT data a server skips when its own limit is lower (or 0-RTT is off): one record's worth,
     * as OpenSSL does, so a client holding a ticket from before 0-RTT was turned off still gets its 1-RTT handshake.
     */
    static final long MIN_SKIP = 16384;

    private EarlyDataStatus status = EarlyDataStatus.NOT_REQUESTED;
    /** Client: what the caller gave, until it is sent (or found unsendable). */
    private byte[] toSend;
    /** Server, while reading: how many more bytes the client may send early. */
    private long allowance;
    private boolean reading;
    /** Server: accepted and not yet taken. Made on the first record. */
    private ByteArrayOutputStream received;
    private Tls13KeySchedule exporter;

    EarlyDataStatus status() {
        return status;
    }

    // ---- client

    void give(byte[] data) {
        if (status != EarlyDataStatus.NOT_REQUESTED || toSend != null) {
            throw new IllegalStateException("early data was given already");
        }
        toSend = data.clone();
    }

    /** The data to send, or null when none was given; the caller reports {@link #sent} or {@link #notSent}. */
    byte[] pending() {
        return toSend;
    }

    void sent(Tls13KeySchedule keys) {
        wipePending();
        exporter = keys;
        status = EarlyDataStatus.OFFERED;
    }

    void notSent() {
        if (toSend != null) {
            wipePending();
            status = EarlyDataStatus.NOT_SENT;
        }
    }

    // ---- either side

    void accepted(Tls13KeySchedule keys) {
        exporter = keys;
        status = EarlyDataStatus.ACCEPTED;
    }

    void rejected() {
        exporter = null;
        status = EarlyDataStatus.REJECTED;
    }

    byte[] export(String label, byte[] context, int length) throws AlertException {
        if (exporter == null || !exporter.hasEarlyExporter()) {
            throw AlertException.internalError("no early exporter: 0-RTT was not accepted on this connection", null);
        }
        return exporter.exportEarlyKeyingMaterial(label, context, length);
    }

    // ---- server

    void startReading(long maxEarlyDataSize) {
        allowance = maxEarlyDataSize;
        reading = true;
    }

    boolean reading() {
        return reading;
    }

    /** One 0-RTT record's content; more than max_early_data_size in all is unexpected_message (§4.2.10). */
    void receive(ByteBuffer content) throws AlertException {
        int n = content.remaining();
        if (n > allowance) {
            throw AlertException.unexpectedMessage("0-RTT data beyond the max_early_data_size the ticket allowed");
        }
        allowance -= n;
        if (received == null) {
            received = new ByteArrayOutputStream(Math.min(n, 16384));
        }
        byte[] chunk = new byte[n];
        content.get(chunk);
        received.write(chunk, 0, n);
        Arrays.fill(chunk, (byte) 0);
    }

    void endOfEarlyData() {
        reading = false;
    }

    byte[] take() {
        if (received == null) {
            return new byte[0];
        }
        byte[] data = received.toByteArray();
        received = null;
        return data;
    }

    void destroy() {
        wipePending();
        received = null;
        exporter = null;
        reading = false;
    }

    private void wipePending() {
        if (toSend != null) {
            Arrays.fill(toSend, (byte) 0);
            toSend = null;
        }
    }
}
