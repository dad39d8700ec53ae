package org.securechannel.session;

import java.time.Duration;

/**
 * The freshness check of RFC 8446 §8.3 for 0-RTT: a ClientHello should arrive when the client's reported ticket
 * age says, measured from when we issued the ticket; one that arrives much later (or earlier) than that is a
 * replay or a client with a broken clock, and gets no 0-RTT. The check needs no shared state, so it holds
 * across a fleet; {@link EarlyDataReplayGuard} covers the replays inside the window.
 *
 * <p>Both times are the server's: the ticket's creation time is ours (sealed into the ticket), and the client's
 * age is an interval, so clocks of client and server need not agree; servers of a fleet need clocks that agree
 * to well within the window.
 */
public final class TicketAgeWindow {
    /** Ten seconds either way: round trips and clock drift, as RFC 8446 §8.3 suggests sizing it. */
    public static final Duration DEFAULT = Duration.ofSeconds(10);

    private final long windowMillis;

    public TicketAgeWindow(Duration window) {
        if (window.isNegative()) {
            throw new IllegalArgumentException("negative window");
        }
        this.windowMillis = window.toMillis();
    }

    /** The client's ticket age in milliseconds: obfuscated_ticket_age minus ticket_age_add, modulo 2^32. */
    public static long clientTicketAge(long obfuscatedAge, long ageAdd) {
        return (obfuscatedAge - ageAdd) & 0xFFFFFFFFL;
    }

    /**
     * Whether a ClientHello with {@code obfuscatedAge} for the ticket of {@code state}, arriving at {@code nowMillis},
     * is within the window: the client's age is within the ticket's lifetime, and the expected arrival
     * (creation + client's age) is within the window of the actual arrival.
     */
    public boolean fresh(SessionState state, long obfuscatedAge, long nowMillis) {
        long clientAge = clientTicketAge(obfuscatedAge, state.ageAdd());
        if (clientAge > state.lifetimeSeconds() * 1000L) {
            return false;
        }
        long expectedArrival = state.createdMillis() + clientAge;
        return Math.abs(nowMillis - expectedArrival) <= windowMillis;
    }

    public Duration window() {
        return Duration.ofMillis(windowMillis);
    }
}
