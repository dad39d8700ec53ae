package org.securechannel.handshake.tls13;

import org.securechannel.codec.AlertException;
import org.securechannel.codec.HandshakeType;
import org.securechannel.codec.KeyUpdate;
import org.securechannel.codec.NewSessionTicket;
import org.securechannel.record.RawHandshake;

/** Either role, after the handshake: only KeyUpdate, and NewSessionTicket from the server, may come. */
final class Connected implements State {
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
        if (message.type() == HandshakeType.NEW_SESSION_TICKET && hs.config.client()) {
            hs.keepTicket(NewSessionTicket.parse(message.body()));
            return this;
        }
        throw State.unexpected(message, hs.config.client() ? "KeyUpdate or NewSessionTicket" : "KeyUpdate");
    }

    @Override
    public boolean acceptsChangeCipherSpec() {
        return false;
    }
}
