package org.securechannel.handshake.tls12;

import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.ContentType;
import org.securechannel.codec.HandshakeMessage;
import org.securechannel.codec.NewSessionTicket;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.crypto.CryptoBackend;
import org.securechannel.handshake.CertificateSelector;
import org.securechannel.handshake.Handshake;
import org.securechannel.handshake.HandshakeConfig;
import org.securechannel.handshake.HandshakeSummary;
import org.securechannel.handshake.Transcript;
import org.securechannel.record.RawHandshake;
import org.securechannel.record.RecordLayer;
import org.securechannel.record.RecordProtection;

/**
 * A TLS 1.2 handshake (RFC 5246 as updated by RFC 7627, 5746, 8422 and 9325): the driver of its states. It
 * holds what every state shares and nothing that depends on where we are: the configuration, the record
 * layer, the transcript until the handshake completes, and, once it has, the {@link Established} value.
 * What each step knows travels in the states themselves.
 */
public final class Tls12Handshake implements Handshake {
    final HandshakeConfig config;
    final RecordLayer records;
    final CryptoBackend crypto;
    Transcript transcript = new Transcript();
    private State state;
    private Established established;

    private Tls12Handshake(HandshakeConfig config, RecordLayer records, State first) {
        this.config = config;
        this.records = records;
        this.crypto = config.crypto();
        this.state = first;
    }

    /** A server whose version front chose TLS 1.2 for the ClientHello it is about to receive. */
    public static Tls12Handshake server(HandshakeConfig config, RecordLayer records) {
        return new Tls12Handshake(config, records, new ServerExpectClientHello());
    }

    /**
     * A client whose version front saw the server answer {@code sent} in TLS 1.2: the transcript starts with
     * that ClientHello, and the next message is the ServerHello.
     */
    public static Tls12Handshake client(HandshakeConfig config, RecordLayer records, org.securechannel.codec.ClientHello sent) {
        return client(config, records, sent, null);
    }

    /**
     * As {@link #client(HandshakeConfig, RecordLayer, org.securechannel.codec.ClientHello)}, for a ClientHello that
     * offered {@code offeredTicket}'s ticket (from {@link #ticketToOffer}; null: none), which this handshake now owns.
     */
    public static Tls12Handshake client(HandshakeConfig config, RecordLayer records, org.securechannel.codec.ClientHello sent,
            org.securechannel.session.ClientSession offeredTicket) {
        Tls12Handshake hs = new Tls12Handshake(config, records, new ClientExpectServerHello(sent, offeredTicket));
        hs.transcript.keepMessages(true); // a CertificateRequest may come; our CertificateVerify then signs them all
        hs.transcript.add(sent.encode());
        return hs;
    }

    /**
     * Client: the ID of the TLS 1.2 session we hold for this server, to offer in the ClientHello's session_id
     * (RFC 5246 §7.4.1.2), or null. A TLS 1.3 server echoes it like any compatibility-mode value.
     */
    public static byte[] sessionIdToOffer(HandshakeConfig config) {
        org.securechannel.handshake.ResumableSession s = Resumption.clientFind(config);
        if (s == null) {
            return null;
        }
        byte[] id = s.id();
        s.destroy();
        return id;
    }

    /**
     * Client: the TLS 1.2 session whose RFC 5077 ticket the ClientHello offers (taken from the client store, or the
     * caller's saved session), or null. The caller hands it to {@link #client(HandshakeConfig, RecordLayer,
     * org.securechannel.codec.ClientHello, org.securechannel.session.ClientSession)} when the server answers in TLS
     * 1.2, and destroys it otherwise. With a ticket, the ClientHello's session ID is 32 fresh random bytes (the server
     * echoes it to say it resumes, RFC 5077 §3.4), never a cached session's ID.
     */
    public static org.securechannel.session.ClientSession ticketToOffer(HandshakeConfig config) {
        return Tickets.clientFind(config);
    }

