package org.securechannel.codec;

/** Key-exchange groups (RFC 8446 §4.2.7). Hybrid post-quantum groups come later. */
public enum NamedGroup {
    SECP256R1(0x0017, "secp256r1", 65),
    SECP384R1(0x0018, "secp384r1", 97),
    X25519(0x001D, "x25519", 32);

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

    public static NamedGroup of(int code) {
        for (NamedGroup g : values()) {
            if (g.code == code) {
                return g;
            }
        }
        return null;
    }
}
