package org.securechannel.session;

import java.util.Arrays;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.TlsReader;
import org.securechannel.codec.TlsWriter;

/**
 * What a client keeps to resume a session: the ticket the server sent (the TLS 1.3 PSK identity, or the RFC 5077
 * ticket of TLS 1.2) and the session it stands for, with the PSK or master secret. {@link #export()} gives the
 * bytes a caller with a cache of its own stores, and {@link #importFrom} reads them back: they hold the secret in
 * clear, so they must be kept as carefully as a private key.
 *
 * <p>Export format 1: {@code uint8 format = 1; opaque ticket<1..2^16-1>; opaque state<1..2^24-1>} where state is
 * {@link SessionState#encode()}.
 */
public record ClientSession(byte[] ticket, SessionState state) {
    public static final int EXPORT_FORMAT = 1;

    public ClientSession {
        if (ticket.length == 0 || ticket.length > 0xFFFF) {
            throw new IllegalArgumentException("a ticket is 1 to 65535 bytes, not " + ticket.length);
        }
        ticket = ticket.clone();
        java.util.Objects.requireNonNull(state, "state");
    }

    @Override
    public byte[] ticket() {
        return ticket.clone();
    }

    /**
     * obfuscated_ticket_age for a ClientHello sent at {@code nowMillis} (RFC 8446 §4.2.11.1): the milliseconds since
     * the ticket arrived plus ticket_age_add, modulo 2^32.
     */
    public long obfuscatedAge(long nowMillis) {
        return (state.ageMillis(nowMillis) + state.ageAdd()) & 0xFFFFFFFFL;
    }

    /** A copy with a secret of its own. */
    public ClientSession copy() {
        return new ClientSession(ticket, state.copy());
    }

    public void destroy() {
        state.destroy();
    }

    /** The saved-session bytes, secret included. */
    public byte[] export() {
        byte[] encodedState = state.encode();
        try {
            return new TlsWriter(8 + ticket.length + encodedState.length).u8(EXPORT_FORMAT).vector16(ticket)
                    .vector24(encodedState).toByteArray();
        } finally {
            Arrays.fill(encodedState, (byte) 0);
        }
    }

    /** Reads {@link #export()}'s bytes; anything else is an {@link InvalidSessionException}. */
    public static ClientSession importFrom(byte[] exported) throws InvalidSessionException {
        byte[] encodedState = null;
        try {
            TlsReader r = new TlsReader(exported, "saved session");
            int format = r.u8();
            if (format != EXPORT_FORMAT) {
                throw new InvalidSessionException("saved session format " + format + ", this code reads " + EXPORT_FORMAT);
            }
            byte[] ticket = r.vector16();
            encodedState = r.vector24();
            r.expectEnd();
            if (ticket.length == 0) {
                throw new InvalidSessionException("saved session: empty ticket");
            }
            return new ClientSession(ticket, SessionState.decode(encodedState));
        } catch (AlertException e) {
            throw new InvalidSessionException(e.getMessage(), e);
        } finally {
            if (encodedState != null) {
                Arrays.fill(encodedState, (byte) 0);
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientSession c && Arrays.equals(c.ticket, ticket) && c.state.equals(state);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ticket);
    }

    @Override
    public String toString() {
        return "ClientSession[" + ticket.length + "-byte ticket, " + state + "]";
    }
}
