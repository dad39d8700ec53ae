package org.securechannel.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** RFC 5077's NewSessionTicket and SessionTicket extension: round trips and every truncation. */
class Tls12SessionTicketCodecTest {
    @Test
    void newSessionTicketRoundTripsAndRejectsEveryTruncation() throws AlertException {
        Tls12NewSessionTicket nst = new Tls12NewSessionTicket(0xFFFFFFFFL, new byte[] {1, 2, 3});
        byte[] encoded = nst.encode();
        assertEquals(HandshakeType.NEW_SESSION_TICKET.code(), encoded[0]);
        byte[] body = Hex.body(encoded);
        Tls12NewSessionTicket back = Tls12NewSessionTicket.parse(body);
        assertEquals(0xFFFFFFFFL, back.lifetimeHint());
        assertArrayEquals(new byte[] {1, 2, 3}, back.ticket());
        for (int n = 0; n < body.length; n++) {
            byte[] cut = Arrays.copyOf(body, n);
            AlertException e = assertThrows(AlertException.class, () -> Tls12NewSessionTicket.parse(cut));
            assertEquals(AlertDescription.DECODE_ERROR, e.alert());
        }
        assertThrows(AlertException.class, () -> Tls12NewSessionTicket.parse(Arrays.copyOf(body, body.length + 1)));
        assertEquals(0, Tls12NewSessionTicket.parse(new byte[6]).ticket().length, "an empty ticket is legal");
    }

    @Test
    void sessionTicketExtension() throws AlertException {
        assertArrayEquals(new byte[] {7, 8}, SessionTicketExtension.parse(SessionTicketExtension.encode(new byte[] {7, 8}).data()));
        assertEquals(0, SessionTicketExtension.encode(new byte[0]).dataLength());
        SessionTicketExtension.parseServer(new byte[0]);
        AlertException e = assertThrows(AlertException.class, () -> SessionTicketExtension.parseServer(new byte[1]));
        assertEquals(AlertDescription.DECODE_ERROR, e.alert());
    }
}
