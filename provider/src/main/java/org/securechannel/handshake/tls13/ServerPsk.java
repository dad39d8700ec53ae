package org.securechannel.handshake.tls13;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.PreSharedKeyExtension;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.handshake.ClientAuthMode;
import org.securechannel.handshake.PskSecrets;
import org.securechannel.handshake.Tls13KeySchedule;
import org.securechannel.handshake.TicketResumption;
import org.securechannel.session.SessionState;

/**
 * Server: which of the client's offered tickets, if any, this handshake resumes (RFC 8446 §4.2.11), and the
 * binder check that proves the client holds its PSK.
 *
 * <p>Every reason a ticket cannot be used is a full handshake, never an error: not ours, a retired key, expired,
 * outside the ticket-age window, a session of TLS 1.2, a suite whose hash differs from the one we chose, another
 * SNI name than the session's, an ALPN list without the session's protocol, a session without a client certificate
 * where one is now required, or a client that allows only psk_ke when we do not accept it (psk_dhe_ke by default). Only a binder that does not verify for the ticket we chose is an error:
 * decrypt_error (§4.2.11). At most {@link #MAX_IDENTITIES_TRIED} identities are opened, so a ClientHello full of
 * garbage identities costs a bounded number of AEAD opens.
 */
final class ServerPsk {
    static final int MAX_IDENTITIES_TRIED = 4;

    /** A ticket we will resume: the index of its identity in the ClientHello and the session it holds. */
    record Choice(int index, SessionState session) {
        List<X509Certificate> peerChain() throws AlertException {
            try {
                return session.peerCertificates();
            } catch (CertificateException e) {
                // Only we seal tickets, so this is our own chain coming back broken: resume nothing.
                throw AlertException.internalError("a ticket's peer chain does not parse", e);
            }
        }

        void destroy() {
            session.destroy();
        }
    }

    private ServerPsk() {
    }

    /** The first offered ticket this handshake can resume with {@code suite}, or empty for a full handshake. */
    static Optional<Choice> choose(Tls13Handshake hs, ClientOffer offer, CipherSuite suite) {
        TicketResumption resumption = hs.config.tickets();
        boolean modeInCommon = offer.allowsPskWithKeyExchange() || resumption.policy().acceptPskOnly() && offer.allowsPskOnly();
        if (!resumption.accepts() || offer.psks() == null || !modeInCommon) {
            return Optional.empty();
        }
        long now = resumption.clock().getAsLong();
        List<PreSharedKeyExtension.PskIdentity> identities = offer.psks().identities();
        for (int i = 0; i < Math.min(identities.size(), MAX_IDENTITIES_TRIED); i++) {
            PreSharedKeyExtension.PskIdentity identity = identities.get(i);
            Optional<SessionState> opened = resumption.tickets().redeem(identity.identity(), now);
            if (opened.isEmpty()) {
                continue;
            }
            SessionState s = opened.get();
            if (usable(s, offer, suite, hs.config.clientAuth()) && resumption.ageWindow().fresh(s, identity.obfuscatedTicketAge(), now)) {
                return Optional.of(new Choice(i, s));
            }
            s.destroy();
        }
        return Optional.empty();
    }

    /**
     * A server that now requires a client certificate does not resume a session that had none (a keyset file may
     * be shared by servers configured differently), as for TLS 1.2.
     */
    private static boolean usable(SessionState s, ClientOffer offer, CipherSuite suite, ClientAuthMode clientAuth) {
        return s.version() == ProtocolVersion.TLS13
                && !(clientAuth == ClientAuthMode.REQUIRED && s.peerChain().isEmpty())
                && s.suite().hash() == suite.hash()
                && sameName(s.serverName(), offer.serverName())
                && (s.alpn() == null || offer.applicationProtocols() != null && offer.applicationProtocols().contains(s.alpn()));
    }

    private static boolean sameName(String a, String b) {
        return a == null ? b == null : a.equalsIgnoreCase(b);
    }

    /**
     * Adds the ClientHello to the transcript in two parts around the binder (everything up to the binders list,
     * then the list) and checks the chosen identity's binder in constant time. Returns the key schedule started
     * from the ticket's PSK.
     */
    static Tls13KeySchedule addClientHelloCheckingBinder(Tls13Handshake hs, byte[] clientHello, ClientOffer offer,
            CipherSuite suite, Choice choice) throws AlertException {
        int truncated = PreSharedKeyExtension.truncatedLength(clientHello, offer.psks());
        hs.transcript.add(Arrays.copyOfRange(clientHello, 0, truncated));
        byte[] truncatedHash = hs.transcript.hash();
        hs.transcript.add(Arrays.copyOfRange(clientHello, truncated, clientHello.length));
        byte[] psk = choice.session().secret();
        Tls13KeySchedule keys = new Tls13KeySchedule(hs.crypto, suite, psk);
        Arrays.fill(psk, (byte) 0);
        byte[] binderKey = keys.binderKey(true);
        try {
            if (!PskSecrets.binderMatches(hs.crypto, suite.hash(), binderKey, truncatedHash, offer.psks().binder(choice.index()))) {
                keys.destroy();
                throw new AlertException(AlertDescription.DECRYPT_ERROR, "the binder of the ticket offered does not verify");
            }
        } finally {
            Arrays.fill(binderKey, (byte) 0);
        }
        return keys;
    }
}
