package org.securechannel.perf;

/**
 * The provider/variant combinations that cannot run, with the reason; RESULTS.md reports them as n/a and
 * the smoke test expects exactly these to be missing. Everything else must negotiate what it claims.
 */
public final class Applicability {
    private Applicability() {
    }

    /** Null when the combination runs; otherwise why not. */
    public static String reason(String provider, Handshakes.Variant variant, String suite) {
        if (variant == Handshakes.Variant.ED25519_X25519) {
            if (Providers.CONSCRYPT.equals(provider)) {
                return "Conscrypt cannot sign with the JDK's Ed25519 keys (BoringSSL: NO_CERTIFICATE_SET)";
            }
            if (Providers.BCJSSE.equals(provider)) {
                return "BCJSSE 1.84 selects no Ed25519 credential from its PKIX key manager (handshake_failure: no selectable cipher suite)";
            }
        }
        if ("X25519MLKEM768".equals(variant.group)) {
            if (Providers.SUNJSSE.equals(provider)) {
                return "SunJSSE has X25519MLKEM768 only from JDK 27";
            }
            if (Providers.BCJSSE.equals(provider) && variant.keyType == org.securechannel.testing.TestPki.KeyType.EC_P256) {
                return "BCJSSE 1.84 shares the hybrid only when it is its one group, and then offers no ecdsa_secp256r1_sha256 (it ties the scheme to the secp256r1 group)";
            }
        }
        if (Providers.CONSCRYPT.equals(provider)) {
            if (!variant.tls12() && !"TLS_AES_128_GCM_SHA256".equals(suite)) {
                return "BoringSSL picks the TLS 1.3 suite itself (AES-128-GCM first on AES hardware); Conscrypt offers no way to choose";
            }
            if (!"x25519".equals(variant.group)) {
                return "Conscrypt has no API to choose the key-exchange group (BoringSSL offers x25519 first)";
            }
        }
        return null;
    }
}
