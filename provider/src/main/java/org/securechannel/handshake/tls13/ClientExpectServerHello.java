package org.securechannel.handshake.tls13;

import java.util.Arrays;
import java.util.List;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.ClientHello;
import org.securechannel.codec.CookieExtension;
import org.securechannel.codec.Extension;
import org.securechannel.codec.ExtensionType;
import org.securechannel.codec.KeyShareExtension;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.PreSharedKeyExtension;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.codec.ServerHello;
import org.securechannel.codec.SupportedVersionsExtension;
import org.securechannel.crypto.KeyShare;
import org.securechannel.handshake.MessageOrder;
import org.securechannel.handshake.Tls13KeySchedule;
import org.securechannel.record.RawHandshake;

/** Client: ClientHello sent; a ServerHello or (once) a HelloRetryRequest must come. */
final class ClientExpectServerHello implements State {
    private final ClientHello sent;
    private final ClientShares shares;
    /** The suite of the HelloRetryRequest we answered; null before one. */
    private final CipherSuite retrySuite;
    /** The ticket our ClientHello offers, or null. */
    private final ClientPsk psk;
    /** When 0-RTT data went out: the key schedule begun from the ticket's PSK and suite; null otherwise. */
    private final Tls13KeySchedule earlyKeys;

    ClientExpectServerHello(ClientHello sent, ClientShares shares, CipherSuite retrySuite, ClientPsk psk,
            Tls13KeySchedule earlyKeys) {
        this.sent = sent;
        this.shares = shares;
        this.retrySuite = retrySuite;
        this.psk = psk;
        this.earlyKeys = earlyKeys;
    }

    boolean afterRetry() {
        return retrySuite != null;
    }

    @Override
    public void destroy() {
        shares.destroyAll();
        if (psk != null) {
            psk.destroy();
        }
        if (earlyKeys != null) {
            earlyKeys.destroy();
        }
    }

    @Override
    public MessageOrder order(boolean client) {
        return MessageOrder.TLS13_CLIENT_EXPECT_SERVER_HELLO;
    }

    @Override
    public State receive(Tls13Handshake hs, RawHandshake message) throws AlertException {
        ServerHello hello = ServerHello.parse(message.body());
        CipherSuite suite = checkCommonFields(hs, hello);
        if (hello.isHelloRetryRequest()) {
            return retry(hs, hello, message, suite);
        }
        return serverHello(hs, hello, message, suite);
    }

    /** Version, session id echo, suite and compression: the same rules for ServerHello and HelloRetryRequest. */
    private CipherSuite checkCommonFields(Tls13Handshake hs, ServerHello hello) throws AlertException {
        Extension versions = hello.extension(ExtensionType.SUPPORTED_VERSIONS);
        if (versions == null) {
            // The server wants TLS 1.2 or older, and the version front did not hand over to TLS 1.2: 1.2 is
            // not enabled, or this answers our second ClientHello.
            org.securechannel.handshake.DowngradeProtection.check(hs.config, hello);
            throw new AlertException(AlertDescription.PROTOCOL_VERSION, String.format(
                    "server chose version 0x%04x%s", hello.legacyVersion(),
                    afterRetry() ? " after a HelloRetryRequest" : "; only TLS 1.3 is enabled"));
        }
        int version = SupportedVersionsExtension.parseServer(versions.data());
        if (version != ProtocolVersion.TLS13.code()) {
            throw AlertException.illegalParameter(String.format("server selected version 0x%04x, which was not offered", version));
        }
        // legacy_version is deliberately not checked: with supported_versions present, RFC 8446 §4.2.1 says the
        // client MUST ignore it and use only the extension (a server sends 0x0303, but we must not depend on it).
        if (!Arrays.equals(hello.legacySessionIdEcho(), sent.legacySessionId())) {
            throw AlertException.illegalParameter("ServerHello does not echo our legacy_session_id");
        }
        CipherSuite suite = CipherSuite.of(hello.cipherSuite());
        if (suite == null || !hs.config.cipherSuites().contains(suite)) {
            throw AlertException.illegalParameter(String.format("server chose cipher suite 0x%04x, which was not offered", hello.cipherSuite()));
        }
        if (afterRetry() && suite != retrySuite) {
            throw AlertException.illegalParameter("ServerHello suite differs from the HelloRetryRequest's");
        }
        if (hello.compressionMethod() != 0) {
            throw AlertException.illegalParameter("ServerHello selects compression");
        }
        return suite;
    }

