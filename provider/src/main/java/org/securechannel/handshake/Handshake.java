package org.securechannel.handshake;

import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.securechannel.codec.AlertException;
import org.securechannel.record.RawHandshake;

/**
 * A handshake in progress (and, once complete, the post-handshake messages of the connection). It reads
 * complete handshake messages and writes its own through the record layer it was given; it never sees
 * sockets, buffers of the caller, or javax.net.ssl.
 */
public interface Handshake {
    /** Client: queues the ClientHello. Server: nothing to do until the ClientHello arrives. */
    void start() throws AlertException;

    /** Processes one complete handshake message. */
    void receive(RawHandshake message) throws AlertException;

    /**
     * Whether a change_cipher_spec record may arrive now: TLS 1.3's compatibility one (RFC 8446 §5, Appendix
     * D.4), or TLS 1.2's, which switches the peer's writing to the new keys (RFC 5246 §7.1).
     */
    boolean acceptsChangeCipherSpec();

    /** A change_cipher_spec that {@link #acceptsChangeCipherSpec()} allowed: TLS 1.2 installs the read keys. */
    default void receiveChangeCipherSpec() throws AlertException {
        // TLS 1.3: dropped without further processing
    }

    /** Whether both Finished messages have been exchanged. */
    boolean isComplete();

    /** Client: the server asked for a certificate we do not have; waiting for {@link #resumeWithCredentials}. */
    boolean awaitingCredentials();

    /** The CA names of the server's CertificateRequest (empty if none were sent or none requested). */
    List<X500Principal> acceptableIssuers();

    /** Client: continues after {@link #awaitingCredentials()} with another selector (or the same: no certificate). */
    void resumeWithCredentials(CertificateSelector selector) throws AlertException;

    /** Sends a KeyUpdate and switches to the next write key. */
    void sendKeyUpdate(boolean requestPeerUpdate) throws AlertException;

    /** Whether the ALPN outcome in {@link #summary()} is final (possibly none) before the handshake completes. */
    default boolean applicationProtocolDecided() {
        return isComplete();
    }

    /** What was negotiated; valid once complete. */
    HandshakeSummary summary();

    /** RFC 8446 §7.5; valid once complete. */
    byte[] exportKeyingMaterial(String label, byte[] context, int length) throws AlertException;

    /** How many NewSessionTickets the peer sent. */
    int ticketsReceived();

    /** The most recent NewSessionTickets the peer sent (at most a few), kept for the resumption work. */
    List<org.securechannel.codec.NewSessionTicket> tickets();

    /**
     * Client, before {@link #start}: 0-RTT data to send with the ClientHello if the ticket offered allows it (RFC
     * 8446 §4.2.10). Whether it went, and whether the server took it: {@link #earlyDataStatus}.
     */
    default void offerEarlyData(byte[] data) {
        throw new IllegalStateException("early data is sent only by a TLS 1.3 client before its ClientHello");
    }

    /** What became of 0-RTT data on this connection. */
    default org.securechannel.session.EarlyDataStatus earlyDataStatus() {
        return org.securechannel.session.EarlyDataStatus.NOT_REQUESTED;
    }

    /** Server: whether application_data records now are the client's accepted 0-RTT data. */
    default boolean readingEarlyData() {
        return false;
    }

    /** Server: the content of one 0-RTT record, when {@link #readingEarlyData()}. */
    default void receiveEarlyData(java.nio.ByteBuffer content) throws AlertException {
        throw AlertException.unexpectedMessage("application data before the handshake completed");
    }

    /** Server: the 0-RTT data received and not yet taken (empty when none). */
    default byte[] takeEarlyData() {
        return new byte[0];
    }

    /** RFC 8446 §7.5's early exporter, when 0-RTT was accepted. */
    default byte[] exportEarlyKeyingMaterial(String label, byte[] context, int length) throws AlertException {
        throw AlertException.internalError("no early exporter: 0-RTT was not accepted on this connection", null);
    }

    /** Wipes every secret. */
    void destroy();
}
