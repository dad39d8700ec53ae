package org.securechannel.handshake;

import java.util.function.LongSupplier;
import org.securechannel.session.ClientSessionStore;
import org.securechannel.session.ServerTicketPolicy;
import org.securechannel.session.SessionTickets;
import org.securechannel.session.TicketAgeWindow;

/**
 * Resumption with tickets (RFC 8446 §2.2, §4.2.10, §4.2.11, §4.6.1; RFC 5077), as one handshake needs it.
 *
 * <p>Server: {@code tickets} seals and opens tickets (null: none issued, none accepted); {@code policy} says how
 * many follow each handshake, their lifetime, whether psk_ke is accepted, and 0-RTT (its size, freshness window and
 * replay guard). Client: {@code store} keeps the tickets servers send and gives one back for {@code peer};
 * {@code saved}, when set, is offered instead of what the store holds (a caller keeping its own cache);
 * {@code offerPskOnly} adds psk_ke to the modes offered. {@code clock} is wall-clock milliseconds, replaceable in
 * tests.
 */
public record TicketResumption(SessionTickets tickets, ServerTicketPolicy policy, ClientSessionStore store,
        ClientSessionStore.Peer peer, org.securechannel.session.ClientSession saved, boolean offerPskOnly,
        LongSupplier clock) {
    /** RFC 8446 §4.6.1 caps a ticket's lifetime at seven days. */
    public static final long MAX_LIFETIME_SECONDS = 7 * 24 * 3600;
    public static final int DEFAULT_TICKETS = ServerTicketPolicy.DEFAULT_TICKETS;
    public static final long DEFAULT_LIFETIME_SECONDS = ServerTicketPolicy.DEFAULT_LIFETIME.getSeconds();

    /** Neither issuing nor offering tickets. */
    public static final TicketResumption NONE = new TicketResumption(null, ServerTicketPolicy.DEFAULT, null, null, null, false,
            System::currentTimeMillis);

    public TicketResumption {
        policy = policy == null ? ServerTicketPolicy.DEFAULT : policy;
        clock = clock == null ? System::currentTimeMillis : clock;
    }

    /** A server's: issues and accepts tickets with {@code tickets} as {@code policy} says. */
    public static TicketResumption server(SessionTickets tickets, ServerTicketPolicy policy) {
        return new TicketResumption(tickets, policy, null, null, null, false, null);
    }

    /** A client's: keeps tickets in {@code store} for {@code peer}, offers {@code saved} first when given. */
    public static TicketResumption client(ClientSessionStore store, ClientSessionStore.Peer peer,
            org.securechannel.session.ClientSession saved, boolean offerPskOnly) {
        return new TicketResumption(null, null, store, peer, saved, offerPskOnly, null);
    }

    /** This resumption with another clock (tests). */
    public TicketResumption withClock(LongSupplier clock) {
        return new TicketResumption(tickets, policy, store, peer, saved, offerPskOnly, clock);
    }

    public int ticketsPerHandshake() {
        return policy.ticketsPerHandshake();
    }

    public long lifetimeSeconds() {
        return policy.lifetime().getSeconds();
    }

    public TicketAgeWindow ageWindow() {
        return policy.freshness();
    }

    /** Server: whether tickets are issued and accepted. */
    public boolean issues() {
        return tickets != null && policy.ticketsPerHandshake() > 0;
    }

    public boolean accepts() {
        return tickets != null;
    }

    /** Client: whether tickets are kept and offered. */
    public boolean keeps() {
        return store != null && peer != null;
    }
}
