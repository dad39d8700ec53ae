package org.securechannel.session;

import java.util.Optional;

/**
 * Seals session state into tickets only this server (or its fleet) can open. Implementations are thread-safe and
 * never block for long; {@link TinkTicketSealer} is the one we ship.
 *
 * <p>The contract the handshake relies on: {@link #open} answers "no" (empty) for anything it cannot open — bytes
 * that are not a ticket, a ticket sealed by a key this sealer does not have or has disabled, a truncated or
 * tampered ticket — and never throws for them, because each of those means a full handshake, not an error.
 * Expiry is a property of the plaintext, checked by {@link SessionTickets}.
 */
public interface TicketSealer {
    /**
     * A ticket for {@code plaintext}, sealed by the current primary key.
     *
     * @throws IllegalArgumentException if {@code plaintext} is longer than {@link #maxPlaintextLength()}
     */
    byte[] seal(byte[] plaintext);

    /** The plaintext {@code ticket} was sealed from, or empty if this sealer cannot (or may no longer) open it. */
    Optional<byte[]> open(byte[] ticket);

    /** The longest plaintext whose ticket still fits a NewSessionTicket ({@code ticket<1..2^16-1>}). */
    int maxPlaintextLength();
}