    /**
     * Client: the ClientHello's session_ticket extension for {@code offered} (from {@link #ticketToOffer}): its ticket,
     * an empty one asking for a ticket when the client keeps tickets, or null for none.
     */
    public static org.securechannel.codec.Extension sessionTicketExtension(HandshakeConfig config,
            org.securechannel.session.ClientSession offered) {
        return Tickets.clientExtension(config, offered);
    }

    @Override
    public void start() {
        // the server waits for the ClientHello
    }

    @Override
    public void receive(RawHandshake message) throws AlertException {
        state = receiveIn(this, state, message);
    }

    /** One message in one state: the message-order table first, then the state. */
    static State receiveIn(Tls12Handshake hs, State state, RawHandshake message) throws AlertException {
        state.order(hs.config.client()).check(message);
        return state.receive(hs, message);
    }

    @Override
    public boolean acceptsChangeCipherSpec() {
        return state.acceptsChangeCipherSpec();
    }

    @Override
    public void receiveChangeCipherSpec() throws AlertException {
        state = state.changeCipherSpec(this);
    }

    /** Encodes a message, adds it to the transcript and queues it under the current write protection. */
    void send(HandshakeMessage message) {
        byte[] encoded = message.encode();
        transcript.add(encoded);
        config.observer().messageSent(encoded);
        records.send(ContentType.HANDSHAKE, encoded);
    }

    /** Our change_cipher_spec, in the clear, then everything we send is under {@code protection} (RFC 5246 §7.1). */
    void changeWriteKeys(RecordProtection protection) {
        records.send(ContentType.CHANGE_CIPHER_SPEC, new byte[] {1});
        records.setWriteProtection(protection);
    }

    /** Both Finished are through: the transcript is no longer needed. */
    void complete(Established e) {
        established = e;
        transcript = null;
        Resumption.remember(this, e);
    }

    /**
     * Client: the CA names of the server's CertificateRequest, kept for callers (Schannel's issuer list) after the
     * handshake too, as the TLS 1.3 driver keeps them.
     */
    private List<X500Principal> acceptableIssuers = List.of();

    void certificateRequested(List<X500Principal> issuers) {
        acceptableIssuers = issuers;
    }

    @Override
    public boolean isComplete() {
        return established != null;
    }

    @Override
    public boolean awaitingCredentials() {
        return state instanceof ClientAwaitCredentials;
    }

    @Override
    public List<X500Principal> acceptableIssuers() {
        return acceptableIssuers;
    }

    @Override
    public void resumeWithCredentials(CertificateSelector selector) throws AlertException {
        if (!(state instanceof ClientAwaitCredentials waiting)) {
            throw AlertException.internalError("no certificate request is waiting for credentials", null);
        }
        state = waiting.resume(this, selector);
    }

    /** TLS 1.2 has no KeyUpdate; the context refuses the request before it gets here. */
    @Override
    public void sendKeyUpdate(boolean requestPeerUpdate) throws AlertException {
        throw AlertException.internalError("TLS 1.2 has no KeyUpdate", null);
    }

    @Override
    public HandshakeSummary summary() {
        Established e = established;
        if (e == null) {
            return new HandshakeSummary(ProtocolVersion.TLS12, null, null, null, null, false, List.of(), null, null, false);
        }
        Negotiated n = e.negotiated();
        return new HandshakeSummary(ProtocolVersion.TLS12, n.suite(), n.group(), n.serverScheme(), e.clientScheme(), false,
                e.peerChain(), n.applicationProtocol(), n.serverName(), n.resumed(), n.sessionId());
    }

    @Override
    public byte[] exportKeyingMaterial(String label, byte[] context, int length) throws AlertException {
        if (established == null) {
            throw AlertException.internalError("keying material is exported only after the handshake", null);
        }
        return established.keys().exportKeyingMaterial(label, context, length);
    }

    @Override
    public int ticketsReceived() {
        return 0;
    }

    @Override
    public List<NewSessionTicket> tickets() {
        return List.of();
    }

    @Override
    public void destroy() {
        state.destroy();
        if (established != null) {
            established.keys().destroy();
        }
        state = Connected.CLOSED;
    }
}
