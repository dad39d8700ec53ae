package org.securechannel.handshake.tls13;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.AlpnExtension;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.ClientHello;
import org.securechannel.codec.CookieExtension;
import org.securechannel.codec.Extension;
import org.securechannel.codec.ExtensionType;
import org.securechannel.codec.KeyShareExtension;
import org.securechannel.codec.PreSharedKeyExtension;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.codec.PskKeyExchangeModesExtension;
import org.securechannel.codec.ServerNameExtension;
import org.securechannel.codec.SignatureAlgorithmsExtension;
import org.securechannel.codec.SupportedGroupsExtension;
import org.securechannel.codec.SupportedVersionsExtension;

/**
 * A ClientHello as the server reads it (RFC 8446 §4.1.2, §4.2, §9.2): checked once, here, into the
 * values negotiation needs. Every rule about what a valid TLS 1.3 ClientHello must hold lives in this
 * file.
 */
record ClientOffer(ClientHello hello, List<Integer> suites, List<Integer> groups,
        List<KeyShareExtension.KeyShareEntry> shares, List<Integer> signatureSchemes, String serverName,
        List<String> applicationProtocols, byte[] cookie, List<X500Principal> certificateAuthorities,
        List<Integer> pskModes, PreSharedKeyExtension.OfferedPsks psks, List<Integer> certificateSignatureSchemes) {

    static ClientOffer read(byte[] body) throws AlertException {
        return read(ClientHello.parse(body));
    }

    static ClientOffer read(ClientHello hello) throws AlertException {
        Extension versions = hello.extension(ExtensionType.SUPPORTED_VERSIONS);
        if (versions == null || !SupportedVersionsExtension.parseClient(versions.data()).contains(ProtocolVersion.TLS13.code())) {
            throw new AlertException(AlertDescription.PROTOCOL_VERSION,
                    "client does not offer TLS 1.3, the only version enabled");
        }
        if (hello.legacyVersion() != ProtocolVersion.TLS12.code()) {
            throw new AlertException(AlertDescription.PROTOCOL_VERSION,
                    String.format("ClientHello legacy_version 0x%04x is not 0x0303", hello.legacyVersion()));
        }
        if (hello.compressionMethods().length != 1 || hello.compressionMethods()[0] != 0) {
            throw AlertException.illegalParameter("TLS 1.3 ClientHello must offer only the null compression method");
        }
        List<Extension> ext = hello.extensions();
        Extension psk = hello.extension(ExtensionType.PRE_SHARED_KEY);
        if (psk != null && ext.get(ext.size() - 1) != psk) {
            throw AlertException.illegalParameter("pre_shared_key is not the last extension");
        }
        Extension modes = hello.extension(ExtensionType.PSK_KEY_EXCHANGE_MODES);
        if (psk != null && modes == null) {
            // RFC 8446 §4.2.9: a PSK offered without its key exchange modes.
            throw new AlertException(AlertDescription.MISSING_EXTENSION, "pre_shared_key without psk_key_exchange_modes");
        }
        Extension early = hello.extension(ExtensionType.EARLY_DATA);
        if (early != null && psk == null) {
            // RFC 8446 §4.2.10: early data goes only with a PSK.
            throw AlertException.illegalParameter("early_data offered without a pre_shared_key");
        }
        if (early != null) {
            org.securechannel.codec.EarlyDataExtension.parseEmpty(early.data());
        }
        Extension sigAlgs = require(hello, ExtensionType.SIGNATURE_ALGORITHMS, "signature_algorithms");
        Extension groupsExt = require(hello, ExtensionType.SUPPORTED_GROUPS, "supported_groups");
        Extension sharesExt = require(hello, ExtensionType.KEY_SHARE, "key_share");
        List<Integer> groups = SupportedGroupsExtension.parse(groupsExt.data());
        List<KeyShareExtension.KeyShareEntry> shares = KeyShareExtension.parseClient(sharesExt.data());
        Set<Integer> offered = new HashSet<>(groups);
        for (KeyShareExtension.KeyShareEntry share : shares) {
            if (!offered.contains(share.group())) {
                throw AlertException.illegalParameter(String.format("key share for group 0x%04x not in supported_groups", share.group()));
            }
        }
        Extension sni = hello.extension(ExtensionType.SERVER_NAME);
        Extension alpn = hello.extension(ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION);
        Extension cookie = hello.extension(ExtensionType.COOKIE);
        return new ClientOffer(hello, hello.cipherSuites(), groups, shares,
                SignatureAlgorithmsExtension.parse(sigAlgs.data()),
                sni == null ? null : ServerNameExtension.parse(sni.data()),
                alpn == null ? null : AlpnExtension.parse(alpn.data()),
                cookie == null ? null : CookieExtension.parse(cookie.data()),
                CertificateAuthorities.names(hello.extension(ExtensionType.CERTIFICATE_AUTHORITIES)),
                modes == null ? List.of() : PskKeyExchangeModesExtension.parse(modes.data()),
                psk == null ? null : PreSharedKeyExtension.parseClient(psk.data()),
                certificateSchemes(hello, sigAlgs));
    }

    /**
     * The schemes the client accepts in certificate signatures (RFC 8446 §4.2.3): signature_algorithms_cert when it
     * sent one (SunJSSE 25 lists rsa_pkcs1_* only there), signature_algorithms otherwise.
     */
    private static List<Integer> certificateSchemes(ClientHello hello, Extension sigAlgs) throws AlertException {
        Extension cert = hello.extension(ExtensionType.SIGNATURE_ALGORITHMS_CERT);
        return SignatureAlgorithmsExtension.parse((cert != null ? cert : sigAlgs).data());
    }

    private static Extension require(ClientHello hello, int type, String name) throws AlertException {
        Extension e = hello.extension(type);
        if (e == null) {
            throw new AlertException(AlertDescription.MISSING_EXTENSION, "ClientHello has no " + name
                    + " extension, which a TLS 1.3 certificate handshake requires");
        }
        return e;
    }

    /** Our most preferred suite that the client offers. */
    CipherSuite chooseSuite(List<CipherSuite> ours) throws AlertException {
        for (CipherSuite s : ours) {
            if (s.version() == ProtocolVersion.TLS13 && suites.contains(s.code())) {
                return s;
            }
        }
        throw AlertException.handshakeFailure("no cipher suite in common with the client");
    }

    /** The client's share for {@code group}, or null. */
    KeyShareExtension.KeyShareEntry shareFor(int group) {
        for (KeyShareExtension.KeyShareEntry s : shares) {
            if (s.group() == group) {
                return s;
            }
        }
        return null;
    }

    /** Whether the client sends 0-RTT data after this ClientHello (RFC 8446 §4.2.10). */
    boolean earlyData() {
        return hello.extension(ExtensionType.EARLY_DATA) != null;
    }

    /** Whether the client allows resumption without (EC)DHE (psk_ke, RFC 8446 §4.2.9). */
    boolean allowsPskOnly() {
        return pskModes.contains(PskKeyExchangeModesExtension.PSK_KE);
    }

    /** Whether the client allows resumption with (EC)DHE (psk_dhe_ke). */
    boolean allowsPskWithKeyExchange() {
        return pskModes.contains(PskKeyExchangeModesExtension.PSK_DHE_KE);
    }

    /** Whether the client sent a non-empty legacy_session_id, asking for middlebox compatibility mode. */
    boolean compatibilityMode() {
        return hello.legacySessionId().length > 0;
    }
}
