package org.securechannel.codec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * certificate_authorities (RFC 8446 §4.2.4): {@code DistinguishedName authorities<3..2^16-1>} of
 * {@code opaque DistinguishedName<1..2^16-1>}. The DER names stay opaque here; the JDK parses them.
 */
public final class CertificateAuthoritiesExtension {
    private CertificateAuthoritiesExtension() {
    }

    public static Extension encode(List<byte[]> distinguishedNamesDer) {
        List<byte[]> names = new ArrayList<>();
        for (byte[] dn : distinguishedNamesDer) {
            names.add(Wire.copy(dn, 1, 0xFFFF, "DistinguishedName"));
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("certificate_authorities must not be empty");
        }
        TlsWriter w = new TlsWriter();
        w.vector16(list -> names.forEach(list::vector16));
        return new Extension(ExtensionType.CERTIFICATE_AUTHORITIES, w.toByteArray());
    }

    /** Fresh arrays each call, so callers may keep or change them. */
    public static List<byte[]> parse(byte[] data) throws AlertException {
        TlsReader r = Wire.reader(data, "certificate_authorities");
        TlsReader list = r.sub16("certificate_authorities list");
        r.expectEnd();
        Wire.requireNonEmpty(list, "certificate_authorities");
        List<byte[]> out = new ArrayList<>();
        while (list.hasRemaining()) {
            byte[] dn = list.vector16();
            if (dn.length == 0) {
                throw AlertException.decodeError("certificate_authorities: empty DistinguishedName");
            }
            out.add(dn);
        }
        return Collections.unmodifiableList(out);
    }
}
