package org.securechannel.handshake.tls13;

import org.securechannel.codec.AlertException;
import org.securechannel.codec.ContentType;
import org.securechannel.codec.HandshakeType;
import org.securechannel.codec.KeyUpdate;
import org.securechannel.codec.NewSessionTicket;
import org.securechannel.handshake.MessageOrder;
import org.securechannel.record.RawHandshake;

/**
 * Either role, after the handshake: only KeyUpdate, and NewSessionTicket from the server, may come. A KeyUpdate
 * either way makes a new state with the next generation of traffic secrets (RFC 8446 §4.6.3).
 */
final class Connected implements State {
    private final Established established;
    private final TrafficSecrets application;
    /** Where our last KeyUpdate ends in the outbound queue (0: none sent). */
    private final long lastKeyUpdateMark;

    Connected(Established established, TrafficSecrets application, long lastKeyUpdateMark) {
        this.established = established;
        this.application = application;
        this.lastKeyUpdateMark = lastKeyUpdateMark;
    }

    @Override
    public MessageOrder order(boolean client) {
        return client ? MessageOrder.TLS13_CLIENT_CONNECTED : MessageOrder.TLS13_SERVER_CONNECTED;
    }

    @Override
    public State receive(Tls13Handshake hs, RawHandshake message) throws AlertException {
        if (message.type() == HandshakeType.KEY_UPDATE) {
            KeyUpdate update = KeyUpdate.parse(message.body());
            Connected next = peerUpdated(hs);
            return update.updateRequested() ? next.answerKeyUpdateRequest(hs) : next;
        }
        // A NewSessionTicket: the table lets it reach clients only.
        NewSessionTicket ticket = NewSessionTicket.parse(message.body());
        hs.keepTicket(ticket);
        ReceivedTicket.keep(hs, established, ticket);
        return this;
    }

    /** Our KeyUpdate, then our next write key. */
    Connected sendKeyUpdate(Tls13Handshake hs, boolean requestPeerUpdate) throws AlertException {
        long mark = hs.records.send(ContentType.HANDSHAKE, new KeyUpdate(requestPeerUpdate).encode());
        boolean client = hs.config.client();
        TrafficSecrets next = application.updated(client, established.keys());
        hs.installWriteKeys(established.negotiated().suite(), next.writer(client));
        return new Connected(established, next, mark);
    }

    /** The peer updated its keys: its next generation is what we read with. */
    private Connected peerUpdated(Tls13Handshake hs) throws AlertException {
        boolean peerIsClient = !hs.config.client();
        TrafficSecrets next = application.updated(peerIsClient, established.keys());
        hs.installReadKeys(established.negotiated().suite(), next.writer(peerIsClient));
        return new Connected(established, next, lastKeyUpdateMark);
    }

    /**
     * The peer asked us to update our keys (RFC 8446 §4.6.3). Our KeyUpdate is owed before our next
     * application data, so one that is queued and has not left yet answers this request too: a peer that
     * sends thousands of requests while we do not write leaves one reply pending, not thousands of retired
     * keys. After our close_notify no application data follows, so nothing is owed (§6.1).
     */
    private Connected answerKeyUpdateRequest(Tls13Handshake hs) throws AlertException {
        if (hs.records.closeNotifyQueued() || (lastKeyUpdateMark != 0 && !hs.records.hasLeft(lastKeyUpdateMark))) {
            return this;
        }
        return sendKeyUpdate(hs, false);
    }

    @Override
    public boolean acceptsChangeCipherSpec() {
        return false;
    }

    @Override
    public void destroy() {
        established.keys().destroy();
        application.destroy();
    }
}
