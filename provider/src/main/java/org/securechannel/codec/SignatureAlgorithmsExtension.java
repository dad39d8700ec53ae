package org.securechannel.codec;

import java.util.List;

/**
 * signature_algorithms (13) and signature_algorithms_cert (50) (RFC 8446 §4.2.3): the same
 * {@code SignatureScheme supported_signature_algorithms<2..2^16-2>}, raw codes.
 */
public final class SignatureAlgorithmsExtension {
    private SignatureAlgorithmsExtension() {
    }

    /** {@code extensionType} picks which of the two extensions this is: 13 or 50. */
    public static Extension encode(int extensionType, List<Integer> schemes) {
        if (extensionType != ExtensionType.SIGNATURE_ALGORITHMS
                && extensionType != ExtensionType.SIGNATURE_ALGORITHMS_CERT) {
            throw new IllegalArgumentException("not a signature algorithms extension type: " + extensionType);
        }
        List<Integer> s = Wire.codes(schemes, 1, 0x7FFF, 0xFFFF, "signature schemes");
        TlsWriter w = new TlsWriter(2 + 2 * s.size());
        w.vector16(b -> s.forEach(b::u16));
        return new Extension(extensionType, w.toByteArray());
    }

    public static List<Integer> parse(byte[] data) throws AlertException {
        TlsReader r = Wire.reader(data, "signature_algorithms");
        TlsReader list = r.sub16("signature_algorithms list");
        r.expectEnd();
        Wire.requireNonEmpty(list, "signature_algorithms");
        return Wire.readU16s(list, "signature_algorithms");
    }
}
