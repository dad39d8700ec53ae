package org.securechannel.session;

/**
 * Bytes that do not decode as a session of ours: a sealed ticket whose plaintext is malformed (which only a bug or
 * a stolen ticket key can produce), or a saved session from somewhere else. The handshake never turns this into an
 * alert: a session it cannot use means a full handshake.
 */
public final class InvalidSessionException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidSessionException(String message) {
        super(message);
    }

    public InvalidSessionException(String message, Throwable cause) {
        super(message, cause);
    }
}
