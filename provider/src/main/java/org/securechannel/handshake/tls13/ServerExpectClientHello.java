package org.securechannel.handshake.tls13;

import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.CookieExtension;
import org.securechannel.codec.Extension;
import org.securechannel.codec.KeyShareExtension;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.codec.ServerHello;
import org.securechannel.codec.SupportedVersionsExtension;
import org.securechannel.handshake.MessageOrder;
import org.securechannel.handshake.ServerGroupPreference;
import org.securechannel.handshake.Tls13KeySchedule;
import org.securechannel.record.RawHandshake;

/**
 * Server: waiting for a ClientHello, the first one or, after our HelloRetryRequest, the second, which must
 * carry exactly the key share we asked for and echo our cookie.
 */
final class ServerExpectClientHello implements State {
    /** Set after a HelloRetryRequest: what the second ClientHello must match. */
    private final CipherSuite retrySuite;
    private final NamedGroup retryGroup;
    private final byte[] retryCookie;

    ServerExpectClientHello() {
        this(null, null, null);
    }

    private ServerExpectClientHello(CipherSuite retrySuite, NamedGroup retryGroup, byte[] retryCookie) {
        this.retrySuite = retrySuite;
        this.retryGroup = retryGroup;
        this.retryCookie = retryCookie;
    }

    @Override
    public boolean acceptsChangeCipherSpec() {
        // Before the first ClientHello a change_cipher_spec is an unexpected record (RFC 8446 §5).
        return retrySuite != null;
    }

    @Override
    public MessageOrder order(boolean client) {
        return MessageOrder.TLS13_SERVER_EXPECT_CLIENT_HELLO;
    }

    @Override
    public State receive(Tls13Handshake hs, RawHandshake message) throws AlertException {
        ClientOffer offer = ClientOffer.read(hs.parsedClientHello(message));
        CipherSuite suite = offer.chooseSuite(hs.config.cipherSuites());
        hs.learned(Negotiated.suiteChosen(suite, retrySuite != null, offer.serverName()));
        if (retrySuite != null) {
            return secondHello(hs, offer, suite, message);
        }
        // Before anything is sent, HelloRetryRequest included: a name we do not serve ends it here.
        hs.config.checkServerName(offer.serverName());
        ServerGroupPreference.Choice choice = ServerGroupPreference.choose(hs.config.groups(), offer.groups(),
                code -> offer.shareFor(code) != null);
        if (choice == null) {
            throw AlertException.handshakeFailure("no key-exchange group in common with the client");
        }
        if (choice.retry()) {
            return helloRetryRequest(hs, offer, suite, choice.group(), message);
        }
        hs.transcript.start(hs.crypto, suite.hash());
        return flight(hs, offer, suite, choice.group(), offer.shareFor(choice.group().code()), message, false);
    }

    /**
     * The ClientHello joins the transcript (checking the binder of a ticket we resume on the way: a ClientHello
     * after a HelloRetryRequest carries binders over the whole transcript, RFC 8446 §4.2.11.2), then our flight.
     */
    private static State flight(Tls13Handshake hs, ClientOffer offer, CipherSuite suite, NamedGroup group,
            KeyShareExtension.KeyShareEntry share, RawHandshake message, boolean helloRetryRequest) throws AlertException {
        Optional<ServerPsk.Choice> psk = ServerPsk.choose(hs, offer, suite);
        if (psk.isEmpty()) {
            hs.transcript.add(message.encoded());
            return ServerFlight.send(hs, offer, suite, group, share, helloRetryRequest, null, null);
        }
        try {
            Tls13KeySchedule keys = ServerPsk.addClientHelloCheckingBinder(hs, message.encoded(), offer, suite, psk.get());
            return ServerFlight.send(hs, offer, suite, group, share, helloRetryRequest, psk.get(), keys);
        } finally {
            psk.get().destroy();
        }
    }

    private State helloRetryRequest(Tls13Handshake hs, ClientOffer offer, CipherSuite suite, NamedGroup group,
            RawHandshake firstHello) throws AlertException {
        hs.transcript.start(hs.crypto, suite.hash());
        hs.transcript.add(firstHello.encoded());
        hs.transcript.replaceWithMessageHash();
        // The cookie binds the retry to this connection's first ClientHello; we keep state anyway, so the
        // check is that the client echoes it unchanged.
        byte[] cookie = new byte[32];
        hs.config.random().nextBytes(cookie);
        List<Extension> extensions = List.of(
                SupportedVersionsExtension.encodeServer(ProtocolVersion.TLS13.code()),
                KeyShareExtension.encodeHelloRetryRequest(group.code()),
                CookieExtension.encode(cookie));
        hs.send(new ServerHello(ProtocolVersion.TLS12.code(), ServerHello.HELLO_RETRY_REQUEST_RANDOM,
                offer.hello().legacySessionId(), suite.code(), 0, extensions));
        if (offer.compatibilityMode()) {
            hs.sendChangeCipherSpecOnce();
        }
        if (offer.earlyData()) {
            // 0-RTT is never accepted after a HelloRetryRequest: its records, still in the clear framing, are skipped.
            hs.early.rejected();
            hs.records.skipEarlyData(ServerEarlyData.skipBudget(hs));
        }
        return new ServerExpectClientHello(suite, group, cookie);
    }

    private State secondHello(Tls13Handshake hs, ClientOffer offer, CipherSuite suite, RawHandshake message) throws AlertException {
        if (suite != retrySuite) {
            throw AlertException.illegalParameter("second ClientHello no longer offers the suite of the HelloRetryRequest");
        }
        if (offer.shares().size() != 1 || offer.shares().get(0).group() != retryGroup.code()) {
            throw AlertException.illegalParameter("second ClientHello must hold exactly the requested " + retryGroup.ianaName() + " key share");
        }
        if (offer.earlyData()) {
            // RFC 8446 §4.1.2: the second ClientHello drops early_data; early data is not permitted after a retry.
            throw AlertException.illegalParameter("second ClientHello offers early_data after a HelloRetryRequest");
        }
        if (offer.cookie() == null || !MessageDigest.isEqual(offer.cookie(), retryCookie)) {
            throw new AlertException(offer.cookie() == null ? AlertDescription.MISSING_EXTENSION : AlertDescription.ILLEGAL_PARAMETER,
                    "second ClientHello does not echo our cookie");
        }
        return flight(hs, offer, suite, retryGroup, offer.shares().get(0), message, true);
    }
}
