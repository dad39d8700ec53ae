package org.securechannel.handshake;

import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.ClientHello;
import org.securechannel.codec.Extension;
import org.securechannel.codec.ExtensionType;
import org.securechannel.codec.HandshakeType;
import org.securechannel.codec.NewSessionTicket;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.codec.SupportedVersionsExtension;
import org.securechannel.codec.Tls12HelloExtensions;
import org.securechannel.handshake.tls12.Tls12Handshake;
import org.securechannel.handshake.tls13.Tls13Handshake;
import org.securechannel.record.RawHandshake;
import org.securechannel.record.RecordLayer;

/**
 * The server before it knows the version: it reads the first ClientHello, picks TLS 1.3 or TLS 1.2 (RFC 8446
 * §4.2.1, RFC 5246 Appendix E.1), and from then on is that version's handshake. The choice, and the
 * version rules that come before either state machine (RFC 7507's fallback signal), live here and only here.
 */
public final class ServerVersionFront implements Handshake {
    private final HandshakeConfig config;
    private final RecordLayer records;
    private Handshake chosen;

    public ServerVersionFront(HandshakeConfig config, RecordLayer records) {
        this.config = config;
        this.records = records;
    }

    @Override
    public void start() {
        // a server waits for the ClientHello
    }

    @Override
    public void receive(RawHandshake message) throws AlertException {
        if (chosen == null) {
            if (message.type() != HandshakeType.CLIENT_HELLO) {
                throw AlertException.unexpectedMessage(message.type() + " before the ClientHello");
            }
            ProtocolVersion version = choose(ClientHello.parse(message.body()));
            Handshake h = version == ProtocolVersion.TLS13 ? Tls13Handshake.server(config, records)
                    : Tls12Handshake.server(config, records);
            chosen = h;
        }
        chosen.receive(message);
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
                    + describe(offered) + ", we enable " + (config.enables(ProtocolVersion.TLS13) ? "TLSv1.3 " : "")
                    + (config.enables(ProtocolVersion.TLS12) ? "TLSv1.2" : ""));
        }
        // RFC 7507: a client retrying with a lower version than it supports says so; if we could do better
        // than what it now offers, someone in between made it retry.
        if (hello.cipherSuites().contains(Tls12HelloExtensions.TLS_FALLBACK_SCSV) && best == ProtocolVersion.TLS12
                && config.enables(ProtocolVersion.TLS13)) {
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

    @Override
    public boolean acceptsChangeCipherSpec() {
        return chosen != null && chosen.acceptsChangeCipherSpec();
    }

    @Override
    public void receiveChangeCipherSpec() throws AlertException {
        chosen.receiveChangeCipherSpec();
    }

    @Override
    public boolean isComplete() {
        return chosen != null && chosen.isComplete();
    }

    @Override
    public boolean awaitingCredentials() {
        return chosen != null && chosen.awaitingCredentials();
    }

    @Override
    public List<X500Principal> acceptableIssuers() {
        return chosen == null ? List.of() : chosen.acceptableIssuers();
    }

    @Override
    public void resumeWithCredentials(CertificateSelector selector) throws AlertException {
        if (chosen == null) {
            throw AlertException.internalError("no handshake is waiting for credentials", null);
        }
        chosen.resumeWithCredentials(selector);
    }

    @Override
    public void sendKeyUpdate(boolean requestPeerUpdate) throws AlertException {
        if (chosen == null) {
            throw AlertException.internalError("KeyUpdate before the handshake completed", null);
        }
        chosen.sendKeyUpdate(requestPeerUpdate);
    }

    @Override
    public boolean applicationProtocolDecided() {
        return chosen != null && chosen.applicationProtocolDecided();
    }

    @Override
    public HandshakeSummary summary() {
        return chosen == null ? new HandshakeSummary(null, null, null, null, null, false, List.of(), null, null) : chosen.summary();
    }

    @Override
    public byte[] exportKeyingMaterial(String label, byte[] context, int length) throws AlertException {
        if (chosen == null) {
            throw AlertException.internalError("keying material is exported only after the handshake", null);
        }
        return chosen.exportKeyingMaterial(label, context, length);
    }

    @Override
    public int ticketsReceived() {
        return chosen == null ? 0 : chosen.ticketsReceived();
    }

    @Override
    public List<NewSessionTicket> tickets() {
        return chosen == null ? List.of() : chosen.tickets();
    }

    @Override
    public void destroy() {
        if (chosen != null) {
            chosen.destroy();
        }
    }
}
