package org.securechannel.context;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.AlpnExtension;
import org.securechannel.codec.CertificateVerify;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.ClientHello;
import org.securechannel.codec.Extension;
import org.securechannel.codec.ExtensionType;
import org.securechannel.codec.HandshakeType;
import org.securechannel.codec.KeyShareExtension;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.codec.ServerHello;
import org.securechannel.codec.ServerNameExtension;
import org.securechannel.codec.SignatureAlgorithmsExtension;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.codec.SupportedGroupsExtension;
import org.securechannel.codec.SupportedVersionsExtension;

/**
 * One line that says what a handshake message is, for the debug log: the hellos with their negotiating fields
 * (versions, suites, groups, key share groups, signature schemes, server name, ALPN, extension types), the
 * CertificateVerify's scheme, every other message by type and length. Deliberately never a value that is
 * secret or keyed: no key share, no Finished verify_data, no ticket, no signature.
 */
final class HandshakeMessageText {
    private HandshakeMessageText() {
    }

    static String describe(boolean sent, byte[] encoded) {
        if (encoded.length < 4) {
            return (sent ? "sent" : "received") + " a truncated handshake message";
        }
        HandshakeType type = HandshakeType.of(encoded[0] & 0xFF);
        int length = encoded.length - 4;
        String head = (sent ? "sent " : "received ") + (type == null ? "handshake type " + (encoded[0] & 0xFF) : type.name())
                + " (" + length + " bytes)";
        byte[] body = java.util.Arrays.copyOfRange(encoded, 4, encoded.length);
        try {
            if (type == HandshakeType.CLIENT_HELLO) {
                return head + clientHello(ClientHello.parse(body));
            }
            if (type == HandshakeType.SERVER_HELLO) {
                return head + serverHello(ServerHello.parse(body));
            }
            if (type == HandshakeType.CERTIFICATE_VERIFY) {
                return head + " scheme=" + name(CertificateVerify.parse(body).signatureScheme(), HandshakeMessageText::scheme);
            }
            return head;
        } catch (AlertException | RuntimeException e) {
            return head + " (undecodable: " + e.getMessage() + ")";
        }
    }

    private static String clientHello(ClientHello h) throws AlertException {
        StringBuilder s = new StringBuilder();
        s.append(" legacy_version=").append(version(h.legacyVersion()));
        s.append(" cipher_suites=").append(names(h.cipherSuites(), CipherSuite::of));
        Extension e;
        if ((e = h.extension(ExtensionType.SUPPORTED_VERSIONS)) != null) {
            s.append(" supported_versions=").append(versions(SupportedVersionsExtension.parseClient(e.data())));
        }
        if ((e = h.extension(ExtensionType.SERVER_NAME)) != null) {
            s.append(" server_name=").append(ServerNameExtension.parse(e.data()));
        }
        if ((e = h.extension(ExtensionType.SUPPORTED_GROUPS)) != null) {
            s.append(" supported_groups=").append(names(SupportedGroupsExtension.parse(e.data()), HandshakeMessageText::group));
        }
        if ((e = h.extension(ExtensionType.KEY_SHARE)) != null) {
            List<Integer> groups = new ArrayList<>();
            for (KeyShareExtension.KeyShareEntry share : KeyShareExtension.parseClient(e.data())) {
                groups.add(share.group());
            }
            s.append(" key_share=").append(names(groups, HandshakeMessageText::group));
        }
        if ((e = h.extension(ExtensionType.SIGNATURE_ALGORITHMS)) != null) {
            s.append(" signature_algorithms=").append(names(SignatureAlgorithmsExtension.parse(e.data()), HandshakeMessageText::scheme));
        }
        if ((e = h.extension(ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION)) != null) {
            s.append(" alpn=").append(AlpnExtension.parse(e.data()));
        }
        return s.append(" extensions=").append(extensionTypes(h.extensions())).toString();
    }

    private static String serverHello(ServerHello h) throws AlertException {
        StringBuilder s = new StringBuilder(h.isHelloRetryRequest() ? " HelloRetryRequest" : "");
        s.append(" cipher_suite=").append(name(h.cipherSuite(), CipherSuite::of));
        Extension e;
        if ((e = h.extension(ExtensionType.SUPPORTED_VERSIONS)) != null) {
            s.append(" selected_version=").append(version(SupportedVersionsExtension.parseServer(e.data())));
        } else {
            s.append(" version=").append(version(h.legacyVersion()));
        }
        if ((e = h.extension(ExtensionType.KEY_SHARE)) != null) {
            int group = h.isHelloRetryRequest() ? KeyShareExtension.parseHelloRetryRequest(e.data())
                    : KeyShareExtension.parseServer(e.data()).group();
            s.append(" key_share=").append(name(group, HandshakeMessageText::group));
        }
        return s.append(" extensions=").append(extensionTypes(h.extensions())).toString();
    }

    private static String version(int code) {
        ProtocolVersion v = ProtocolVersion.of(code);
        return v == null ? String.format("0x%04x", code) : v.jsseName();
    }

    private static List<String> versions(List<Integer> codes) {
        List<String> out = new ArrayList<>(codes.size());
        for (int c : codes) {
            out.add(version(c));
        }
        return out;
    }

    private static List<Integer> extensionTypes(List<Extension> extensions) {
        List<Integer> out = new ArrayList<>(extensions.size());
        for (Extension x : extensions) {
            out.add(x.type());
        }
        return out;
    }

    private static List<String> names(List<Integer> codes, IntFunction<?> lookup) {
        List<String> out = new ArrayList<>(codes.size());
        for (int c : codes) {
            out.add(name(c, lookup));
        }
        return out;
    }

    private static String group(int code) {
        NamedGroup g = NamedGroup.of(code);
        return g == null ? null : g.ianaName();
    }

    private static String scheme(int code) {
        SignatureScheme s = SignatureScheme.of(code);
        return s == null ? null : s.ianaName();
    }

    /** The name IANA gives (TLS_AES_128_GCM_SHA256, x25519, ecdsa_secp256r1_sha256), or hex when unknown to us. */
    private static String name(int code, IntFunction<?> lookup) {
        Object known = lookup.apply(code);
        return known == null ? String.format("0x%04x", code) : known.toString();
    }
}
