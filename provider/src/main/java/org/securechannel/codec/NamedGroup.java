package org.securechannel.codec;

/**
 * Key-exchange groups (RFC 8446 §4.2.7): elliptic curves, and the finite-field groups of RFC 7919, whose key
 * shares are the public value left-padded to the prime's length (RFC 8446 §4.2.8.1). Hybrid post-quantum groups
 * come later.
 */
public enum NamedGroup {
    SECP256R1(0x0017, "secp256r1", 65),
    SECP384R1(0x0018, "secp384r1", 97),
    X25519(0x001D, "x25519", 32),
    FFDHE2048(0x0100, "ffdhe2048", 256),
    FFDHE3072(0x0101, "ffdhe3072", 384),
    FFDHE4096(0x0102, "ffdhe4096", 512);

    private final int code;
    private final String ianaName;
    private final int keyShareLength;

    NamedGroup(int code, String ianaName, int keyShareLength) {
        this.code = code;
        this.ianaName = ianaName;
        this.keyShareLength = keyShareLength;
    }

    public int code() {
        return code;
    }

    public String ianaName() {
        return ianaName;
    }

    /** The exact length of a valid key_exchange value for this group. */
    public int keyShareLength() {
        return keyShareLength;
    }

    /** True for the RFC 7919 finite-field Diffie-Hellman groups (codes 0x0100-0x01FF). */
    public boolean isFiniteField() {
        return (code & 0xFF00) == 0x0100;
    }

    public static NamedGroup of(int code) {
        for (NamedGroup g : values()) {
            if (g.code == code) {
                return g;
            }
        }
        return null;
    }
}
