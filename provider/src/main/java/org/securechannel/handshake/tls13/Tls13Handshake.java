package org.securechannel.handshake.tls13;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.ClientHello;
import org.securechannel.codec.ContentType;
import org.securechannel.codec.HandshakeMessage;
import org.securechannel.codec.NewSessionTicket;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.crypto.CryptoBackend;
import org.securechannel.handshake.CertificateSelector;
import org.securechannel.handshake.Handshake;
import org.securechannel.handshake.HandshakeConfig;
import org.securechannel.handshake.HandshakeSummary;
import org.securechannel.handshake.MessageOrder;
import org.securechannel.handshake.Transcript;
import org.securechannel.record.RawHandshake;
import org.securechannel.record.RecordLayer;
import org.securechannel.record.Tls13RecordProtection;

/**
 * A TLS 1.3 handshake of either role: the driver of its states. Like the TLS 1.2 driver it holds what every
 * state shares and nothing that depends on where we are: the configuration, the record layer, the transcript
 * until the handshake completes, whether our one compatibility change_cipher_spec went out, and the tickets a
 * server sent. What each step knows (the {@link Negotiated} parameters, the key schedule, a {@link VerifiedPeer},
 * the traffic secrets) travels in the states themselves, as values handed from one state to the next.
 *
 * <p>The driver also keeps the latest {@link Negotiated} value and, once complete, the {@link Established} one,
 * only to answer callers that ask mid-handshake (suite, ALPN, the issuers a CertificateRequest named); no state
 * reads them back.
 */
public final class Tls13Handshake implements Handshake {
    private static final int MAX_TICKETS = 8;

    final HandshakeConfig config;
    final RecordLayer records;
    final CryptoBackend crypto;
    /** Dropped once the handshake completes: nothing after it (KeyUpdate, tickets, exporters) hashes messages. */
    Transcript transcript = new Transcript();

    private State state;
    private Negotiated known;
    /** Client: the CA names of the server's CertificateRequest, kept for callers (Schannel's issuer list). */
    private List<X500Principal> acceptableIssuers = List.of();
    private Established established;
    private boolean changeCipherSpecSent;
    /** Client: the first ClientHello we sent, which a TLS 1.2 handshake takes over if the server answers in 1.2. */
    private ClientHello firstClientHello;
    /**
     * Tickets the server sent, newest last, for the resumption work; bounded so a server cannot grow it.
     * Made on the first ticket: servers and clients of servers that issue none keep no queue.
     */
    private ArrayDeque<NewSessionTicket> tickets;
    private int ticketsReceived;
    /** 0-RTT on this connection. */
    final EarlyData early = new EarlyData();

    private Tls13Handshake(HandshakeConfig config, RecordLayer records, State first) {
        this.config = config;
        this.records = records;
        this.crypto = config.crypto();
        this.state = first;
    }

    public static Tls13Handshake client(HandshakeConfig config, RecordLayer records) {
        return new Tls13Handshake(config, records, null);
    }

    public static Tls13Handshake server(HandshakeConfig config, RecordLayer records) {
        return new Tls13Handshake(config, records, new ServerExpectClientHello());
    }

    @Override
    public void start() throws AlertException {
        if (config.client() && state == null) {
            state = ClientHelloFlight.sendFirst(this);
        }
    }

    @Override
    public void receive(RawHandshake message) throws AlertException {
        if (state == null) {
            throw AlertException.unexpectedMessage("handshake message before the handshake started");
        }
        state = receiveIn(this, state, message);
    }

    /** One message in one state: the message-order table first, then the state. */
    static State receiveIn(Tls13Handshake hs, State state, RawHandshake message) throws AlertException {
        state.order(hs.config.client()).check(message);
        return state.receive(hs, message);
    }

    /** Client: the first ClientHello, once sent. */
    public ClientHello firstClientHello() {
        return firstClientHello;
    }

    /** Client: the first ClientHello is out and no ServerHello or HelloRetryRequest has come yet. */
    public boolean awaitingFirstServerHello() {
        return state instanceof ClientExpectServerHello c && !c.afterRetry();
    }

    /**
     * Server: the first ClientHello as the version front parsed it to choose the version, so that the state reading
     * it does not parse the largest message of the handshake a second time. Held until that state takes it.
     */
    private RawHandshake routedMessage;
    private ClientHello routedHello;

    public void routedClientHello(RawHandshake message, ClientHello hello) {
        routedMessage = message;
        routedHello = hello;
    }

    /** {@code message} parsed: the version front's parse when it is the message the front routed, else parsed now. */
    ClientHello parsedClientHello(RawHandshake message) throws AlertException {
        ClientHello hello = routedMessage == message ? routedHello : ClientHello.parse(message.body());
        routedMessage = null;
        routedHello = null;
        return hello;
    }

    /** Client: the TLS 1.2 session whose ticket the first ClientHello offers (RFC 5077), until TLS 1.2 takes it. */
    private org.securechannel.session.ClientSession tls12Ticket;

    void tls12Ticket(org.securechannel.session.ClientSession offered) {
        tls12Ticket = offered;
    }

    org.securechannel.session.ClientSession tls12Ticket() {
        return tls12Ticket;
    }

    /** Client: the TLS 1.2 session whose ticket the first ClientHello offered, handed to the TLS 1.2 handshake. */
    public org.securechannel.session.ClientSession takeTls12Ticket() {
        org.securechannel.session.ClientSession t = tls12Ticket;
        tls12Ticket = null;
        return t;
    }

    void firstClientHelloSent(ClientHello hello) {
        firstClientHello = hello;
    }

    /** A state settled (more of) the parameters; kept only for callers asking mid-handshake. */
    void learned(Negotiated negotiated) {
        known = negotiated;
    }

