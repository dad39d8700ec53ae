package org.securechannel.handshake.tls12;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.ClientHello;
import org.securechannel.codec.Extension;
import org.securechannel.codec.Finished;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.codec.ServerHello;
import org.securechannel.handshake.ClientAuthMode;
import org.securechannel.handshake.HandshakeConfig;
import org.securechannel.handshake.ResumableSession;
import org.securechannel.handshake.SessionCache;
import org.securechannel.handshake.Tls12KeySchedule;
import org.securechannel.record.RawHandshake;

/**
 * TLS 1.2 session-ID resumption (RFC 5246 §7.3, Figure 2), every rule of it in one place: when a session may
 * be resumed, the abbreviated flights, and what is remembered after a full handshake. Only sessions with the
 * extended master secret exist here (RFC 7627 §5.3: we never make others), a resumption must ask for the same
 * server name (RFC 6066 §3) and offer the session's suite, and a server that now requires a client certificate
 * does not resume a session that had none.
 */
final class Resumption {
    private static final int SESSION_ID_LENGTH = 32;

    private Resumption() {
    }

    /** Server: a fresh session ID, or none when there is no cache to find it in later. */
    static byte[] newSessionId(HandshakeConfig config) {
        if (config.sessions() == SessionCache.NONE) {
            return new byte[0];
        }
        byte[] id = new byte[SESSION_ID_LENGTH];
        config.random().nextBytes(id);
        return id;
    }

    /** Server: the session the client asks to resume, if we may resume it; null for a full handshake. */
    static ResumableSession serverFind(HandshakeConfig config, ClientOffer offer) {
        byte[] id = offer.hello().legacySessionId();
        if (id.length == 0) {
            return null;
        }
        ResumableSession s = config.sessions().get(id);
        if (s == null) {
            return null;
        }
        if (!fits(config, offer, s)) {
            s.destroy();
            return null;
        }
        return s;
    }

    /** Server: whether {@code s}, from our cache or a ticket, may be resumed for this ClientHello. */
    static boolean fits(HandshakeConfig config, ClientOffer offer, ResumableSession s) {
        return s.version() == ProtocolVersion.TLS12 && offer.offersSuite(s.suite().code())
                && config.cipherSuites().contains(s.suite()) && Objects.equals(s.serverName(), offer.serverName())
                && !(config.clientAuth() == ClientAuthMode.REQUIRED && s.peerChain().isEmpty());
    }

    /**
     * Server: ServerHello echoing the ID, a NewSessionTicket when it promised one (RFC 5077 §3.1, Figure 2), then our
     * change_cipher_spec and Finished at once; the client's follow.
     */
    static State serverResume(Tls12Handshake hs, ClientOffer offer, ResumableSession s, byte[] serverRandom, String protocol,
            List<Extension> extensions, RawHandshake clientHello) throws AlertException {
        boolean ticket = Tickets.serverPromises(hs.config, offer);
        if (s.serverScheme() != null) {
            // As CertificateSelector.chooseForResumedSession, with TLS 1.2's reading: the session's scheme may be
            // SHA-256 ECDSA signed by a P-384 key (Tls12SigningScheme). Nothing is sent.
            Tls12SigningScheme.select(hs.config.certificates(), List.of(s.serverScheme()), List.of(), offer.serverName(),
                    offer.signatureSchemes());
        }
        Negotiated n = new Negotiated(s.suite(), s.group(), offer.hello().random(), serverRandom, s.serverScheme(),
                offer.serverName(), protocol, s.id(), true, ticket);
        hs.transcript.start(hs.crypto, s.suite().hash());
        hs.transcript.add(clientHello.encoded());
        hs.send(new ServerHello(ProtocolVersion.TLS12.code(), serverRandom, s.id(), s.suite().code(), 0, extensions));
        if (ticket) {
            hs.send(Tickets.issue(hs.config, s, protocol));
        }
        PendingKeys keys = keys(hs, n, s);
        hs.changeWriteKeys(keys.writeProtection(false));
        hs.send(new Finished(keys.schedule().verifyData(false, hs.transcript.hash())));
        return new ExpectChangeCipherSpec(new Finishing(false, n, keys, s.peerChain(), s.clientScheme(), false));
    }

    /** Client: the session we offer to the server we are about to greet, or null. */
    static ResumableSession clientFind(HandshakeConfig config) {
        byte[] key = config.clientSessionKey();
        ResumableSession s = key == null ? null : config.sessions().get(key);
        if (s != null && (s.version() != ProtocolVersion.TLS12 || !config.cipherSuites().contains(s.suite()))) {
            s.destroy();
            return null;
        }
        return s;
    }

    /**
     * Client: whether the server resumes the session we offered: it echoes a session ID that we sent, which is
     * the ID of a session we hold. Then it must have kept the session's suite (illegal_parameter otherwise).
     */
    static ResumableSession clientResumed(HandshakeConfig config, ClientHello sent, ServerHello hello) throws AlertException {
        byte[] echo = hello.legacySessionIdEcho();
        if (echo.length == 0 || !Arrays.equals(echo, sent.legacySessionId())) {
            return null;
        }
        ResumableSession s = clientFind(config);
        if (s == null || !Arrays.equals(s.id(), echo)) {
            return null;
        }
        if (s.suite().code() != hello.cipherSuite()) {
            s.destroy();
            throw AlertException.illegalParameter("the server resumes our session with another cipher suite");
        }
        return s;
    }

    /** Client: after the ServerHello of a resumption, the server's change_cipher_spec and Finished come next. */
    static State clientResume(Tls12Handshake hs, Hellos hellos, ResumableSession s) {
        Negotiated n = new Negotiated(s.suite(), s.group(), hellos.clientRandom(), hellos.serverRandom(), s.serverScheme(),
                hellos.serverName(), hellos.applicationProtocol(), s.id(), true, hellos.ticket());
        hs.transcript.keepMessages(false);
        return ClientExpectNewSessionTicket.orChangeCipherSpec(new Finishing(true, n, keys(hs, n, s), s.peerChain(), s.clientScheme(), true));
    }

    private static PendingKeys keys(Tls12Handshake hs, Negotiated n, ResumableSession s) {
        byte[] master = s.masterSecret();
        try {
            return PendingKeys.derive(hs.crypto, n.suite(),
                    Tls12KeySchedule.resumed(hs.crypto, n.suite().hash(), master, n.clientRandom(), n.serverRandom()).observedBy(hs.config.observer()));
        } finally {
            Arrays.fill(master, (byte) 0);
            s.destroy();
        }
    }

    /** After a full handshake: remember it, under its ID (server) or the server's name (client). */
    static void remember(Tls12Handshake hs, Established e) {
        Negotiated n = e.negotiated();
        byte[] key = hs.config.client() ? hs.config.clientSessionKey() : n.sessionId();
        if (n.resumed() || n.sessionId().length == 0 || key == null || hs.config.sessions() == SessionCache.NONE) {
            return;
        }
        hs.config.sessions().put(key, session(e, System.currentTimeMillis()));
    }

    /** A completed handshake as a session to resume later (the caller destroys it or hands it on). */
    static ResumableSession session(Established e, long createdMillis) {
        Negotiated n = e.negotiated();
        byte[] master = e.keys().masterSecret();
        try {
            return new ResumableSession(ProtocolVersion.TLS12, n.suite(), n.group(), n.serverScheme(), e.clientScheme(),
                    n.sessionId(), master, e.peerChain(), n.serverName(), createdMillis);
        } finally {
            Arrays.fill(master, (byte) 0);
        }
    }
}
