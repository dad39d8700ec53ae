package org.securechannel.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The server's ticket defaults (2 tickets, 2 hours, psk_dhe_ke only, no 0-RTT) and the limits on changing them. */
class ServerTicketPolicyTest {
    @Test
    void defaultsAreTheIssues() {
        ServerTicketPolicy p = ServerTicketPolicy.DEFAULT;
        assertEquals(2, p.ticketsPerHandshake());
        assertEquals(Duration.ofHours(2), p.lifetime());
        assertFalse(p.acceptPskOnly());
        assertFalse(p.earlyDataEnabled());
        assertFalse(p.replayGuard().firstUse(new byte[32], 0), "no 0-RTT accepted by default");
    }

    @Test
    void earlyDataComesWithAReplayGuard() {
        ServerTicketPolicy p = ServerTicketPolicy.DEFAULT.withEarlyData(16384);
        assertTrue(p.earlyDataEnabled());
        assertTrue(p.replayGuard().firstUse(new byte[32], 0));
        assertFalse(p.replayGuard().firstUse(new byte[32], 1), "the second use of one ClientHello is refused");
        assertThrows(IllegalArgumentException.class,
                () -> ServerTicketPolicy.DEFAULT.withEarlyData(16384, EarlyDataReplayGuard.REFUSE_ALL));
    }

    @Test
    void lifetimeAndCountsAreBounded() {
        TicketAgeWindow w = new TicketAgeWindow(TicketAgeWindow.DEFAULT);
        assertThrows(IllegalArgumentException.class,
                () -> new ServerTicketPolicy(2, Duration.ofDays(7).plusSeconds(1), false, 0, w, EarlyDataReplayGuard.REFUSE_ALL));
        assertThrows(IllegalArgumentException.class,
                () -> new ServerTicketPolicy(2, Duration.ZERO, false, 0, w, EarlyDataReplayGuard.REFUSE_ALL));
        assertThrows(IllegalArgumentException.class,
                () -> new ServerTicketPolicy(-1, Duration.ofHours(1), false, 0, w, EarlyDataReplayGuard.REFUSE_ALL));
        assertEquals(Duration.ofDays(7),
                new ServerTicketPolicy(0, Duration.ofDays(7), true, 0, w, EarlyDataReplayGuard.REFUSE_ALL).lifetime());
    }
}
