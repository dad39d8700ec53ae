package org.securechannel.handshake.tls12;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.ClientHello;
import org.securechannel.codec.Extension;
import org.securechannel.codec.ExtensionType;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.codec.ServerHello;
import org.securechannel.codec.SessionTicketExtension;
import org.securechannel.codec.Tls12NewSessionTicket;
import org.securechannel.handshake.HandshakeConfig;
import org.securechannel.handshake.ResumableSession;
import org.securechannel.handshake.TicketResumption;
import org.securechannel.session.ClientSession;
import org.securechannel.session.SessionState;

/**
 * TLS 1.2 session tickets (RFC 5077, with RFC 7627's extended master secret: every session we make has one, and
 * {@link ClientOffer} refuses clients without it), every rule of them in one place. Tickets are sealed by the same
 * {@link org.securechannel.session.SessionTickets} as TLS 1.3's, so servers sharing a keyset resume each other's
 * TLS 1.2 sessions too. A ticket becomes a {@link ResumableSession} under the client's session ID, and from there
 * the abbreviated handshake is {@link Resumption}'s, with the same rules for what may be resumed.
 *
 * <ul>
 * <li>Server: a ClientHello with session_ticket gets an empty one back and a NewSessionTicket just before our
 * change_cipher_spec (§3.3), when we issue tickets. A ticket resumes only under a session ID the client chose, which
 * we echo (§3.4: that echo is how the client learns); every ticket we cannot use is a full handshake (§3.4).
 * <li>Client: offers one TLS 1.2 session of the store for this server with a fresh random session ID (so the echo
 * can only mean the ticket was taken) and keeps the NewSessionTicket once the server's Finished verified.
 * </ul>
 * A promised ticket we then cannot issue (a session too large for a ticket, or at the end of its lifetime) is an
 * empty NewSessionTicket, as §3.3 says.
 */
final class Tickets {
    /**
     * The longest ticket a client keeps: one longer would not fit the ClientHello's extensions block (2^16-1 bytes in
     * all) next to our other extensions, hybrid key shares included, so it could never be offered.
     */
    static final int MAX_KEPT_TICKET_LENGTH = 0xFFFF - 4096;

    private Tickets() {
    }

    /** Server: whether our ServerHello promises a NewSessionTicket: the client asked, and we issue tickets. */
    static boolean serverPromises(HandshakeConfig config, ClientOffer offer) {
        return offer.sessionTicket() != null && config.tickets().issues();
    }

    /** Server: the session the client's ticket holds, to resume under the client's session ID; null for a full handshake. */
    static ResumableSession serverRedeem(HandshakeConfig config, ClientOffer offer) {
        byte[] ticket = offer.sessionTicket();
        byte[] id = offer.hello().legacySessionId();
        TicketResumption r = config.tickets();
        if (ticket == null || ticket.length == 0 || id.length == 0 || !r.accepts()) {
            return null;
        }
        Optional<SessionState> opened = r.tickets().redeem(ticket, r.clock().getAsLong());
        if (opened.isEmpty()) {
            return null;
        }
        ResumableSession s = resumable(opened.get(), id);
        if (s != null && !Resumption.fits(config, offer, s)) {
            s.destroy();
            return null;
        }
        return s;
    }

    /**
     * Server: the NewSessionTicket for {@code s} (its suite, master secret, peer and name), with the ALPN protocol of
     * this connection. The ticket's session ends when the full handshake's would: a renewed ticket does not extend it.
     */
    static Tls12NewSessionTicket issue(HandshakeConfig config, ResumableSession s, String applicationProtocol) {
        TicketResumption r = config.tickets();
        long now = r.clock().getAsLong();
        long remaining = r.lifetimeSeconds() - Math.max(0, now - s.createdMillis()) / 1000;
        if (remaining <= 0) {
            return new Tls12NewSessionTicket(0, new byte[0]);
        }
        byte[] master = s.masterSecret();
        SessionState state;
        try {
            state = new SessionState(ProtocolVersion.TLS12, s.suite(), s.group(), s.serverScheme(), s.clientScheme(),
                    Math.min(s.createdMillis(), now), r.lifetimeSeconds(), 0, 0, master, s.serverName(), applicationProtocol,
                    SessionState.derOf(s.peerChain()));
        } finally {
            Arrays.fill(master, (byte) 0);
        }
        try {
            return new Tls12NewSessionTicket(remaining, r.tickets().issue(state).orElse(new byte[0]));
        } finally {
            state.destroy();
        }
    }

    /** Server, after the client's Finished of a full handshake: the ticket for the session it made. */
    static Tls12NewSessionTicket issueAfterFullHandshake(HandshakeConfig config, Established done) {
        ResumableSession s = Resumption.session(done, config.tickets().clock().getAsLong());
        try {
            return issue(config, s, done.negotiated().applicationProtocol());
        } finally {
            s.destroy();
        }
    }

