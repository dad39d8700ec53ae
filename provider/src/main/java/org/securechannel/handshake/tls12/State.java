package org.securechannel.handshake.tls12;

import org.securechannel.codec.AlertException;
import org.securechannel.record.RawHandshake;

/**
 * One step of a TLS 1.2 handshake. Each state holds, as final fields, exactly what it knows (the values the
 * previous state handed on), and returns the next state; the driver keeps only the transcript and the
 * record layer. A change_cipher_spec is a record, not a message, so states that wait for one say so.
 */
interface State {
    State receive(Tls12Handshake hs, RawHandshake message) throws AlertException;

    /** This state's row of the message-order table; the driver refuses every type the row does not name. */
    org.securechannel.handshake.MessageOrder order(boolean client);

    /** Whether the peer's change_cipher_spec is the next thing that may come. */
    default boolean acceptsChangeCipherSpec() {
        return false;
    }

    /** The peer's change_cipher_spec arrived (only called when {@link #acceptsChangeCipherSpec()}). */
    default State changeCipherSpec(Tls12Handshake hs) throws AlertException {
        throw AlertException.unexpectedMessage("change_cipher_spec is not acceptable here");
    }

    /** Wipes what the state holds (key shares, pending keys) when the handshake is abandoned. */
    default void destroy() {
    }

    static AlertException unexpected(RawHandshake message, String expected) {
        return AlertException.unexpectedMessage("TLS 1.2: " + message.type() + " where " + expected + " was expected");
    }
}
