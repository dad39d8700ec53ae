package org.securechannel.handshake.tls13;

import org.securechannel.codec.AlertException;
import org.securechannel.codec.HandshakeType;
import org.securechannel.codec.KeyUpdate;
import org.securechannel.codec.NewSessionTicket;
import org.securechannel.record.RawHandshake;

/** Either role, after the handshake: only KeyUpdate, and NewSessionTicket from the server, may come. */
final class Connected implements State {
    @Override
    public org.securechannel.handshake.MessageOrder order(boolean client) {
        return client ? org.securechannel.handshake.MessageOrder.TLS13_CLIENT_CONNECTED : org.securechannel.handshake.MessageOrder.TLS13_SERVER_CONNECTED;
    }

    @Override
    public State receive(Tls13Handshake hs, RawHandshake message) throws AlertException {
        if (message.type() == HandshakeType.KEY_UPDATE) {
            KeyUpdate update = KeyUpdate.parse(message.body());
            hs.peerKeyUpdated();
            if (update.updateRequested()) {
                hs.answerKeyUpdateRequest();
            }
            return this;
        }
        hs.keepTicket(NewSessionTicket.parse(message.body())); // a NewSessionTicket: the table lets it reach clients only
        return this;
    }

    @Override
    public boolean acceptsChangeCipherSpec() {
        return false;
    }
}
