package org.securechannel.handshake.tls13;

import java.util.Set;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.AlpnExtension;
import org.securechannel.codec.EarlyDataExtension;
import org.securechannel.codec.EncryptedExtensions;
import org.securechannel.codec.Extension;
import org.securechannel.codec.ExtensionType;
import org.securechannel.codec.ServerNameExtension;
import org.securechannel.handshake.MessageOrder;
import org.securechannel.handshake.Tls13KeySchedule;
import org.securechannel.record.RawHandshake;

/** Client: handshake keys installed; EncryptedExtensions must come. */
final class ClientExpectEncryptedExtensions implements State {
    /** Extensions RFC 8446 §4.2 forbids in EncryptedExtensions: receiving one is an illegal_parameter. */
    private static final Set<Integer> FORBIDDEN = Set.of(ExtensionType.SUPPORTED_VERSIONS, ExtensionType.KEY_SHARE,
            ExtensionType.PRE_SHARED_KEY, ExtensionType.SIGNATURE_ALGORITHMS, ExtensionType.SIGNATURE_ALGORITHMS_CERT,
            ExtensionType.COOKIE, ExtensionType.PSK_KEY_EXCHANGE_MODES, ExtensionType.CERTIFICATE_AUTHORITIES,
            ExtensionType.OID_FILTERS, ExtensionType.POST_HANDSHAKE_AUTH, ExtensionType.STATUS_REQUEST,
            ExtensionType.SIGNED_CERTIFICATE_TIMESTAMP, ExtensionType.PADDING);

    /** Whether our ClientHello carried server_name: only then may the server acknowledge it (RFC 8446 §4.2). */
    private final boolean sentServerName;
    private final Negotiated negotiated;
    private final Tls13KeySchedule keys;
    /** When the server resumed our ticket: the server as the full handshake verified it; null otherwise. */
    private final VerifiedPeer resumedServer;

    ClientExpectEncryptedExtensions(Negotiated negotiated, Tls13KeySchedule keys, boolean sentServerName,
            VerifiedPeer resumedServer) {
        this.negotiated = negotiated;
        this.keys = keys;
        this.sentServerName = sentServerName;
        this.resumedServer = resumedServer;
    }

    @Override
    public void destroy() {
        keys.destroy();
    }

    @Override
    public MessageOrder order(boolean client) {
        return MessageOrder.TLS13_CLIENT_EXPECT_ENCRYPTED_EXTENSIONS;
    }

    @Override
    public State receive(Tls13Handshake hs, RawHandshake message) throws AlertException {
        EncryptedExtensions ee = EncryptedExtensions.parse(message.body());
        String protocol = null;
        boolean earlyDataAccepted = false;
        for (Extension e : ee.extensions()) {
            if (FORBIDDEN.contains(e.type())) {
                throw AlertException.illegalParameter("EncryptedExtensions carries extension " + e.type() + ", which it must not");
            }
            switch (e.type()) {
                case ExtensionType.SERVER_NAME -> {
                    // RFC 8446 §4.2: an extension in a response that the ClientHello did not carry is
                    // unsupported_extension, even the empty acknowledgement; a configured name is not enough
                    // (an IP address is configured but never sent, RFC 6066 §3).
                    if (!sentServerName) {
                        throw new AlertException(AlertDescription.UNSUPPORTED_EXTENSION,
                                "server_name in EncryptedExtensions, but our ClientHello sent none");
                    }
                    if (!ServerNameExtension.isEmptyAck(e.data())) {
                        throw new AlertException(AlertDescription.UNSUPPORTED_EXTENSION, "unexpected server_name in EncryptedExtensions");
                    }
                }
                case ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION -> {
                    if (hs.config.applicationProtocols().isEmpty()) {
                        throw new AlertException(AlertDescription.UNSUPPORTED_EXTENSION, "server answered ALPN, which was not offered");
                    }
                    String chosen = AlpnExtension.parseSingle(e.data());
                    if (!hs.config.applicationProtocols().contains(chosen)) {
                        throw AlertException.illegalParameter("server chose ALPN protocol '" + chosen + "', which was not offered");
                    }
                    protocol = chosen;
                }
                case ExtensionType.EARLY_DATA -> {
                    // RFC 8446 §4.2.10: the server accepted our 0-RTT data; only a resumption of our first ticket can.
                    org.securechannel.session.EarlyDataStatus early = hs.early.status();
                    if (early == org.securechannel.session.EarlyDataStatus.REJECTED) {
                        throw AlertException.illegalParameter("EncryptedExtensions accepts our early data, but the server"
                                + " did not resume our ticket with its own suite");
                    }
                    if (early != org.securechannel.session.EarlyDataStatus.OFFERED) {
                        throw new AlertException(AlertDescription.UNSUPPORTED_EXTENSION,
                                "EncryptedExtensions accepts early data, which we did not send");
                    }
                    EarlyDataExtension.parseEmpty(e.data());
                    earlyDataAccepted = true;
                }
                case ExtensionType.SUPPORTED_GROUPS -> {
                    // The server's own preferences, for future connections; RFC 8446 §4.2.7 allows it here.
                }
                default -> throw new AlertException(AlertDescription.UNSUPPORTED_EXTENSION,
                        "EncryptedExtensions carries extension " + e.type() + ", which was not offered");
            }
        }
        hs.transcript.add(message.encoded());
        Negotiated decided = negotiated.withApplicationProtocol(protocol);
        hs.learned(decided);
        if (hs.early.status() == org.securechannel.session.EarlyDataStatus.OFFERED) {
            if (earlyDataAccepted) {
                hs.early.accepted(keys); // EndOfEarlyData goes under the early keys before our Finished
            } else {
                hs.early.rejected();
                hs.installWriteKeys(decided.suite(), keys.clientHandshakeTrafficSecret());
            }
        }
        if (resumedServer != null) {
            // Authenticated by the PSK: no certificates, the server's Finished comes next (RFC 8446 §2.2).
            return new ClientExpectFinished(decided, keys, resumedServer, null, earlyDataAccepted);
        }
        return new ClientExpectCertificateOrRequest(decided, keys);
    }
}
