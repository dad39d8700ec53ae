package org.securechannel.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A client's saved session: the exported bytes read back exactly; anything else is one typed exception. */
class ClientSessionTest {
    static ClientSession session(long created, long lifetimeSeconds, int ticketByte) {
        return new ClientSession(new byte[] {(byte) ticketByte, 2, 3}, SessionStateTest.tls13(created, lifetimeSeconds));
    }

    @Test
    void exportImportRoundTrips() throws InvalidSessionException {
        ClientSession s = session(5_000, 60, 1);
        byte[] exported = s.export();
        ClientSession back = ClientSession.importFrom(exported);
        assertEquals(s, back);
        assertArrayEquals(exported, back.export());
    }

    @Test
    void everyTruncationAndATrailingByteAreRejected() {
        byte[] exported = session(5_000, 60, 1).export();
        for (int n = 0; n < exported.length; n++) {
            byte[] cut = Arrays.copyOf(exported, n);
            assertThrows(InvalidSessionException.class, () -> ClientSession.importFrom(cut), "cut at " + n);
        }
        assertThrows(InvalidSessionException.class, () -> ClientSession.importFrom(Arrays.copyOf(exported, exported.length + 1)));
        byte[] otherFormat = exported.clone();
        otherFormat[0] = 2;
        assertThrows(InvalidSessionException.class, () -> ClientSession.importFrom(otherFormat));
    }

    @Test
    void obfuscatedAgeAddsTicketAgeAddModulo2To32() {
        ClientSession s = session(10_000, 60, 1); // ticket_age_add 0xFEDCBA98
        assertEquals(0xFEDCBA98L + 1_500, s.obfuscatedAge(11_500));
        long wraps = (0xFEDCBA98L + 0x01400000L) & 0xFFFFFFFFL;
        assertEquals(wraps, s.obfuscatedAge(10_000 + 0x01400000L));
        assertEquals(1_500, TicketAgeWindow.clientTicketAge(s.obfuscatedAge(11_500), 0xFEDCBA98L), "the server undoes it");
    }
}
