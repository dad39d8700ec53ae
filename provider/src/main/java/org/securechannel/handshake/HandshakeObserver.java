package org.securechannel.handshake;

/**
 * What a handshake lets the outside see as it runs, for diagnostics: the secrets it derives (a key log in the
 * NSS format, RFC 9850) and the handshake messages it sends (a debug log). The handshake never imports the
 * context package, so the context adapts this to its public {@code KeyLog} and its logging.
 *
 * <p>Implementations must be fast, must not throw, and must not keep the arrays they are given: secrets are
 * wiped by their owners once the call returns.
 */
public interface HandshakeObserver {
    /** Observes nothing; the default. */
    HandshakeObserver NONE = new HandshakeObserver() {
    };

    /**
     * A secret just derived, under its NSS key log label (e.g. {@code CLIENT_HANDSHAKE_TRAFFIC_SECRET},
     * {@code CLIENT_RANDOM} for TLS 1.2's master secret), with the 32-byte ClientHello random that names the
     * connection in a key log.
     */
    default void secret(String label, byte[] clientRandom, byte[] secret) {
    }

    /** A handshake message we queued for sending: its full encoding, 4-byte header included. */
    default void messageSent(byte[] encoded) {
    }

    /** Whether {@link #secret} wants anything: when false, the key schedules format nothing for it. */
    default boolean wantsSecrets() {
        return false;
    }
}
