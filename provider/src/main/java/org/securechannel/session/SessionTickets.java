package org.securechannel.session;

import java.util.Arrays;
import java.util.Optional;

/**
 * A server's two ticket operations over a {@link TicketSealer}: issue a ticket for a session, redeem a ticket
 * back into one. Everything that makes a ticket unusable — not ours, a retired key, tampered, expired,
 * undecodable — is an empty answer, so the handshake has one branch: resume, or do a full handshake.
 */
public final class SessionTickets {
    private final TicketSealer sealer;

    public SessionTickets(TicketSealer sealer) {
        this.sealer = java.util.Objects.requireNonNull(sealer, "sealer");
    }

    /** The ticket for {@code state}, or empty if its encoding (a long peer chain) would not fit a ticket. */
    public Optional<byte[]> issue(SessionState state) {
        byte[] plaintext = state.encode();
        try {
            if (plaintext.length > sealer.maxPlaintextLength()) {
                return Optional.empty();
            }
            return Optional.of(sealer.seal(plaintext));
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /**
     * The session {@code ticket} holds if it can still be resumed at {@code nowMillis}; the caller destroys it
     * when done. Empty for every reason a ticket cannot be used.
     */
    public Optional<SessionState> redeem(byte[] ticket, long nowMillis) {
        Optional<byte[]> opened = sealer.open(ticket);
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        byte[] plaintext = opened.get();
        try {
            SessionState state = SessionState.decode(plaintext);
            if (state.expiredAt(nowMillis)) {
                state.destroy();
                return Optional.empty();
            }
            return Optional.of(state);
        } catch (InvalidSessionException e) {
            return Optional.empty();
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }
}
