package org.securechannel.perf;

import java.nio.ByteBuffer;

/**
 * What a ClientHello offers for resumption on the wire: the legacy session id (TLS 1.2 session-ID
 * resumption offers the cached session's id there, RFC 5246 §7.4.1.2) and whether it carries a session
 * ticket (a non-empty session_ticket extension, RFC 5077 §3.2), which would make a resumption ticket-based
 * rather than ID-based. Read from the wire so that every provider is checked alike.
 */
record ClientHelloInfo(byte[] sessionId, boolean offersTicket) {
    private static final int SESSION_TICKET = 0x0023;

    /** Parses the first record of a client's first flight; throws if it is not a ClientHello. */
    static ClientHelloInfo parse(byte[] flight) {
        ByteBuffer b = ByteBuffer.wrap(flight);
        Handshakes.require(b.remaining() >= 5 && b.get() == 22, "first client record is not a handshake record");
        b.getShort();
        int recordLength = b.getShort() & 0xFFFF;
        Handshakes.require(b.remaining() >= recordLength, "ClientHello record truncated");
        b.limit(b.position() + recordLength);
        Handshakes.require(b.get() == 1, "first client message is not a ClientHello");
        b.position(b.position() + 3 + 2 + 32);
        byte[] sessionId = new byte[b.get() & 0xFF];
        b.get(sessionId);
        skip(b, b.getShort() & 0xFFFF); // cipher_suites
        skip(b, b.get() & 0xFF); // compression_methods
        boolean ticket = false;
        if (b.hasRemaining()) {
            int extensionsEnd = (b.getShort() & 0xFFFF) + b.position();
            while (b.position() < extensionsEnd) {
                int type = b.getShort() & 0xFFFF;
                int length = b.getShort() & 0xFFFF;
                ticket |= type == SESSION_TICKET && length > 0;
                skip(b, length);
            }
        }
        return new ClientHelloInfo(sessionId, ticket);
    }

    private static void skip(ByteBuffer b, int n) {
        b.position(b.position() + n);
    }
}
