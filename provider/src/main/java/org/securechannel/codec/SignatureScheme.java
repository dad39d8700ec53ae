package org.securechannel.codec;

/**
 * Signature schemes (RFC 8446 §4.2.3). The rsa_pkcs1 schemes are only ever accepted in certificate
 * signatures, never in CertificateVerify ({@link #allowedInHandshake()}).
 */
public enum SignatureScheme {
    ECDSA_SECP256R1_SHA256(0x0403, "ecdsa_secp256r1_sha256", true),
    ECDSA_SECP384R1_SHA384(0x0503, "ecdsa_secp384r1_sha384", true),
    ECDSA_SECP521R1_SHA512(0x0603, "ecdsa_secp521r1_sha512", true),
    ED25519(0x0807, "ed25519", true),
    RSA_PSS_RSAE_SHA256(0x0804, "rsa_pss_rsae_sha256", true),
    RSA_PSS_RSAE_SHA384(0x0805, "rsa_pss_rsae_sha384", true),
    RSA_PSS_RSAE_SHA512(0x0806, "rsa_pss_rsae_sha512", true),
    RSA_PSS_PSS_SHA256(0x0809, "rsa_pss_pss_sha256", true),
    RSA_PSS_PSS_SHA384(0x080A, "rsa_pss_pss_sha384", true),
    RSA_PSS_PSS_SHA512(0x080B, "rsa_pss_pss_sha512", true),
    RSA_PKCS1_SHA256(0x0401, "rsa_pkcs1_sha256", false),
    RSA_PKCS1_SHA384(0x0501, "rsa_pkcs1_sha384", false),
    RSA_PKCS1_SHA512(0x0601, "rsa_pkcs1_sha512", false);

    private final int code;
    private final String ianaName;
    private final boolean allowedInHandshake;

    SignatureScheme(int code, String ianaName, boolean allowedInHandshake) {
        this.code = code;
        this.ianaName = ianaName;
        this.allowedInHandshake = allowedInHandshake;
    }

    public int code() {
        return code;
    }

    public String ianaName() {
        return ianaName;
    }

    /** Whether TLS 1.3 permits this scheme in CertificateVerify. */
    public boolean allowedInHandshake() {
        return allowedInHandshake;
    }

    /** The schemes we know among wire codes, in their order, each once; unknown codes (GREASE, newer) dropped. */
    public static java.util.List<SignatureScheme> known(java.util.List<Integer> codes) {
        java.util.List<SignatureScheme> out = new java.util.ArrayList<>(codes.size());
        for (int code : codes) {
            SignatureScheme s = of(code);
            if (s != null && !out.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }

    /** values() copies its array on every call, and parsing a ClientHello calls of() once per list entry. */
    private static final SignatureScheme[] ALL = values();

    public static SignatureScheme of(int code) {
        for (SignatureScheme s : ALL) {
            if (s.code == code) {
                return s;
            }
        }
        return null;
    }
}
