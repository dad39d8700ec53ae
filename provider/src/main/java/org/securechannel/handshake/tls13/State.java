package org.securechannel.handshake.tls13;

import org.securechannel.codec.AlertException;
import org.securechannel.record.RawHandshake;

/**
 * One state of a TLS 1.3 handshake. Each state accepts exactly the messages legal in it (anything else is
 * an unexpected_message) and returns the next state; data learned so far travels in the states' fields
 * and in {@link Tls13Handshake}.
 */
interface State {
    State receive(Tls13Handshake hs, RawHandshake message) throws AlertException;

    /** This state's row of the message-order table; the driver refuses every type the row does not name. */
    org.securechannel.handshake.MessageOrder order(boolean client);

    /** Whether a compatibility change_cipher_spec record may arrive in this state. */
    default boolean acceptsChangeCipherSpec() {
        return true;
    }

    static AlertException unexpected(RawHandshake message, String expected) {
        return AlertException.unexpectedMessage("received " + message.type() + " while expecting " + expected);
    }
}
