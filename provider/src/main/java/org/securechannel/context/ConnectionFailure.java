package org.securechannel.context;

import java.io.IOException;

/**
 * Why a {@link ConnectionDriver} gave up on its connection: the one failure its adapters (SSLEngine, SSLSocket,
 * the CLI) translate into their own exceptions. Which kind it is and whether the handshake was still running
 * are decided here, once; the JSSE adapter only picks the SSLException subclass for them.
 *
 * <p>An IOException, because for the blocking adapters a failed connection is an I/O failure like any other.
 */
public final class ConnectionFailure extends IOException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** The security context failed: we sent an alert, or the peer did ({@link #contextFailure()} says which). */
        REFUSED,
        /** The handshake did not complete within the credentials' handshake timeout. */
        TIMED_OUT,
        /** The transport ended (or the peer sent close_notify) before the handshake completed. */
        ENDED_IN_HANDSHAKE,
        /** A call could make no progress where the contract promises it: a broken peer or context. */
        NO_PROGRESS
    }

    private final Kind kind;
    private final boolean duringHandshake;

    ConnectionFailure(Kind kind, boolean duringHandshake, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.duringHandshake = duringHandshake;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether the handshake had not completed when the connection failed. */
    public boolean duringHandshake() {
        return duringHandshake;
    }

    /** The context's own exception for {@link Kind#REFUSED}, else null. */
    public SecurityContextException contextFailure() {
        return getCause() instanceof SecurityContextException e ? e : null;
    }
}
