package org.securechannel.handshake.tls13;

import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.ContentType;
import org.securechannel.codec.HandshakeMessage;
import org.securechannel.codec.KeyUpdate;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.crypto.CryptoBackend;
import org.securechannel.handshake.CertificateSelector;
import org.securechannel.handshake.Handshake;
import org.securechannel.handshake.HandshakeConfig;
import org.securechannel.handshake.HandshakeSummary;
import org.securechannel.handshake.Tls13KeySchedule;
import org.securechannel.handshake.Transcript;
import org.securechannel.record.RawHandshake;
import org.securechannel.record.RecordLayer;
import org.securechannel.record.Tls13RecordProtection;

/**
 * A TLS 1.3 handshake of either role: the state machine's driver and what its states share (transcript,
 * key schedule, negotiated parameters). The steps themselves live in the state classes.
 */
public final class Tls13Handshake implements Handshake {
    final HandshakeConfig config;
    final RecordLayer records;
    final CryptoBackend crypto;
    /** Dropped once the handshake completes: nothing after it (KeyUpdate, tickets, exporters) hashes messages. */
    Transcript transcript = new Transcript();

    private State state;

    // Negotiated so far.
    CipherSuite suite;
    NamedGroup group;
    SignatureScheme serverScheme;
    SignatureScheme clientScheme;
    boolean helloRetryRequest;
    List<X509Certificate> peerChain = List.of();
    String applicationProtocol;
    /** Set when {@link #applicationProtocol} is final: the server built its flight, the client read EncryptedExtensions. */
    boolean applicationProtocolDecided;
    String serverName;
    Tls13KeySchedule keys;
    /** Current application traffic secrets, kept for KeyUpdate. */
    byte[] clientApplicationSecret;
    byte[] serverApplicationSecret;
    boolean changeCipherSpecSent;
    boolean complete;
    List<X500Principal> acceptableIssuers = List.of();
    /**
     * Tickets the server sent, newest last, for the resumption work; bounded so a server cannot grow it.
     * Made on the first ticket: servers and clients of servers that issue none keep no queue.
     */
    private java.util.ArrayDeque<org.securechannel.codec.NewSessionTicket> tickets;
    private static final int MAX_TICKETS = 8;
    private int ticketsReceived;

    /** Client: the first ClientHello we sent, which a TLS 1.2 handshake takes over if the server answers in 1.2. */
    private org.securechannel.codec.ClientHello firstClientHello;

    private Tls13Handshake(HandshakeConfig config, RecordLayer records) {
        this.config = config;
        this.records = records;
        this.crypto = config.crypto();
        this.serverName = config.client() ? config.serverName() : null;
    }

    public static Tls13Handshake client(HandshakeConfig config, RecordLayer records) {
        return new Tls13Handshake(config, records);
    }

