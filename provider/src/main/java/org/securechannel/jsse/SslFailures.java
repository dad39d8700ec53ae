package org.securechannel.jsse;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLProtocolException;
import org.securechannel.context.ConnectionFailure;

/**
 * The one translation of a {@link ConnectionFailure} into JSSE's exceptions, for the SSLEngine and the SSLSocket:
 * SSLHandshakeException while the handshake ran, SSLProtocolException for a peer that broke the progress
 * contract, SSLException otherwise. The cause is what the driver saw (the context's SecurityContextException with
 * its alert, or the socket's timeout or end of stream).
 */
final class SslFailures {
    /** Where the handshake timeout comes from in JSSE, named in its message. */
    private static final String TIMEOUT_PROPERTY = "org.securechannel.handshakeTimeout";

    private SslFailures() {
    }

    static SSLException of(ConnectionFailure f) {
        String message = switch (f.kind()) {
            case TIMED_OUT -> f.getMessage() + " (" + TIMEOUT_PROPERTY + ")";
            case ENDED_IN_HANDSHAKE -> "Remote host terminated the handshake: " + f.getMessage()
                    + (f.getCause() == null ? "" : " (" + f.getCause() + ")");
            default -> f.getMessage();
        };
        SSLException x = f.kind() == ConnectionFailure.Kind.NO_PROGRESS ? new SSLProtocolException(message)
                : f.duringHandshake() ? new SSLHandshakeException(message) : new SSLException(message);
        x.initCause(f.getCause() != null ? f.getCause() : f);
        return x;
    }
}
