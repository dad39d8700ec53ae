package org.securechannel.codec;

/**
 * SessionTicket (RFC 5077 §3.2), TLS 1.2 only: in a ClientHello, empty to ask for a ticket or a ticket to resume
 * with; in a ServerHello, empty to promise a NewSessionTicket. The data is the ticket itself, with no length
 * prefix of its own.
 */
public final class SessionTicketExtension {
    private SessionTicketExtension() {
    }

    /** A ClientHello's ticket, or an empty array to ask for one (and the ServerHello's promise). */
    public static Extension encode(byte[] ticket) {
        return new Extension(ExtensionType.SESSION_TICKET, ticket);
    }

    /** The ticket a ClientHello carries; empty when it only asks for one. */
    public static byte[] parse(byte[] data) {
        return Wire.copy(data, 0, 0xFFFF, "session_ticket");
    }

    /** A ServerHello's SessionTicket must be empty (RFC 5077 §3.2): anything else is a decode_error. */
    public static void parseServer(byte[] data) throws AlertException {
        Wire.reader(data, "session_ticket").expectEnd();
    }
}
