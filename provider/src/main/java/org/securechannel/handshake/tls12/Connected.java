package org.securechannel.handshake.tls12;

import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.ContentType;
import org.securechannel.record.RawHandshake;

/**
 * After the handshake. TLS 1.2 has no post-handshake messages we accept: renegotiation is refused (RFC 9325
 * §3.5 allows it) with a warning no_renegotiation for a server's HelloRequest or a client's new ClientHello
 * (RFC 5246 §7.4.1.1, §7.2.2), and the connection goes on; anything else is unexpected_message.
 */
enum Connected implements State {
    OPEN,
    /** After destroy: nothing is legal. */
    CLOSED;

    @Override
    public org.securechannel.handshake.MessageOrder order(boolean client) {
        return this == CLOSED ? org.securechannel.handshake.MessageOrder.CLOSED : client ? org.securechannel.handshake.MessageOrder.TLS12_CLIENT_CONNECTED : org.securechannel.handshake.MessageOrder.TLS12_SERVER_CONNECTED;
    }

    /** The table lets only a renegotiation request (HelloRequest to a client, ClientHello to a server) reach here. */
    @Override
    public State receive(Tls12Handshake hs, RawHandshake message) throws AlertException {
        if (!hs.records.closeNotifyQueued()) {
            hs.records.send(ContentType.ALERT, new byte[] {1, (byte) AlertDescription.NO_RENEGOTIATION.code()});
        }
        return this;
    }
}
