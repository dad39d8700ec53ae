package org.securechannel.handshake.tls13;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.AlpnExtension;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.ClientHello;
import org.securechannel.codec.ContentType;
import org.securechannel.codec.CookieExtension;
import org.securechannel.codec.EarlyDataExtension;
import org.securechannel.codec.Extension;
import org.securechannel.codec.ExtensionType;
import org.securechannel.codec.HandshakeHeader;
import org.securechannel.codec.KeyShareExtension;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.PreSharedKeyExtension;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.codec.PskKeyExchangeModesExtension;
import org.securechannel.codec.ServerNameExtension;
import org.securechannel.codec.SignatureAlgorithmsExtension;
import org.securechannel.codec.SupportedGroupsExtension;
import org.securechannel.codec.SupportedVersionsExtension;
import org.securechannel.codec.Tls12HelloExtensions;
import org.securechannel.crypto.TranscriptHash;
import org.securechannel.handshake.Tls13KeySchedule;
import org.securechannel.record.RecordLimits;
import org.securechannel.handshake.tls12.Tls12Handshake;

/** Building and sending the client's ClientHello, first and (after a HelloRetryRequest) second. */
final class ClientHelloFlight {
    private ClientHelloFlight() {
    }

    /** The first ClientHello: key shares as ClientShares picks them (two when we prefer a hybrid). */
    static State sendFirst(Tls13Handshake hs) throws AlertException {
        byte[] random = new byte[32];
        hs.config.random().nextBytes(random);
        // A TLS 1.2 session we may resume goes in session_id; otherwise 32 random bytes put a TLS 1.3 server into
        // middlebox-compatibility mode (RFC 8446 Appendix D.4), which a 1.2 session ID does just as well.
        // A TLS 1.2 ticket is taken before ClientPsk looks in the same store (it would drop a TLS 1.2 session); with a
        // ticket the session ID is fresh (RFC 5077 §3.4), never a cached session's.
        org.securechannel.session.ClientSession ticket12 = hs.config.enables(ProtocolVersion.TLS12)
                ? Tls12Handshake.ticketToOffer(hs.config) : null;
        hs.tls12Ticket(ticket12);
        byte[] resume = hs.config.enables(ProtocolVersion.TLS12) && ticket12 == null ? Tls12Handshake.sessionIdToOffer(hs.config) : null;
        byte[] sessionId = resume != null ? resume : new byte[32];
        if (resume == null) {
            hs.config.random().nextBytes(sessionId);
        }
        // A client that enables only TLS 1.2 sends no key shares: a 1.2 server never reads them, and an ML-KEM key
        // pair is the most expensive part of a ClientHello.
        boolean tls13 = hs.config.enables(ProtocolVersion.TLS13);
        ClientShares shares = tls13 ? ClientShares.forFirstHello(hs.crypto, hs.config.groups())
                : ClientShares.generate(hs.crypto, List.of());
        ClientPsk psk = tls13 ? ClientPsk.find(hs) : null;
        PreSharedKeyExtension.OfferedPsks offer = psk == null ? null : psk.placeholder(hs.config.tickets().clock().getAsLong());
        byte[] earlyData = hs.early.pending();
        boolean sendEarly = earlyData != null && psk != null && earlyData.length > 0 && earlyData.length <= psk.maxEarlyData();
        if (!sendEarly) {
            hs.early.notSent();
        }
        ClientHello built = new ClientHello(ProtocolVersion.TLS12.code(), random, sessionId, suiteCodes(hs),
                new byte[] {0}, extensions(hs, shares, null, offer, sendEarly));
        byte[] sent = send(hs, built, psk, offer);
        ClientHello hello = asSent(built, sent, psk);
        hs.firstClientHelloSent(hello);
        Tls13KeySchedule earlyKeys = sendEarly ? sendEarlyData(hs, psk, sent, hello.random(), earlyData) : null;
        return new ClientExpectServerHello(hello, shares, null, psk, earlyKeys);
    }

