package org.securechannel.codec;

import java.util.List;

/**
 * supported_versions (RFC 8446 §4.2.1): a list in the ClientHello, one selected version in the
 * ServerHello and HelloRetryRequest.
 */
public final class SupportedVersionsExtension {
    private SupportedVersionsExtension() {
    }

    public static Extension encodeClient(List<Integer> versions) {
        List<Integer> v = Wire.codes(versions, 1, 127, 0xFFFF, "supported_versions");
        TlsWriter w = new TlsWriter(1 + 2 * v.size());
        w.vector8(b -> v.forEach(b::u16));
        return new Extension(ExtensionType.SUPPORTED_VERSIONS, w.toByteArray());
    }

    /** {@code ProtocolVersion versions<2..254>}: at least one version, a whole number of them. */
    public static List<Integer> parseClient(byte[] data) throws AlertException {
        TlsReader r = Wire.reader(data, "supported_versions");
        TlsReader list = r.sub8("supported_versions list");
        r.expectEnd();
        Wire.requireNonEmpty(list, "supported_versions");
        return Wire.readU16s(list, "supported_versions");
    }

    public static Extension encodeServer(int version) {
        TlsWriter w = new TlsWriter(2);
        w.u16(Wire.checkU16(version, "selected_version"));
        return new Extension(ExtensionType.SUPPORTED_VERSIONS, w.toByteArray());
    }

    /** Exactly one {@code ProtocolVersion selected_version}. */
    public static int parseServer(byte[] data) throws AlertException {
        TlsReader r = Wire.reader(data, "supported_versions");
        int v = r.u16();
        r.expectEnd();
        return v;
    }
}
