package org.securechannel.codec;

/** Protocol version codes. Only TLS 1.3 and 1.2 are ever negotiated (RFC 8996 retires the rest). */
public enum ProtocolVersion {
    SSL3(0x0300, "SSLv3"),
    TLS10(0x0301, "TLSv1"),
    TLS11(0x0302, "TLSv1.1"),
    TLS12(0x0303, "TLSv1.2"),
    TLS13(0x0304, "TLSv1.3");

    private final int code;
    private final String jsseName;

    ProtocolVersion(int code, String jsseName) {
        this.code = code;
        this.jsseName = jsseName;
    }

    public int code() {
        return code;
    }

    /** The name JSSE uses, e.g. {@code TLSv1.3}. */
    public String jsseName() {
        return jsseName;
    }

    /** values() copies its array on every call, and parsing a ClientHello calls of() once per list entry. */
    private static final ProtocolVersion[] ALL = values();

    public static ProtocolVersion of(int code) {
        for (ProtocolVersion v : ALL) {
            if (v.code == code) {
                return v;
            }
        }
        return null;
    }
}