    /**
     * 0-RTT (RFC 8446 §2.3): right after the ClientHello, the compatibility change_cipher_spec (Appendix D.4 puts it
     * here when early data follows), then the data under client_early_traffic_secret, keyed from the ticket's PSK
     * and suite over the whole ClientHello. Returns the key schedule begun, which the handshake goes on with if the
     * server resumes with the ticket's suite.
     */
    private static Tls13KeySchedule sendEarlyData(Tls13Handshake hs, ClientPsk psk, byte[] clientHello, byte[] clientRandom,
            byte[] data) {
        CipherSuite suite = psk.suite();
        Tls13KeySchedule keys = psk.schedule(hs.crypto, suite).observedBy(hs.config.observer(), clientRandom);
        TranscriptHash hash = hs.crypto.newTranscriptHash(suite.hash());
        hash.update(clientHello, 0, clientHello.length);
        byte[] traffic = keys.deriveEarlySecrets(hash.current());
        hs.sendChangeCipherSpecOnce();
        hs.installWriteKeys(suite, traffic);
        for (int at = 0; at < data.length; at += RecordLimits.MAX_PLAINTEXT) {
            hs.records.send(ContentType.APPLICATION_DATA,
                    Arrays.copyOfRange(data, at, Math.min(data.length, at + RecordLimits.MAX_PLAINTEXT)));
        }
        hs.early.sent(keys);
        return keys;
    }

    /**
     * The second ClientHello: the first with the requested key share and the server's cookie; the suite of the
     * HelloRetryRequest is the one the ServerHello must then choose.
     */
    static State sendSecond(Tls13Handshake hs, ClientHello first, ClientShares shares, byte[] cookie, CipherSuite retrySuite,
            ClientPsk psk, Tls13KeySchedule earlyKeys) throws AlertException {
        if (earlyKeys != null) {
            // RFC 8446 §4.1.2: no early data after a HelloRetryRequest; the second ClientHello goes in the clear.
            earlyKeys.destroy();
            hs.early.rejected();
            hs.records.setWriteProtection(null);
        }
        if (psk != null && !psk.fits(retrySuite)) {
            // The server's suite cannot resume this session; the second ClientHello offers it no more.
            psk.destroy();
            psk = null;
        }
        PreSharedKeyExtension.OfferedPsks offer = psk == null ? null : psk.placeholder(hs.config.tickets().clock().getAsLong());
        hs.sendChangeCipherSpecOnce();
        ClientHello built = new ClientHello(first.legacyVersion(), first.random(), first.legacySessionId(),
                first.cipherSuites(), first.compressionMethods(), extensions(hs, shares, cookie, offer, false));
        byte[] sent = send(hs, built, psk, offer);
        ClientHello hello = asSent(built, sent, psk);
        return new ClientExpectServerHello(hello, shares, retrySuite, psk, null);
    }

    /**
     * The ClientHello as it went out: the one built, unless a ticket's binders were filled in after encoding (then
     * the sent bytes are parsed back). Parsing back a hello without binders gave an equal value at the cost of a
     * copy and a parse of the largest message a client sends (~1.5 KB with a hybrid key share).
     */
    private static ClientHello asSent(ClientHello built, byte[] sent, ClientPsk psk) throws AlertException {
        return psk == null ? built : ClientHello.parse(Arrays.copyOfRange(sent, HandshakeHeader.LENGTH, sent.length));
    }

