package org.securechannel.handshake.tls12;

import org.securechannel.codec.AlertException;
import org.securechannel.codec.Tls12NewSessionTicket;
import org.securechannel.handshake.MessageOrder;
import org.securechannel.record.RawHandshake;

/**
 * Client: the NewSessionTicket the server's ServerHello promised, just before its change_cipher_spec (RFC 5077 §3.3:
 * after our Finished in a full handshake, right after the ServerHello in an abbreviated one). It is part of the
 * transcript the server's Finished covers, and kept only once that Finished verifies. One the server did not promise
 * never reaches a state: the message-order table makes it unexpected_message.
 */
final class ClientExpectNewSessionTicket implements State {
    private final Finishing f;

    ClientExpectNewSessionTicket(Finishing f) {
        this.f = f;
    }

    /** Where a client goes once its keys exist: here when a ticket was promised, else to the server's change_cipher_spec. */
    static State orChangeCipherSpec(Finishing f) {
        return f.negotiated().ticket() ? new ClientExpectNewSessionTicket(f) : new ExpectChangeCipherSpec(f);
    }

    @Override
    public MessageOrder order(boolean client) {
        return MessageOrder.TLS12_CLIENT_EXPECT_NEW_SESSION_TICKET;
    }

    @Override
    public State receive(Tls12Handshake hs, RawHandshake message) throws AlertException {
        Tls12NewSessionTicket ticket = Tls12NewSessionTicket.parse(message.body());
        hs.transcript.add(message.encoded());
        return new ExpectChangeCipherSpec(f.withTicket(ticket));
    }

    @Override
    public void destroy() {
        f.keys().destroy();
    }
}
