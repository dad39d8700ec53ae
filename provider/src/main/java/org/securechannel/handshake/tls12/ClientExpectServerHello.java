package org.securechannel.handshake.tls12;

import java.util.List;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.AlpnExtension;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.ClientHello;
import org.securechannel.codec.Extension;
import org.securechannel.codec.ExtensionType;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.codec.ServerHello;
import org.securechannel.codec.ServerNameExtension;
import org.securechannel.codec.Tls12HelloExtensions;
import org.securechannel.handshake.DowngradeProtection;
import org.securechannel.handshake.ResumableSession;
import org.securechannel.record.RawHandshake;
import org.securechannel.session.ClientSession;

/**
 * Client: the server answered our ClientHello in TLS 1.2. Every rule we put on a TLS 1.2 ServerHello lives
 * here: no downgrade sentinel when we offered 1.3 (RFC 8446 §4.1.3), version 0x0303, a TLS 1.2 suite we
 * offered, null compression, the extended master secret echoed (RFC 7627 §5.2), an empty renegotiation_info
 * (RFC 5746 §3.4), only extensions we sent (RFC 5246 §7.4.1.4), and one ALPN protocol of ours. A resumption of the
 * ticket we offered ({@link Tickets}) is tried before one of a cached session ID ({@link Resumption}).
 */
final class ClientExpectServerHello implements State {
    private static final List<Integer> ANSWERABLE = List.of(ExtensionType.SERVER_NAME, ExtensionType.EXTENDED_MASTER_SECRET,
            ExtensionType.RENEGOTIATION_INFO, ExtensionType.EC_POINT_FORMATS, ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION,
            ExtensionType.SESSION_TICKET);
    private final ClientHello sent;
    /** The TLS 1.2 session whose ticket {@link #sent} offers, or null. */
    private final ClientSession offered;

    ClientExpectServerHello(ClientHello sent, ClientSession offered) {
        this.sent = sent;
        this.offered = offered;
    }

    @Override
    public org.securechannel.handshake.MessageOrder order(boolean client) {
        return org.securechannel.handshake.MessageOrder.TLS12_CLIENT_EXPECT_SERVER_HELLO;
    }

    @Override
    public State receive(Tls12Handshake hs, RawHandshake message) throws AlertException {
        ServerHello hello = ServerHello.parse(message.body());
        DowngradeProtection.check(hs.config, hello);
        if (hello.legacyVersion() != ProtocolVersion.TLS12.code()) {
            throw new AlertException(AlertDescription.PROTOCOL_VERSION, String.format(
                    "server chose version 0x%04x; we offer TLS 1.2 at the lowest", hello.legacyVersion()));
        }
        CipherSuite suite = CipherSuite.of(hello.cipherSuite());
        if (suite == null || suite.version() != ProtocolVersion.TLS12 || !hs.config.cipherSuites().contains(suite)) {
            throw AlertException.illegalParameter(String.format("server chose cipher suite 0x%04x, which we did not offer for TLS 1.2",
                    hello.cipherSuite()));
        }
        if (hello.compressionMethod() != 0) {
            throw AlertException.illegalParameter("ServerHello selects compression");
        }
        for (Extension e : hello.extensions()) {
            if (!ANSWERABLE.contains(e.type()) || sent.extension(e.type()) == null) {
                throw new AlertException(AlertDescription.UNSUPPORTED_EXTENSION, "ServerHello carries extension " + e.type()
                        + ", which we did not send");
            }
        }
        if (!Tls12HelloExtensions.hasExtendedMasterSecret(hello.extension(ExtensionType.EXTENDED_MASTER_SECRET))) {
            throw AlertException.handshakeFailure("the server does not use the extended master secret (RFC 7627), which we require");
        }
        Extension ri = hello.extension(ExtensionType.RENEGOTIATION_INFO);
        if (ri != null && Tls12HelloExtensions.renegotiatedConnection(ri).length != 0) {
            throw AlertException.handshakeFailure("renegotiation_info of an initial handshake must be empty (RFC 5746 §3.4)");
        }
        Extension sni = hello.extension(ExtensionType.SERVER_NAME);
        if (sni != null && !ServerNameExtension.isEmptyAck(sni.data())) {
            throw AlertException.decodeError("a server's server_name extension must be empty");
        }
        Extension alpn = hello.extension(ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION);
        String protocol = alpn == null ? null : AlpnExtension.parseSingle(alpn.data());
        if (protocol != null && !hs.config.applicationProtocols().contains(protocol)) {
            throw AlertException.illegalParameter("server chose application protocol '" + protocol + "', which we did not offer");
        }
        Extension sentName = sent.extension(ExtensionType.SERVER_NAME);
        boolean ticket = Tickets.clientPromised(hello);
        ResumableSession resumed;
        try {
            resumed = Tickets.clientResumed(sent, hello, offered);
            if (resumed != null && !ticket) {
                Tickets.keepForReuse(hs.config, offered);
            }
        } finally {
            destroy();
        }
        if (resumed == null) {
            resumed = Resumption.clientResumed(hs.config, sent, hello);
        }
        hs.transcript.start(hs.crypto, suite.hash());
        hs.transcript.add(message.encoded());
        Hellos hellos = new Hellos(suite, sent.random(), hello.random(),
                sentName == null ? null : ServerNameExtension.parse(sentName.data()), protocol, hello.legacySessionIdEcho(), ticket);
        return resumed != null ? Resumption.clientResume(hs, hellos, resumed) : new ClientExpectCertificate(hellos);
    }

    @Override
    public void destroy() {
        if (offered != null) {
            offered.destroy();
        }
    }
}
