package org.securechannel.session;

import java.time.Duration;
import java.util.Objects;
import org.securechannel.codec.NewSessionTicket;

/**
 * How a server issues and accepts tickets (issue 12's defaults in one place): how many NewSessionTickets after
 * each handshake (RFC 8446 §4.6.1; 2 by default, as OpenSSL sends, so a client can open two connections), their
 * lifetime (2 hours by default, at most the RFC's 7 days), whether a PSK without (EC)DHE is accepted (off:
 * psk_dhe_ke keeps forward secrecy), and 0-RTT: off unless {@code maxEarlyDataSize} is above 0, and then only
 * within {@code freshness} and once per ClientHello by {@code replayGuard}.
 */
public record ServerTicketPolicy(int ticketsPerHandshake, Duration lifetime, boolean acceptPskOnly, long maxEarlyDataSize,
        TicketAgeWindow freshness, EarlyDataReplayGuard replayGuard) {
    public static final int DEFAULT_TICKETS = 2;
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(2);
    /** Binders a default strike register remembers at once: about 10,000 0-RTT handshakes per second per window. */
    public static final int DEFAULT_STRIKE_REGISTER_CAPACITY = 100_000;

    /** Two tickets of two hours, psk_dhe_ke only, no 0-RTT. */
    public static final ServerTicketPolicy DEFAULT = new ServerTicketPolicy(DEFAULT_TICKETS, DEFAULT_LIFETIME, false, 0,
            new TicketAgeWindow(TicketAgeWindow.DEFAULT), EarlyDataReplayGuard.REFUSE_ALL);

    public ServerTicketPolicy {
        if (ticketsPerHandshake < 0 || ticketsPerHandshake > 16) {
            throw new IllegalArgumentException("tickets per handshake " + ticketsPerHandshake + " not in 0..16");
        }
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.getSeconds() > NewSessionTicket.MAX_LIFETIME_SECONDS) {
            throw new IllegalArgumentException("ticket lifetime " + lifetime + " not in (0, 7 days]");
        }
        if (maxEarlyDataSize < 0 || maxEarlyDataSize > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("max_early_data_size " + maxEarlyDataSize + " is not a uint32");
        }
        Objects.requireNonNull(freshness, "freshness");
        Objects.requireNonNull(replayGuard, "replayGuard");
        if (maxEarlyDataSize > 0 && replayGuard == EarlyDataReplayGuard.REFUSE_ALL) {
            throw new IllegalArgumentException("0-RTT needs a replay guard (a StrikeRegister, or one the fleet shares)");
        }
    }

    /**
     * This policy with 0-RTT of up to {@code maxEarlyDataSize} bytes per connection, guarded by a strike register of
     * {@link #DEFAULT_STRIKE_REGISTER_CAPACITY} binders over the freshness window: the one-process guarantee
     * {@link EarlyDataReplayGuard} describes. Pass a shared guard with {@link #withEarlyData(long, EarlyDataReplayGuard)}
     * for a fleet.
     */
    public ServerTicketPolicy withEarlyData(long maxEarlyDataSize) {
        return withEarlyData(maxEarlyDataSize, new StrikeRegister(DEFAULT_STRIKE_REGISTER_CAPACITY, freshness.window()));
    }

    public ServerTicketPolicy withEarlyData(long maxEarlyDataSize, EarlyDataReplayGuard guard) {
        return new ServerTicketPolicy(ticketsPerHandshake, lifetime, acceptPskOnly, maxEarlyDataSize, freshness, guard);
    }

    public ServerTicketPolicy withTickets(int ticketsPerHandshake) {
        return new ServerTicketPolicy(ticketsPerHandshake, lifetime, acceptPskOnly, maxEarlyDataSize, freshness, replayGuard);
    }

    public ServerTicketPolicy withLifetime(Duration lifetime) {
        return new ServerTicketPolicy(ticketsPerHandshake, lifetime, acceptPskOnly, maxEarlyDataSize, freshness, replayGuard);
    }

    /** This policy accepting (or not) psk_ke, resumption without a fresh (EC)DHE exchange. */
    public ServerTicketPolicy withPskOnly(boolean acceptPskOnly) {
        return new ServerTicketPolicy(ticketsPerHandshake, lifetime, acceptPskOnly, maxEarlyDataSize, freshness, replayGuard);
    }

    /** This policy without 0-RTT. */
    public ServerTicketPolicy withoutEarlyData() {
        return new ServerTicketPolicy(ticketsPerHandshake, lifetime, acceptPskOnly, 0, freshness, EarlyDataReplayGuard.REFUSE_ALL);
    }

    /** Whether 0-RTT is on at all. */
    public boolean earlyDataEnabled() {
        return maxEarlyDataSize > 0;
    }
}
