package org.securechannel.codec;

/**
 * Key-exchange groups (RFC 8446 §4.2.7): elliptic curves, the finite-field groups of RFC 7919, whose key
 * shares are the public value left-padded to the prime's length (RFC 8446 §4.2.8.1), and the hybrid
 * post-quantum groups of draft-ietf-tls-ecdhe-mlkem (an ECDH share and an ML-KEM share concatenated; IANA
 * names as registered, which SunJSSE, BCJSSE and OpenSSL use too). How a hybrid's halves are ordered is
 * crypto's business (HybridLayout); this enum only names the groups.
 */
public enum NamedGroup {
    SECP256R1(0x0017, "secp256r1", 65, false),
    SECP384R1(0x0018, "secp384r1", 97, false),
    X25519(0x001D, "x25519", 32, false),
    FFDHE2048(0x0100, "ffdhe2048", 256, false),
    FFDHE3072(0x0101, "ffdhe3072", 384, false),
    FFDHE4096(0x0102, "ffdhe4096", 512, false),
    /** P-256 point (65) ‖ ML-KEM-768 encapsulation key (1,184). */
    SECP256R1_MLKEM768(0x11EB, "SecP256r1MLKEM768", 65 + 1184, true),
    /** ML-KEM-768 encapsulation key (1,184) ‖ x25519 (32): the one hybrid with ML-KEM first. */
    X25519_MLKEM768(0x11EC, "X25519MLKEM768", 1184 + 32, true),
    /** P-384 point (97) ‖ ML-KEM-1024 encapsulation key (1,568). */
    SECP384R1_MLKEM1024(0x11ED, "SecP384r1MLKEM1024", 97 + 1568, true);

    private final int code;
    private final String ianaName;
    private final int keyShareLength;
    private final boolean hybrid;

    NamedGroup(int code, String ianaName, int keyShareLength, boolean hybrid) {
        this.code = code;
        this.ianaName = ianaName;
        this.keyShareLength = keyShareLength;
        this.hybrid = hybrid;
    }

    public int code() {
        return code;
    }

    public String ianaName() {
        return ianaName;
    }

    /**
     * The exact length of a valid key_exchange value for this group from its initiator (a TLS 1.3 client). For
     * Diffie-Hellman groups the responder's share has the same length; a hybrid's responder sends an ML-KEM
     * ciphertext instead of an encapsulation key, whose length crypto knows.
     */
    public int keyShareLength() {
        return keyShareLength;
    }

    /**
     * A hybrid post-quantum group (ECDH + ML-KEM): TLS 1.3 only (draft-ietf-tls-ecdhe-mlkem §3; TLS 1.2's
     * ServerKeyExchange has no place for a KEM ciphertext).
     */
    public boolean isHybrid() {
        return hybrid;
    }

    /** True for the RFC 7919 finite-field Diffie-Hellman groups (codes 0x0100-0x01FF). */
    public boolean isFiniteField() {
        return (code & 0xFF00) == 0x0100;
    }

    /** values() copies its array on every call, and parsing a ClientHello calls of() once per list entry. */
    private static final NamedGroup[] ALL = values();

    public static NamedGroup of(int code) {
        for (NamedGroup g : ALL) {
            if (g.code == code) {
                return g;
            }
        }
        return null;
    }
}