    public static Tls13Handshake server(HandshakeConfig config, RecordLayer records) {
        Tls13Handshake hs = new Tls13Handshake(config, records);
        hs.state = new ServerExpectClientHello();
        return hs;
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
    public org.securechannel.codec.ClientHello firstClientHello() {
        return firstClientHello;
    }

    /** Client: the first ClientHello is out and no ServerHello or HelloRetryRequest has come yet. */
    public boolean awaitingFirstServerHello() {
        return state instanceof ClientExpectServerHello c && !c.afterRetry();
    }

    void firstClientHelloSent(org.securechannel.codec.ClientHello hello) {
        firstClientHello = hello;
    }

    @Override
    public boolean acceptsChangeCipherSpec() {
        return state != null && state.acceptsChangeCipherSpec();
    }

    @Override
    public boolean isComplete() {
        return complete;
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
        if (!(state instanceof ClientAwaitCredentials)) {
            throw AlertException.internalError("no certificate request is waiting for credentials", null);
        }
        state = ((ClientAwaitCredentials) state).resume(this, selector);
    }

    // ---- shared steps

    /** Encodes a message, adds it to the transcript and queues it under the current write keys. */
    void send(HandshakeMessage message) {
        byte[] encoded = message.encode();
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
    void installReadKeys(byte[] trafficSecret) throws AlertException {
        try {
            records.setReadProtection(new Tls13RecordProtection(crypto, suite, trafficSecret));
        } finally {
            Arrays.fill(trafficSecret, (byte) 0);
        }
    }

    /** Writes under keys derived from {@code trafficSecret}, which is wiped: pass a copy you do not keep. */
    void installWriteKeys(byte[] trafficSecret) {
        try {
            records.setWriteProtection(new Tls13RecordProtection(crypto, suite, trafficSecret));
        } finally {
            Arrays.fill(trafficSecret, (byte) 0);
        }
    }

    /** Both Finished are through: application keys in both directions, handshake state no longer needed. */
    void completeHandshake() throws AlertException {
        byte[] ours = config.client() ? clientApplicationSecret : serverApplicationSecret;
        byte[] theirs = config.client() ? serverApplicationSecret : clientApplicationSecret;
        installReadKeys(theirs.clone());
        if (config.client()) {
            installWriteKeys(ours.clone());
        }
        complete = true;
        transcript = null; // its running digest is most of an idle connection's handshake leftovers
    }

    @Override
    public void sendKeyUpdate(boolean requestPeerUpdate) throws AlertException {
        if (!complete) {
            throw AlertException.internalError("KeyUpdate before the handshake completed", null);
        }
        lastKeyUpdateMark = records.send(ContentType.HANDSHAKE, new KeyUpdate(requestPeerUpdate).encode());
        if (config.client()) {
            clientApplicationSecret = next(clientApplicationSecret);
            installWriteKeys(clientApplicationSecret.clone());
        } else {
            serverApplicationSecret = next(serverApplicationSecret);
            installWriteKeys(serverApplicationSecret.clone());
        }
    }

    /**
     * The peer asked us to update our keys (RFC 8446 §4.6.3). Our KeyUpdate is owed before our next
     * application data, so one that is queued and has not left yet answers this request too: a peer that
     * sends thousands of requests while we do not write leaves one reply pending, not thousands of retired
     * keys. After our close_notify no application data follows, so nothing is owed (§6.1).
     */
    void answerKeyUpdateRequest() throws AlertException {
        if (records.closeNotifyQueued() || (lastKeyUpdateMark != 0 && !records.hasLeft(lastKeyUpdateMark))) {
            return;
        }
        sendKeyUpdate(false);
    }

    /** Where our last KeyUpdate ends in the outbound queue (0: none sent). */
    private long lastKeyUpdateMark;

    /** The peer updated its keys (RFC 8446 §4.6.3). */
    void peerKeyUpdated() throws AlertException {
        if (config.client()) {
            serverApplicationSecret = next(serverApplicationSecret);
            installReadKeys(serverApplicationSecret.clone());
        } else {
            clientApplicationSecret = next(clientApplicationSecret);
            installReadKeys(clientApplicationSecret.clone());
        }
    }

    private byte[] next(byte[] secret) {
        byte[] updated = keys.nextApplicationTrafficSecret(secret);
        Arrays.fill(secret, (byte) 0);
        return updated;
    }

    @Override
    public boolean applicationProtocolDecided() {
        return applicationProtocolDecided || complete;
    }

    @Override
    public HandshakeSummary summary() {
        return new HandshakeSummary(ProtocolVersion.TLS13, suite, group, serverScheme, clientScheme,
                helloRetryRequest, peerChain, applicationProtocol, serverName, false);
    }

    @Override
    public byte[] exportKeyingMaterial(String label, byte[] context, int length) throws AlertException {
        if (!complete) {
            throw AlertException.internalError("keying material is exported only after the handshake", null);
        }
        return keys.exportKeyingMaterial(label, context, length);
    }

    void keepTicket(org.securechannel.codec.NewSessionTicket ticket) {
        if (tickets == null) {
            tickets = new java.util.ArrayDeque<>(2);
        } else if (tickets.size() == MAX_TICKETS) {
            tickets.removeFirst();
        }
        tickets.addLast(ticket);
        ticketsReceived++;
    }

    @Override
    public List<org.securechannel.codec.NewSessionTicket> tickets() {
        return tickets == null ? List.of() : List.copyOf(tickets);
    }

    @Override
    public int ticketsReceived() {
        return ticketsReceived;
    }

    @Override
    public void destroy() {
        if (keys != null) {
            keys.destroy();
        }
        if (clientApplicationSecret != null) {
            Arrays.fill(clientApplicationSecret, (byte) 0);
        }
        if (serverApplicationSecret != null) {
            Arrays.fill(serverApplicationSecret, (byte) 0);
        }
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
        public org.securechannel.handshake.MessageOrder order(boolean client) {
            return org.securechannel.handshake.MessageOrder.CLOSED;
        }

        @Override
        public boolean acceptsChangeCipherSpec() {
            return false;
        }
    }
}
