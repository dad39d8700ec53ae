package org.securechannel.handshake.tls12;

import java.util.List;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.AlpnExtension;
import org.securechannel.codec.ClientHello;
import org.securechannel.codec.Extension;
import org.securechannel.codec.ExtensionType;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.ServerNameExtension;
import org.securechannel.codec.SessionTicketExtension;
import org.securechannel.codec.SignatureAlgorithmsExtension;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.codec.SupportedGroupsExtension;
import org.securechannel.codec.Tls12HelloExtensions;

/**
 * A ClientHello as a TLS 1.2 server reads it: checked once, here, into what negotiation needs. Every rule
 * about what we require of a TLS 1.2 client lives in this file: the null compression method (RFC 5246
 * §7.4.1.2; nothing else, RFC 9325 §3.3), the extended master secret (RFC 7627, always), a clean renegotiation
 * indication (RFC 5746 §3.6), signature_algorithms (its absence would mean SHA-1, RFC 9325 §4.3), and
 * uncompressed EC points (RFC 8422 §5.1.2).
 *
 * @param renegotiationIndication whether the client signalled RFC 5746 support (SCSV or the extension)
 * @param pointFormats whether the client sent ec_point_formats (we then answer with ours)
 * @param sessionTicket the RFC 5077 ticket the client offers (empty: it asks for one), or null without session_ticket
 */
record ClientOffer(ClientHello hello, List<Integer> groups, List<SignatureScheme> signatureSchemes, String serverName,
        List<String> applicationProtocols, boolean renegotiationIndication, boolean pointFormats, byte[] sessionTicket) {

    static ClientOffer read(ClientHello hello) throws AlertException {
        boolean nullCompression = false;
        for (byte m : hello.compressionMethods()) {
            nullCompression |= m == 0;
        }
        if (!nullCompression) {
            throw AlertException.illegalParameter("ClientHello does not offer the null compression method");
        }
        if (!Tls12HelloExtensions.hasExtendedMasterSecret(hello.extension(ExtensionType.EXTENDED_MASTER_SECRET))) {
            throw AlertException.handshakeFailure("the client does not offer the extended master secret (RFC 7627), which TLS 1.2 here requires");
        }
        Extension ri = hello.extension(ExtensionType.RENEGOTIATION_INFO);
        if (ri != null && Tls12HelloExtensions.renegotiatedConnection(ri).length != 0) {
            throw AlertException.handshakeFailure("renegotiation_info of an initial handshake must be empty (RFC 5746 §3.6)");
        }
        boolean indication = ri != null || hello.cipherSuites().contains(Tls12HelloExtensions.TLS_EMPTY_RENEGOTIATION_INFO_SCSV);
        Extension sigAlgs = hello.extension(ExtensionType.SIGNATURE_ALGORITHMS);
        if (sigAlgs == null) {
            throw AlertException.handshakeFailure("ClientHello has no signature_algorithms: its TLS 1.2 default is SHA-1 (RFC 9325 §4.3)");
        }
        Extension formats = hello.extension(ExtensionType.EC_POINT_FORMATS);
        if (formats != null && !Tls12HelloExtensions.acceptsUncompressed(formats)) {
            throw AlertException.illegalParameter("ec_point_formats without the uncompressed format (RFC 8422 §5.1.2)");
        }
        Extension groups = hello.extension(ExtensionType.SUPPORTED_GROUPS);
        Extension sni = hello.extension(ExtensionType.SERVER_NAME);
        Extension alpn = hello.extension(ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION);
        Extension ticket = hello.extension(ExtensionType.SESSION_TICKET);
        return new ClientOffer(hello,
                // RFC 8422 §4: without supported_groups the client is assumed to take secp256r1.
                groups == null ? List.of(NamedGroup.SECP256R1.code()) : SupportedGroupsExtension.parse(groups.data()),
                SignatureScheme.known(SignatureAlgorithmsExtension.parse(sigAlgs.data())),
                sni == null ? null : ServerNameExtension.parse(sni.data()),
                alpn == null ? null : AlpnExtension.parse(alpn.data()),
                indication, formats != null, ticket == null ? null : SessionTicketExtension.parse(ticket.data()));
    }

    boolean offersSuite(int code) {
        return hello.cipherSuites().contains(code);
    }
}
