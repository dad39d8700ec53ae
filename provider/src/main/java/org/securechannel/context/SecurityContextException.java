package org.securechannel.context;

import java.util.Arrays;
import org.securechannel.codec.AlertDescription;

/**
 * The one exception a security context throws. It names the {@link Reason}; when we detected the
 * failure it carries the alert record to send to the peer ({@link #alertToSend()}, already protected
 * under the current keys; the context has also queued it, see {@code step}); when the peer sent an alert,
 * {@link #peerAlert()} names it.
 */
public class SecurityContextException extends Exception {
    private static final long serialVersionUID = 1L;

    private final Reason reason;
    private final AlertDescription peerAlert;
    private final byte[] alertToSend;

    public SecurityContextException(Reason reason, String message, byte[] alertToSend, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.peerAlert = null;
        this.alertToSend = alertToSend == null ? new byte[0] : alertToSend.clone();
    }

    private SecurityContextException(AlertDescription peerAlert, String message) {
        super(message);
        this.reason = Reason.PEER_ALERT;
        this.peerAlert = peerAlert;
        this.alertToSend = new byte[0];
    }

    /** The peer sent us a fatal alert. */
    public static SecurityContextException fromPeer(AlertDescription alert, int code) {
        String name = alert == null ? "unknown alert " + code : alert.rfcName() + " (" + code + ")";
        return new SecurityContextException(alert, "peer sent fatal alert " + name);
    }

    public static SecurityContextException invalidState(String message) {
        return new SecurityContextException(Reason.INVALID_STATE, message, null, null);
    }

    public Reason reason() {
        return reason;
    }

    /** The alert the peer sent, or null when the failure was detected here. */
    public AlertDescription peerAlert() {
        return peerAlert;
    }

    /** The alert we owe the peer, as record bytes ready to send (empty when none). */
    public byte[] alertToSend() {
        return Arrays.copyOf(alertToSend, alertToSend.length);
    }

    /** The alert description we send, or null. */
    public AlertDescription alert() {
        return reason.alert();
    }
}
