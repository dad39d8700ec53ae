package org.securechannel.jsse;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Why a protocol or cipher suite name that JSSE applications use is refused here: the one place that says so, for
 * setEnabledProtocols/setEnabledCipherSuites (and SSLParameters) on engines and sockets alike. A list that still
 * holds something we support keeps it and drops the rest quietly (frameworks pass SunJSSE's long lists); a list of
 * nothing but refused names is an {@link IllegalArgumentException} naming the reason, never an empty setting that
 * fails at the handshake. A name nobody knows is refused as SunJSSE refuses it ("Unsupported ...").
 */
final class RefusedNames {
    /** The shape of a registered TLS/SSL cipher suite name (IANA's, or SunJSSE's SSL_ spellings). */
    private static final Pattern SUITE_NAME = Pattern.compile("(TLS|SSL)_[A-Z0-9_]+");
    /** Signalling values, not suites (RFC 5746, RFC 7507): accepted in a list and never negotiated. */
    private static final String RENEGOTIATION_SCSV = "TLS_EMPTY_RENEGOTIATION_INFO_SCSV";
    private static final String FALLBACK_SCSV = "TLS_FALLBACK_SCSV";

    private RefusedNames() {
    }

    /** Whether the name is a signalling value that a suite list may carry. */
    static boolean signalling(String suite) {
        return RENEGOTIATION_SCSV.equals(suite) || FALLBACK_SCSV.equals(suite);
    }

    /** Why we refuse a protocol name; null when it is not a known TLS/SSL version at all. */
    static String protocol(String name) {
        switch (name) {
            case "SSLv2Hello":
                return "SSLv2Hello is an SSL 2.0-compatible ClientHello format, which TLS 1.3 and 1.2 peers need not accept"
                        + " (RFC 6176)";
            case "SSLv3":
                return "SSLv3 is prohibited (RFC 7568)";
            case "TLSv1":
            case "TLSv1.1":
                return name + " is deprecated (RFC 8996); SecureChannel speaks TLSv1.3 and TLSv1.2";
            default:
                return null;
        }
    }

    /** Why we refuse a cipher suite name of the registered shape; null when the name is not one. */
    static String suite(String name) {
        if (!SUITE_NAME.matcher(name).matches()) {
            return null;
        }
        String n = name.toUpperCase(Locale.ROOT);
        if (n.contains("_CBC_") || n.contains("_RC4_") || n.contains("_3DES_") || n.contains("_DES_") || n.contains("_NULL_")
                || n.endsWith("_NULL_SHA") || n.contains("_EXPORT")) {
            return name + " has no AEAD cipher; SecureChannel offers AES-GCM and ChaCha20-Poly1305 only (RFC 9325 §4.2)";
        }
        if (n.contains("_WITH_") && !n.startsWith("TLS_ECDHE_")) {
            return name + " has no ephemeral elliptic-curve key exchange (forward secrecy); SecureChannel's TLS 1.2 suites"
                    + " are ECDHE only (RFC 9325 §4.1)";
        }
        return name + " is not implemented by SecureChannel (it offers the AES-GCM and ChaCha20-Poly1305 suites)";
    }
}