    private State serverHello(Tls13Handshake hs, ServerHello hello, RawHandshake message, CipherSuite suite) throws AlertException {
        allowOnly(hello.extensions(), psk == null ? List.of(ExtensionType.SUPPORTED_VERSIONS, ExtensionType.KEY_SHARE)
                : List.of(ExtensionType.SUPPORTED_VERSIONS, ExtensionType.KEY_SHARE, ExtensionType.PRE_SHARED_KEY), "ServerHello");
        Extension pskExt = hello.extension(ExtensionType.PRE_SHARED_KEY);
        if (pskExt != null) {
            PreSharedKeyExtension.parseServer(pskExt.data(), 1); // we offer one identity: it must be 0
            if (!psk.fits(suite)) {
                throw AlertException.illegalParameter("server resumes our ticket with " + suite.jsseName()
                        + ", whose hash is not the ticket's");
            }
        }
        Extension keyShare = hello.extension(ExtensionType.KEY_SHARE);
        boolean resumed = pskExt != null;
        NamedGroup group = null;
        byte[] shared;
        if (keyShare == null) {
            // psk_ke (RFC 8446 §4.2.9): only a resumption we allowed to go without (EC)DHE has no key share.
            if (!resumed || !hs.config.tickets().offerPskOnly()) {
                throw new AlertException(AlertDescription.MISSING_EXTENSION, "ServerHello has no key_share");
            }
            shares.destroyAll();
            shared = new byte[suite.hash().length()];
        } else {
            KeyShareExtension.KeyShareEntry entry = KeyShareExtension.parseServer(keyShare.data());
            KeyShare share = shares.forGroup(entry.group());
            if (share == null) {
                throw AlertException.illegalParameter(String.format("server key share is for group 0x%04x, not one we sent", entry.group()));
            }
            try {
                shared = share.sharedSecret(entry.keyExchange());
            } finally {
                shares.destroyAll();
            }
            group = share.group();
        }
        Negotiated negotiated = Negotiated.atServerHello(suite, group, afterRetry(), hs.config.serverName(), resumed);
        hs.transcript.start(hs.crypto, suite.hash()); // already started after a HelloRetryRequest
        hs.transcript.add(message.encoded());
        // With 0-RTT sent, the schedule begun for it goes on if the server resumes with the ticket's own suite.
        boolean earlyKeysGoOn = resumed && earlyKeys != null && suite == psk.suite();
        if (earlyKeys != null && !earlyKeysGoOn) {
            earlyKeys.destroy();
        }
        Tls13KeySchedule keys = (earlyKeysGoOn ? earlyKeys : resumed ? psk.schedule(hs.crypto, suite) : new Tls13KeySchedule(hs.crypto, suite))
                .observedBy(hs.config.observer(), sent.random());
        VerifiedPeer resumedServer = resumed ? psk.server() : null;
        if (psk != null) {
            psk.destroy(); // used or refused: a ticket is offered once
        }
        keys.deriveHandshakeSecrets(shared, hs.transcript.hash());
        Arrays.fill(shared, (byte) 0);
        hs.installReadKeys(suite, keys.serverHandshakeTrafficSecret());
        boolean earlyDataUndecided = hs.early.status() == org.securechannel.session.EarlyDataStatus.OFFERED;
        if (earlyDataUndecided && !earlyKeysGoOn) {
            hs.early.rejected(); // not resumed, or with another suite: the server skips what we sent early
            earlyDataUndecided = false;
        }
        if (!earlyDataUndecided) {
            // Our alerts from here on go out under the handshake keys, which is what the server reads. With 0-RTT
            // still undecided they stay under the early keys until EncryptedExtensions says.
            hs.installWriteKeys(suite, keys.clientHandshakeTrafficSecret());
        }
        hs.learned(negotiated);
        // What we sent decides what the server may answer: a configured name that is an IP literal was never sent.
        return new ClientExpectEncryptedExtensions(negotiated, keys, sent.extension(ExtensionType.SERVER_NAME) != null,
                resumedServer);
    }

    private State retry(Tls13Handshake hs, ServerHello retry, RawHandshake message, CipherSuite suite) throws AlertException {
        if (afterRetry()) {
            throw AlertException.unexpectedMessage("a second HelloRetryRequest");
        }
        allowOnly(retry.extensions(), List.of(ExtensionType.SUPPORTED_VERSIONS, ExtensionType.KEY_SHARE, ExtensionType.COOKIE),
                "HelloRetryRequest");
        Extension keyShare = retry.extension(ExtensionType.KEY_SHARE);
        Extension cookieExt = retry.extension(ExtensionType.COOKIE);
        ClientShares next = shares;
        if (keyShare != null) {
            int code = KeyShareExtension.parseHelloRetryRequest(keyShare.data());
            NamedGroup group = NamedGroup.of(code);
            if (group == null || !hs.config.groups().contains(group) || shares.forGroup(code) != null) {
                throw AlertException.illegalParameter(String.format(
                        "HelloRetryRequest asks for group 0x%04x, which was not offered or already has a share", code));
            }
            shares.destroyAll();
            next = ClientShares.generate(hs.crypto, List.of(group));
        } else if (cookieExt == null) {
            throw AlertException.illegalParameter("HelloRetryRequest would not change the ClientHello");
        }
        byte[] cookie = cookieExt == null ? null : CookieExtension.parse(cookieExt.data());
        hs.transcript.start(hs.crypto, suite.hash());
        hs.transcript.replaceWithMessageHash();
        hs.transcript.add(message.encoded());
        hs.learned(Negotiated.atServerHello(suite, null, true, hs.config.serverName(), false));
        return ClientHelloFlight.sendSecond(hs, sent, next, cookie, suite, psk, earlyKeys);
    }

    /** Extensions a message may carry: any other was never offered, so it is an unsupported_extension. */
    static void allowOnly(List<Extension> extensions, List<Integer> allowed, String where) throws AlertException {
        for (Extension e : extensions) {
            if (!allowed.contains(e.type())) {
                throw new AlertException(AlertDescription.UNSUPPORTED_EXTENSION,
                        where + " carries extension " + e.type() + ", which was not offered");
            }
        }
    }
}
