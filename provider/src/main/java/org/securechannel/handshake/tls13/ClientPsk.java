package org.securechannel.handshake.tls13;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.PreSharedKeyExtension;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.crypto.CryptoBackend;
import org.securechannel.handshake.PskSecrets;
import org.securechannel.handshake.Tls13KeySchedule;
import org.securechannel.handshake.TicketResumption;
import org.securechannel.session.ClientSession;
import org.securechannel.session.SessionState;

/**
 * Client: the ticket this ClientHello offers (RFC 8446 §4.2.11), one at most: the session the caller saved, or
 * the newest one the store holds for this server, which the store then no longer has (single use, §C.4). It is
 * offered only if it is a TLS 1.3 session of a suite we still enable, for the same SNI name, and not expired.
 */
final class ClientPsk {
    private final ClientSession session;

    private ClientPsk(ClientSession session) {
        this.session = session;
    }

    /** The ticket to offer, or null. */
    static ClientPsk find(Tls13Handshake hs) {
        TicketResumption r = hs.config.tickets();
        ClientSession s = r.saved() != null ? r.saved().copy()
                : r.keeps() ? r.store().take(r.peer()).orElse(null) : null;
        if (s == null) {
            return null;
        }
        SessionState state = s.state();
        String name = hs.config.serverName();
        boolean usable = state.version() == ProtocolVersion.TLS13
                && hs.config.cipherSuites().contains(state.suite())
                && !state.expiredAt(r.clock().getAsLong())
                && (state.serverName() == null ? name == null : state.serverName().equalsIgnoreCase(name));
        if (!usable) {
            s.destroy();
            return null;
        }
        return new ClientPsk(s);
    }

    CipherSuite suite() {
        return session.state().suite();
    }

    /** How many bytes of 0-RTT data the ticket allows (0: none). */
    long maxEarlyData() {
        return session.state().maxEarlyDataSize();
    }

    /** Whether a server that chose {@code suite} may resume this session with it: the hashes must agree (§4.2.11). */
    boolean fits(CipherSuite suite) {
        return suite.hash() == suite().hash();
    }

    /** The offer with a zero binder of the right length, for the ClientHello's final length. */
    PreSharedKeyExtension.OfferedPsks placeholder(long nowMillis) {
        return PreSharedKeyExtension.placeholder(
                List.of(new PreSharedKeyExtension.PskIdentity(session.ticket(), session.obfuscatedAge(nowMillis))),
                List.of(suite().hash().length()));
    }

    /** The binder over {@code truncatedTranscriptHash}, keyed from the ticket's PSK. */
    byte[] binder(CryptoBackend crypto, byte[] truncatedTranscriptHash) {
        Tls13KeySchedule keys = schedule(crypto, suite());
        byte[] binderKey = keys.binderKey(true);
        try {
            return PskSecrets.binder(crypto, suite().hash(), binderKey, truncatedTranscriptHash);
        } finally {
            Arrays.fill(binderKey, (byte) 0);
            keys.destroy();
        }
    }

    /** The key schedule of a handshake the server resumed with {@code suite}. */
    Tls13KeySchedule schedule(CryptoBackend crypto, CipherSuite suite) {
        byte[] psk = session.state().secret();
        try {
            return new Tls13KeySchedule(crypto, suite, psk);
        } finally {
            Arrays.fill(psk, (byte) 0);
        }
    }

    /** The server as the full handshake verified it. */
    VerifiedPeer server() throws org.securechannel.codec.AlertException {
        List<X509Certificate> chain;
        try {
            chain = session.state().peerCertificates();
        } catch (CertificateException e) {
            throw org.securechannel.codec.AlertException.internalError("a saved session's server chain does not parse", e);
        }
        SignatureScheme scheme = session.state().serverScheme();
        return VerifiedPeer.fromSession(chain, scheme);
    }

    void destroy() {
        session.destroy();
    }
}
