package org.securechannel.handshake;

import org.securechannel.codec.AlertException;
import org.securechannel.codec.ExtensionType;
import org.securechannel.codec.HandshakeType;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.codec.ServerHello;
import org.securechannel.handshake.tls12.Tls12Handshake;
import org.securechannel.handshake.tls13.Tls13Handshake;
import org.securechannel.record.RawHandshake;
import org.securechannel.record.RecordLayer;

/**
 * The client's version decision. It sends one ClientHello offering every enabled version (built by the TLS
 * 1.3 handshake, which adds what TLS 1.2 needs when it is enabled), and the server's first ServerHello decides:
 * one without supported_versions selects TLS 1.2 (RFC 8446 §4.2.1), and the TLS 1.2 handshake takes over the
 * transcript from our ClientHello. Everything else stays with TLS 1.3, including refusing a TLS 1.2 answer
 * when 1.2 is not enabled or when it comes after a HelloRetryRequest.
 */
public final class ClientVersionFront extends VersionFront {
    private final HandshakeConfig config;
    private final RecordLayer records;

    public ClientVersionFront(HandshakeConfig config, RecordLayer records) {
        super(Tls13Handshake.client(config, records));
        this.config = config;
        this.records = records;
    }

    @Override
    Handshake route(Handshake current, RawHandshake message) throws AlertException {
        if (current instanceof Tls13Handshake tls13 && message.type() == HandshakeType.SERVER_HELLO
                && config.enables(ProtocolVersion.TLS12) && tls13.awaitingFirstServerHello()
                && ServerHello.parse(message.body()).extension(ExtensionType.SUPPORTED_VERSIONS) == null) {
            if (tls13.earlyDataStatus() == org.securechannel.session.EarlyDataStatus.OFFERED) {
                // RFC 8446 Appendix D.3: 0-RTT data went out, and a TLS 1.2 server would read it as garbage.
                throw new AlertException(org.securechannel.codec.AlertDescription.PROTOCOL_VERSION,
                        "the server answered our 0-RTT ClientHello with TLS 1.2");
            }
            return Tls12Handshake.client(config, records, tls13.firstClientHello(), tls13.takeTls12Ticket());
        }
        return current;
    }
}