    /**
     * Sends {@code hello}; one offering a ticket ({@code offer} holds a zero binder) gets its binder first, computed
     * over the transcript up to the binders list (RFC 8446 §4.2.11.2): the first ClientHello alone, hashed with the
     * ticket's hash; a second one after everything before it. Returns the ClientHello as sent, encoded.
     */
    private static byte[] send(Tls13Handshake hs, ClientHello hello, ClientPsk psk,
            PreSharedKeyExtension.OfferedPsks offer) throws AlertException {
        if (psk == null) {
            byte[] encoded = hello.encode();
            hs.sendEncoded(encoded);
            return encoded;
        }
        byte[] encoded = hello.encode();
        int truncated = PreSharedKeyExtension.truncatedLength(encoded, offer);
        byte[] truncatedHash;
        boolean afterRetry = hs.transcript.started();
        if (afterRetry) {
            hs.transcript.add(Arrays.copyOfRange(encoded, 0, truncated));
            truncatedHash = hs.transcript.hash();
        } else {
            TranscriptHash first = hs.crypto.newTranscriptHash(psk.suite().hash());
            first.update(encoded, 0, truncated);
            truncatedHash = first.current();
        }
        byte[] sent = PreSharedKeyExtension.fillBinders(encoded, List.of(psk.binder(hs.crypto, truncatedHash)));
        hs.transcript.add(afterRetry ? Arrays.copyOfRange(sent, truncated, sent.length) : sent);
        hs.config.observer().messageSent(sent);
        hs.records.send(ContentType.HANDSHAKE, sent);
        return sent;
    }

    private static List<Integer> suiteCodes(Tls13Handshake hs) {
        List<Integer> codes = new ArrayList<>();
        for (CipherSuite s : hs.config.cipherSuites()) {
            codes.add(s.code());
        }
        return codes;
    }

    private static List<Extension> extensions(Tls13Handshake hs, ClientShares shares, byte[] cookie,
            PreSharedKeyExtension.OfferedPsks offer, boolean earlyData) {
        List<Extension> ext = new ArrayList<>();
        String host = hs.config.serverName();
        if (host != null && ServerNames.isDnsName(host)) {
            // RFC 6066 §3: literal IP addresses are not sent as SNI.
            ext.add(ServerNameExtension.encode(ServerNames.withoutTrailingDot(host)));
        }
        boolean tls12 = hs.config.enables(ProtocolVersion.TLS12);
        List<Integer> versions = new ArrayList<>(2);
        if (hs.config.enables(ProtocolVersion.TLS13)) {
            versions.add(ProtocolVersion.TLS13.code());
        }
        if (tls12) {
            versions.add(ProtocolVersion.TLS12.code());
        }
        ext.add(SupportedVersionsExtension.encodeClient(versions));
        if (tls12) {
            // What a TLS 1.2 server needs from the same hello (RFC 7627, 5746, 8422); a TLS 1.3 server ignores them.
            ext.add(Tls12HelloExtensions.extendedMasterSecret());
            ext.add(Tls12HelloExtensions.emptyRenegotiationInfo());
            ext.add(Tls12HelloExtensions.uncompressedPointsOnly());
            Extension ticket = Tls12Handshake.sessionTicketExtension(hs.config, hs.tls12Ticket());
            if (ticket != null) {
                ext.add(ticket);
            }
        }
        List<Integer> groups = new ArrayList<>();
        for (NamedGroup g : hs.config.groups()) {
            groups.add(g.code());
        }
        ext.add(SupportedGroupsExtension.encode(groups));
        ext.add(SignatureAlgorithmsExtension.encode(ExtensionType.SIGNATURE_ALGORITHMS, Schemes.codes(hs.config.signatureSchemes())));
        if (hs.config.enables(ProtocolVersion.TLS13)) {
            ext.add(KeyShareExtension.encodeClient(shares.entries()));
        }
        if (!hs.config.applicationProtocols().isEmpty()) {
            ext.add(AlpnExtension.encode(hs.config.applicationProtocols()));
        }
        // psk_dhe_ke: servers only issue tickets to clients that can use them (kept for resumption); psk_ke too
        // when configured.
        ext.add(PskKeyExchangeModesExtension.encode(hs.config.tickets().offerPskOnly()
                ? List.of(PskKeyExchangeModesExtension.PSK_DHE_KE, PskKeyExchangeModesExtension.PSK_KE)
                : List.of(PskKeyExchangeModesExtension.PSK_DHE_KE)));
        if (cookie != null) {
            ext.add(CookieExtension.encode(cookie));
        }
        if (earlyData) {
            ext.add(EarlyDataExtension.encodeEmpty());
        }
        if (offer != null) {
            ext.add(PreSharedKeyExtension.encodeClient(offer)); // last, RFC 8446 §4.2.11
        }
        return ext;
    }
}
