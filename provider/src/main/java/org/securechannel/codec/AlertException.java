package org.securechannel.codec;

/**
 * A protocol failure below the public API: every layer (codec, crypto, record, handshake) throws this
 * with the alert RFC 8446 requires; the context layer turns it into its public, typed exception and
 * encodes the alert for the peer. Checked on purpose: a path that can fail on peer input must say so.
 */
public class AlertException extends Exception {
    private static final long serialVersionUID = 1L;

    private final AlertDescription alert;

    public AlertException(AlertDescription alert, String message) {
        super(message);
        this.alert = alert;
    }

    public AlertException(AlertDescription alert, String message, Throwable cause) {
        super(message, cause);
        this.alert = alert;
    }

    public AlertDescription alert() {
        return alert;
    }

    public static AlertException decodeError(String message) {
        return new AlertException(AlertDescription.DECODE_ERROR, message);
    }

    public static AlertException illegalParameter(String message) {
        return new AlertException(AlertDescription.ILLEGAL_PARAMETER, message);
    }

    public static AlertException unexpectedMessage(String message) {
        return new AlertException(AlertDescription.UNEXPECTED_MESSAGE, message);
    }

    public static AlertException handshakeFailure(String message) {
        return new AlertException(AlertDescription.HANDSHAKE_FAILURE, message);
    }

    public static AlertException internalError(String message, Throwable cause) {
        return new AlertException(AlertDescription.INTERNAL_ERROR, message, cause);
    }
}
