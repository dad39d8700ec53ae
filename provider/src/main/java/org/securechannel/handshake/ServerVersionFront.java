package org.securechannel.handshake;

import java.util.List;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.ClientHello;
import org.securechannel.codec.Extension;
import org.securechannel.codec.ExtensionType;
import org.securechannel.codec.HandshakeType;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.codec.SupportedVersionsExtension;
import org.securechannel.codec.Tls12HelloExtensions;
import org.securechannel.handshake.tls12.Tls12Handshake;
import org.securechannel.handshake.tls13.Tls13Handshake;
import org.securechannel.record.RawHandshake;
import org.securechannel.record.RecordLayer;

/**
 * The server's version decision: the first ClientHello picks TLS 1.3 or TLS 1.2 (RFC 8446 §4.2.1, RFC 5246
 * Appendix E.1), the highest both sides enable, or protocol_version when there is none; and RFC 7507's
 * fallback signal is judged here. The choice lives here and only here.
 */
public final class ServerVersionFront extends VersionFront {
    private final HandshakeConfig config;
    private final RecordLayer records;
    private boolean decided;

    public ServerVersionFront(HandshakeConfig config, RecordLayer records) {
        super(Tls13Handshake.server(config, records));
        this.config = config;
        this.records = records;
    }

    @Override
    Handshake route(Handshake current, RawHandshake message) throws AlertException {
        if (decided || message.type() != HandshakeType.CLIENT_HELLO) {
            return current; // anything but a first ClientHello is the chosen state machine's to judge
        }
        decided = true;
        ClientHello hello = ClientHello.parse(message.body());
        if (choose(hello) == ProtocolVersion.TLS12) {
            return Tls12Handshake.server(config, records);
        }
        if (current instanceof Tls13Handshake tls13) {
            tls13.routedClientHello(message, hello); // parsed once: the TLS 1.3 state takes this parse
        }
        return current;
    }

    /** The highest version both sides enable; protocol_version when there is none. */
    private ProtocolVersion choose(ClientHello hello) throws AlertException {
        Extension versions = hello.extension(ExtensionType.SUPPORTED_VERSIONS);
        List<Integer> offered = versions != null ? SupportedVersionsExtension.parseClient(versions.data())
                : hello.legacyVersion() >= ProtocolVersion.TLS12.code() ? List.of(ProtocolVersion.TLS12.code()) : List.of();
        ProtocolVersion best = null;
        if (offered.contains(ProtocolVersion.TLS13.code()) && config.enables(ProtocolVersion.TLS13)) {
            best = ProtocolVersion.TLS13;
        } else if (offered.contains(ProtocolVersion.TLS12.code()) && config.enables(ProtocolVersion.TLS12)) {
            best = ProtocolVersion.TLS12;
        }
        if (best == null) {
            throw new AlertException(AlertDescription.PROTOCOL_VERSION, "no protocol version in common: the client offers "
                    + describe(offered) + "; we enable " + (config.enables(ProtocolVersion.TLS13) ? "TLSv1.3 " : "")
                    + (config.enables(ProtocolVersion.TLS12) ? "TLSv1.2" : ""));
        }
        // RFC 7507: a client retrying with a lower version than it supports says so; if we could do better
        // than what it now offers, someone in between made it retry.
        if (best == ProtocolVersion.TLS12 && config.enables(ProtocolVersion.TLS13)
                && hello.cipherSuites().contains(Tls12HelloExtensions.TLS_FALLBACK_SCSV)) {
            throw new AlertException(AlertDescription.INAPPROPRIATE_FALLBACK,
                    "the client signals a fallback to TLSv1.2, but TLSv1.3 is enabled here");
        }
        return best;
    }

    private static String describe(List<Integer> versions) {
        StringBuilder b = new StringBuilder();
        for (int v : versions) {
            ProtocolVersion p = ProtocolVersion.of(v);
            b.append(b.length() == 0 ? "" : ", ").append(p == null ? String.format("0x%04x", v) : p.jsseName());
        }
        return b.length() == 0 ? "nothing we know" : b.toString();
    }
}