    /** Client: the server asked for a certificate from one of {@code issuers} (empty: any). */
    void certificateRequested(List<X500Principal> issuers) {
        acceptableIssuers = issuers;
    }

    @Override
    public boolean acceptsChangeCipherSpec() {
        return state != null && state.acceptsChangeCipherSpec();
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

    // ---- shared steps

    /** Encodes a message, adds it to the transcript and queues it under the current write keys. */
    void send(HandshakeMessage message) {
        sendEncoded(message.encode());
    }

    /** An encoded message: into the transcript, then queued under the current write keys. */
    void sendEncoded(byte[] encoded) {
        transcript.add(encoded);
        config.observer().messageSent(encoded);
        records.send(ContentType.HANDSHAKE, encoded);
    }

    /** The middlebox-compatibility change_cipher_spec (RFC 8446 Appendix D.4): at most once, in the clear. */
    void sendChangeCipherSpecOnce() {
        if (!changeCipherSpecSent) {
            changeCipherSpecSent = true;
            records.send(ContentType.CHANGE_CIPHER_SPEC, new byte[] {1});
        }
    }

    /** Reads under keys derived from {@code trafficSecret}, which is wiped: pass a copy you do not keep. */
    void installReadKeys(CipherSuite suite, byte[] trafficSecret) throws AlertException {
        try {
            records.setReadProtection(new Tls13RecordProtection(crypto, suite, trafficSecret));
        } finally {
            Arrays.fill(trafficSecret, (byte) 0);
        }
    }

    /** Writes under keys derived from {@code trafficSecret}, which is wiped: pass a copy you do not keep. */
    void installWriteKeys(CipherSuite suite, byte[] trafficSecret) {
        try {
            records.setWriteProtection(new Tls13RecordProtection(crypto, suite, trafficSecret));
        } finally {
            Arrays.fill(trafficSecret, (byte) 0);
        }
    }

    /**
     * Both Finished are through: application keys in both directions (a server already writes with its own),
     * and the handshake's leftovers go.
     */
    State complete(Established done, TrafficSecrets application) throws AlertException {
        boolean client = config.client();
        installReadKeys(done.negotiated().suite(), application.writer(!client));
        if (client) {
            installWriteKeys(done.negotiated().suite(), application.writer(true));
        }
        established = done;
        known = done.negotiated();
        transcript = null; // its running digest is most of an idle connection's handshake leftovers
        return new Connected(done, application, 0);
    }

    @Override
    public void sendKeyUpdate(boolean requestPeerUpdate) throws AlertException {
        if (!(state instanceof Connected connected)) {
            throw AlertException.internalError("KeyUpdate before the handshake completed", null);
        }
        state = connected.sendKeyUpdate(this, requestPeerUpdate);
    }

    @Override
    public boolean applicationProtocolDecided() {
        return known != null && known.applicationProtocolDecided();
    }

    @Override
    public HandshakeSummary summary() {
        if (established != null) {
            return established.summary();
        }
        Negotiated n = known;
        return n == null
                ? new HandshakeSummary(ProtocolVersion.TLS13, null, null, null, null, false, List.of(), null, null, false)
                : new HandshakeSummary(ProtocolVersion.TLS13, n.suite(), n.group(), null, null, n.helloRetryRequest(),
                        List.of(), n.applicationProtocol(), n.serverName(), n.resumed());
    }

    @Override
    public byte[] exportKeyingMaterial(String label, byte[] context, int length) throws AlertException {
        if (established == null) {
            throw AlertException.internalError("keying material is exported only after the handshake", null);
        }
        return established.keys().exportKeyingMaterial(label, context, length);
    }

    void keepTicket(NewSessionTicket ticket) {
        if (tickets == null) {
            tickets = new ArrayDeque<>(2);
        } else if (tickets.size() == MAX_TICKETS) {
            tickets.removeFirst();
        }
        tickets.addLast(ticket);
        ticketsReceived++;
    }

    @Override
    public List<NewSessionTicket> tickets() {
        return tickets == null ? List.of() : List.copyOf(tickets);
    }

    @Override
    public int ticketsReceived() {
        return ticketsReceived;
    }

    // ---- 0-RTT

    @Override
    public void offerEarlyData(byte[] data) {
        if (!config.client() || state != null) {
            throw new IllegalStateException("early data is given to a client before its first step");
        }
        early.give(data);
    }

    @Override
    public org.securechannel.session.EarlyDataStatus earlyDataStatus() {
        return early.status();
    }

    @Override
    public boolean readingEarlyData() {
        return early.reading();
    }

    @Override
    public void receiveEarlyData(java.nio.ByteBuffer content) throws AlertException {
        if (!early.reading()) {
            throw AlertException.unexpectedMessage("application data before the handshake completed");
        }
        early.receive(content);
    }

    @Override
    public byte[] takeEarlyData() {
        return early.take();
    }

    @Override
    public byte[] exportEarlyKeyingMaterial(String label, byte[] context, int length) throws AlertException {
        return early.export(label, context, length);
    }

    @Override
    public void destroy() {
        if (tls12Ticket != null) {
            tls12Ticket.destroy();
            tls12Ticket = null;
        }
        if (state != null) {
            state.destroy();
        }
        early.destroy();
        tickets = null;
        state = Closed.INSTANCE;
    }

    /** After destroy: nothing is legal. */
    private enum Closed implements State {
        INSTANCE;

        @Override
        public State receive(Tls13Handshake hs, RawHandshake message) throws AlertException {
            throw AlertException.unexpectedMessage("handshake message after the context was closed");
        }

        @Override
        public MessageOrder order(boolean client) {
            return MessageOrder.CLOSED;
        }

        @Override
        public boolean acceptsChangeCipherSpec() {
            return false;
        }
    }
}
