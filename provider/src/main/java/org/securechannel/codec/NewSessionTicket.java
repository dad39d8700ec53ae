package org.securechannel.codec;

import java.util.List;

/** NewSessionTicket (RFC 8446 §4.6.1). */
public final class NewSessionTicket implements HandshakeMessage {
    /** Seven days: RFC 8446 forbids longer ticket lifetimes. */
    public static final long MAX_LIFETIME_SECONDS = 604800;

    private final long lifetime;
    private final long ageAdd;
    private final byte[] nonce;
    private final byte[] ticket;
    private final List<Extension> extensions;

    public NewSessionTicket(long lifetime, long ageAdd, byte[] nonce, byte[] ticket, List<Extension> extensions) {
        if (lifetime < 0 || lifetime > MAX_LIFETIME_SECONDS) {
            throw new IllegalArgumentException("ticket_lifetime " + lifetime + " out of 0.." + MAX_LIFETIME_SECONDS);
        }
        if (ageAdd < 0 || ageAdd > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("ticket_age_add " + ageAdd + " is not a uint32");
        }
        this.lifetime = lifetime;
        this.ageAdd = ageAdd;
        this.nonce = Wire.copy(nonce, 0, 0xFF, "ticket_nonce");
        this.ticket = Wire.copy(ticket, 1, 0xFFFF, "ticket");
        this.extensions = Extensions.copyOf(extensions);
    }

    public static NewSessionTicket parse(byte[] body) throws AlertException {
        TlsReader r = new TlsReader(body, "NewSessionTicket");
        long lifetime = r.u32();
        long ageAdd = r.u32();
        byte[] nonce = r.vector8();
        byte[] ticket = r.vector16();
        List<Extension> exts = Extensions.parse(r);
        r.expectEnd();
        // Syntax first (decode_error for any malformation), then the value checks.
        if (ticket.length == 0) {
            throw AlertException.decodeError("NewSessionTicket: empty ticket");
        }
        if (lifetime > MAX_LIFETIME_SECONDS) {
            throw AlertException.illegalParameter("NewSessionTicket: lifetime " + lifetime + "s exceeds 7 days");
        }
        return new NewSessionTicket(lifetime, ageAdd, nonce, ticket, exts);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.NEW_SESSION_TICKET;
    }

    @Override
    public void writeBody(TlsWriter w) {
        w.u32(lifetime).u32(ageAdd).vector8(nonce).vector16(ticket);
        Extensions.write(w, extensions);
    }

    /** Seconds, 0..604800. */
    public long lifetime() {
        return lifetime;
    }

    /** The uint32 obfuscation added to the ticket age, as an unsigned value. */
    public long ageAdd() {
        return ageAdd;
    }

    public byte[] nonce() {
        return nonce.clone();
    }

    public byte[] ticket() {
        return ticket.clone();
    }

    public List<Extension> extensions() {
        return extensions;
    }

    public Extension extension(int type) {
        return Extensions.find(extensions, type);
    }
}
