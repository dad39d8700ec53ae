package org.securechannel.context;

import org.securechannel.codec.AlertDescription;

/** Why a security context failed. Most reasons correspond to the alert that is sent for them. */
public enum Reason {
    BAD_RECORD_MAC(AlertDescription.BAD_RECORD_MAC),
    RECORD_OVERFLOW(AlertDescription.RECORD_OVERFLOW),
    UNEXPECTED_MESSAGE(AlertDescription.UNEXPECTED_MESSAGE),
    DECODE_ERROR(AlertDescription.DECODE_ERROR),
    DECRYPT_ERROR(AlertDescription.DECRYPT_ERROR),
    HANDSHAKE_FAILURE(AlertDescription.HANDSHAKE_FAILURE),
    BAD_CERTIFICATE(AlertDescription.BAD_CERTIFICATE),
    UNSUPPORTED_CERTIFICATE(AlertDescription.UNSUPPORTED_CERTIFICATE),
    CERTIFICATE_REVOKED(AlertDescription.CERTIFICATE_REVOKED),
    CERTIFICATE_EXPIRED(AlertDescription.CERTIFICATE_EXPIRED),
    CERTIFICATE_UNKNOWN(AlertDescription.CERTIFICATE_UNKNOWN),
    CERTIFICATE_REQUIRED(AlertDescription.CERTIFICATE_REQUIRED),
    UNKNOWN_CA(AlertDescription.UNKNOWN_CA),
    ACCESS_DENIED(AlertDescription.ACCESS_DENIED),
    ILLEGAL_PARAMETER(AlertDescription.ILLEGAL_PARAMETER),
    PROTOCOL_VERSION(AlertDescription.PROTOCOL_VERSION),
    INSUFFICIENT_SECURITY(AlertDescription.INSUFFICIENT_SECURITY),
    MISSING_EXTENSION(AlertDescription.MISSING_EXTENSION),
    UNSUPPORTED_EXTENSION(AlertDescription.UNSUPPORTED_EXTENSION),
    UNRECOGNIZED_NAME(AlertDescription.UNRECOGNIZED_NAME),
    NO_APPLICATION_PROTOCOL(AlertDescription.NO_APPLICATION_PROTOCOL),
    /** RFC 7507: the client signalled a version fallback although we support a higher version it would have used. */
    INAPPROPRIATE_FALLBACK(AlertDescription.INAPPROPRIATE_FALLBACK),
    UNKNOWN_PSK_IDENTITY(AlertDescription.UNKNOWN_PSK_IDENTITY),
    BAD_CERTIFICATE_STATUS_RESPONSE(AlertDescription.BAD_CERTIFICATE_STATUS_RESPONSE),
    INTERNAL_ERROR(AlertDescription.INTERNAL_ERROR),
    /** The peer sent a fatal alert; {@link SecurityContextException#peerAlert()} names it. */
    PEER_ALERT(null),
    /** The call is not legal in this state (e.g. encrypt before the handshake completed, or after close). */
    INVALID_STATE(null),
    /** verifySignature: the message or the token was changed (or the token belongs to another context or direction). */
    MESSAGE_ALTERED(null),
    /** verifySignature: an authentic token arrived replayed, reordered or after a gap. */
    OUT_OF_SEQUENCE(null),
    /** impersonate: there is no mapped client identity to act as. */
    NO_IMPERSONATION(null);

    private final AlertDescription alert;

    Reason(AlertDescription alert) {
        this.alert = alert;
    }

    /** The alert we send for this reason, or null when none is sent. */
    public AlertDescription alert() {
        return alert;
    }

    /** The reason for a failure we detected and signal with {@code alert}. */
    public static Reason of(AlertDescription alert) {
        for (Reason r : values()) {
            if (r.alert == alert) {
                return r;
            }
        }
        return INTERNAL_ERROR;
    }
}
