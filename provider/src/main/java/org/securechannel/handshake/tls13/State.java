package org.securechannel.handshake.tls13;

import org.securechannel.codec.AlertException;
import org.securechannel.handshake.MessageOrder;
import org.securechannel.record.RawHandshake;

/**
 * One state of a TLS 1.3 handshake. Each state accepts exactly the messages legal in it (anything else is
 * an unexpected_message) and returns the next state; what was learned so far travels in the states' own
 * immutable fields, handed to the next state.
 */
interface State {
    State receive(Tls13Handshake hs, RawHandshake message) throws AlertException;

    /** This state's row of the message-order table; the driver refuses every type the row does not name. */
    MessageOrder order(boolean client);

    /** Whether a compatibility change_cipher_spec record may arrive in this state. */
    default boolean acceptsChangeCipherSpec() {
        return true;
    }

    /** The context is deleted mid-way: wipe the secrets this state holds. */
    default void destroy() {
    }

    static AlertException unexpected(RawHandshake message, String expected) {
        return AlertException.unexpectedMessage("received " + message.type() + " while expecting " + expected);
    }
}
