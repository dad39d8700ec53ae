package org.securechannel.handshake;

import java.util.function.LongSupplier;
import org.securechannel.session.ClientSessionStore;
import org.securechannel.session.SessionTickets;
import org.securechannel.session.TicketAgeWindow;

/**
 * TLS 1.3 resumption with tickets (RFC 8446 §2.2, §4.2.11, §4.6.1), as one handshake needs it.
 *
 * <p>Server: {@code tickets} seals and opens tickets (null: none issued, none accepted); {@code ticketsPerHandshake}
 * NewSessionTickets follow every handshake, a resumed one too, each valid {@code lifetimeSeconds}; a ticket is
 * accepted only within {@code ageWindow}. Client: {@code store} keeps the tickets servers send and gives one back
 * for {@code peer}; {@code saved}, when set, is offered instead of what the store holds (a caller keeping its own
 * cache). {@code clock} is wall-clock milliseconds, replaceable in tests.
 */
public record TicketResumption(SessionTickets tickets, int ticketsPerHandshake, long lifetimeSeconds, TicketAgeWindow ageWindow,
        ClientSessionStore store, ClientSessionStore.Peer peer, org.securechannel.session.ClientSession saved,
        LongSupplier clock) {
    /** RFC 8446 §4.6.1 caps a ticket's lifetime at seven days. */
    public static final long MAX_LIFETIME_SECONDS = 7 * 24 * 3600;
    public static final int DEFAULT_TICKETS = 2;
    public static final long DEFAULT_LIFETIME_SECONDS = 2 * 3600;

    /** Neither issuing nor offering tickets. */
    public static final TicketResumption NONE = new TicketResumption(null, 0, 0, new TicketAgeWindow(TicketAgeWindow.DEFAULT), null, null,
            null, System::currentTimeMillis);

    public TicketResumption {
        if (ticketsPerHandshake < 0 || ticketsPerHandshake > 16) {
            throw new IllegalArgumentException("tickets per handshake " + ticketsPerHandshake + " not in 0..16");
        }
        if (lifetimeSeconds < 0 || lifetimeSeconds > MAX_LIFETIME_SECONDS) {
            throw new IllegalArgumentException("ticket lifetime " + lifetimeSeconds + " s not in 0.." + MAX_LIFETIME_SECONDS);
        }
        ageWindow = ageWindow == null ? new TicketAgeWindow(TicketAgeWindow.DEFAULT) : ageWindow;
        clock = clock == null ? System::currentTimeMillis : clock;
    }

    /** Server: whether tickets are issued and accepted. */
    public boolean issues() {
        return tickets != null && ticketsPerHandshake > 0 && lifetimeSeconds > 0;
    }

    public boolean accepts() {
        return tickets != null;
    }

    /** Client: whether tickets are kept and offered. */
    public boolean keeps() {
        return store != null && peer != null;
    }
}
