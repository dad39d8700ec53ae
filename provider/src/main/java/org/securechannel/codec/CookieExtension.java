package org.securechannel.codec;

/** cookie (RFC 8446 §4.2.2): {@code opaque cookie<1..2^16-1>}, echoed unchanged by the client. */
public final class CookieExtension {
    private CookieExtension() {
    }

    public static Extension encode(byte[] cookie) {
        byte[] c = Wire.copy(cookie, 1, 0xFFFF - 2, "cookie");
        TlsWriter w = new TlsWriter(c.length + 2);
        w.vector16(c);
        return new Extension(ExtensionType.COOKIE, w.toByteArray());
    }

    public static byte[] parse(byte[] data) throws AlertException {
        TlsReader r = Wire.reader(data, "cookie");
        byte[] cookie = r.vector16();
        r.expectEnd();
        if (cookie.length == 0) {
            throw AlertException.decodeError("cookie: empty");
        }
        return cookie;
    }
}