    /**
     * Client: the TLS 1.2 session to offer as a ticket (the caller's saved one, or the newest the store holds for this
     * server), or null. A TLS 1.3 session taken from the store goes back for the TLS 1.3 offer; an unusable one
     * (another SNI name, a suite no longer enabled, expired) is dropped.
     */
    static ClientSession clientFind(HandshakeConfig config) {
        TicketResumption r = config.tickets();
        ClientSession s = r.saved() != null ? r.saved().copy() : r.keeps() ? r.store().take(r.peer()).orElse(null) : null;
        if (s == null) {
            return null;
        }
        SessionState state = s.state();
        if (state.version() != ProtocolVersion.TLS12) {
            if (r.saved() == null) {
                r.store().put(r.peer(), s);
            } else {
                s.destroy();
            }
            return null;
        }
        String name = config.serverName();
        boolean usable = config.cipherSuites().contains(state.suite()) && !state.expiredAt(r.clock().getAsLong())
                && (state.serverName() == null ? name == null : state.serverName().equalsIgnoreCase(name));
        if (!usable) {
            s.destroy();
            return null;
        }
        return s;
    }

    /** Client: the ClientHello's session_ticket: {@code offered}'s ticket, an empty one to ask, or null (we keep none). */
    static Extension clientExtension(HandshakeConfig config, ClientSession offered) {
        if (offered != null) {
            return SessionTicketExtension.encode(offered.ticket());
        }
        return config.tickets().keeps() ? SessionTicketExtension.encode(new byte[0]) : null;
    }

    /** Client: whether a ServerHello promises a NewSessionTicket (its session_ticket must be empty: decode_error). */
    static boolean clientPromised(ServerHello hello) throws AlertException {
        Extension e = hello.extension(ExtensionType.SESSION_TICKET);
        if (e == null) {
            return false;
        }
        SessionTicketExtension.parseServer(e.data());
        return true;
    }

    /**
     * Client: the session the server resumes from our ticket, or null. It resumes when it echoes the session ID we sent
     * with the ticket (§3.4); it must then keep the session's suite (illegal_parameter otherwise).
     */
    static ResumableSession clientResumed(ClientHello sent, ServerHello hello, ClientSession offered) throws AlertException {
        Extension ext = sent.extension(ExtensionType.SESSION_TICKET);
        byte[] echo = hello.legacySessionIdEcho();
        if (offered == null || ext == null || ext.dataLength() == 0 || echo.length == 0
                || !Arrays.equals(echo, sent.legacySessionId())) {
            return null;
        }
        if (offered.state().suite().code() != hello.cipherSuite()) {
            throw AlertException.illegalParameter("the server resumes our ticket's session with another cipher suite");
        }
        ResumableSession s = resumable(offered.state().copy(), echo);
        if (s == null) {
            throw AlertException.internalError("our saved session's server chain does not parse", null);
        }
        return s;
    }

    /**
     * Client, once the server's Finished verified: the ticket it sent goes to the store under this server, with the
     * master secret of this connection. An empty ticket, one too long to offer again, or a client keeping none, keeps
     * nothing. A lifetime hint of 0
     * ("unspecified", §3.3) counts as our default ticket lifetime.
     */
    static void keep(Tls12Handshake hs, Established e, Tls12NewSessionTicket received) {
        TicketResumption r = hs.config.tickets();
        byte[] ticket = received.ticket();
        if (!r.keeps() || ticket.length == 0 || ticket.length > MAX_KEPT_TICKET_LENGTH) {
            return;
        }
        Negotiated n = e.negotiated();
        long lifetime = received.lifetimeHint() == 0 ? TicketResumption.DEFAULT_LIFETIME_SECONDS
                : Math.min(received.lifetimeHint(), TicketResumption.MAX_LIFETIME_SECONDS);
        byte[] master = e.keys().masterSecret();
        try {
            SessionState state = new SessionState(ProtocolVersion.TLS12, n.suite(), n.group(), n.serverScheme(), e.clientScheme(),
                    r.clock().getAsLong(), lifetime, 0, 0, master, n.serverName(), n.applicationProtocol(),
                    SessionState.derOf(e.peerChain()));
            r.store().put(r.peer(), new ClientSession(ticket, state));
        } finally {
            Arrays.fill(master, (byte) 0);
        }
    }

    /**
     * Client: the server resumed our ticket and sends no new one: the ticket goes back to the store for the next
     * connection, as OpenSSL's client reuses a TLS 1.2 ticket until the server replaces it (RFC 5077 §3.3 leaves
     * renewing to the server; a 1.2 ticket travels in the clear, so one-time use, TLS 1.3's privacy rule, buys
     * nothing). A caller's saved session is theirs, not the store's.
     */
    static void keepForReuse(HandshakeConfig config, ClientSession offered) {
        TicketResumption r = config.tickets();
        if (r.saved() == null && r.keeps() && offered != null) {
            r.store().put(r.peer(), offered.copy());
        }
    }

    /** {@code state} as a session to resume under {@code id}; null when its chain does not parse. Destroys {@code state}. */
    private static ResumableSession resumable(SessionState state, byte[] id) {
        byte[] master = state.secret();
        try {
            if (state.version() != ProtocolVersion.TLS12) {
                return null;
            }
            List<X509Certificate> chain = state.peerCertificates();
            return new ResumableSession(ProtocolVersion.TLS12, state.suite(), state.group(), state.serverScheme(),
                    state.clientScheme(), id, master, chain, state.serverName(), state.createdMillis());
        } catch (CertificateException e) {
            return null;
        } finally {
            Arrays.fill(master, (byte) 0);
            state.destroy();
        }
    }
}
