package org.securechannel.codec;

/**
 * TLS 1.2's NewSessionTicket (RFC 5077 §3.3): {@code uint32 ticket_lifetime_hint; opaque ticket<0..2^16-1>}. It
 * shares the handshake type with TLS 1.3's {@link NewSessionTicket} but not the layout, so the TLS 1.2 states
 * parse it with this class. An empty ticket is legal: the server had promised a ticket and then decided not to
 * issue one (§3.3).
 */
public final class Tls12NewSessionTicket implements HandshakeMessage {
    private final long lifetimeHint;
    private final byte[] ticket;

    public Tls12NewSessionTicket(long lifetimeHint, byte[] ticket) {
        if (lifetimeHint < 0 || lifetimeHint > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("ticket_lifetime_hint " + lifetimeHint + " is not a uint32");
        }
        this.lifetimeHint = lifetimeHint;
        this.ticket = Wire.copy(ticket, 0, 0xFFFF, "ticket");
    }

    public static Tls12NewSessionTicket parse(byte[] body) throws AlertException {
        TlsReader r = new TlsReader(body, "NewSessionTicket");
        long hint = r.u32();
        byte[] ticket = r.vector16();
        r.expectEnd();
        return new Tls12NewSessionTicket(hint, ticket);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.NEW_SESSION_TICKET;
    }

    @Override
    public void writeBody(TlsWriter w) {
        w.u32(lifetimeHint).vector16(ticket);
    }

    /** Seconds the server suggests keeping the ticket; 0 means unspecified (RFC 5077 §3.3). */
    public long lifetimeHint() {
        return lifetimeHint;
    }

    public byte[] ticket() {
        return ticket.clone();
    }
}
