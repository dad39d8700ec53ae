package org.securechannel.codec;

import java.util.List;

/** supported_groups (RFC 8446 §4.2.7): {@code NamedGroup named_group_list<2..2^16-1>}, raw codes. */
public final class SupportedGroupsExtension {
    private SupportedGroupsExtension() {
    }

    public static Extension encode(List<Integer> groups) {
        List<Integer> g = Wire.codes(groups, 1, 0x7FFF, 0xFFFF, "supported_groups");
        TlsWriter w = new TlsWriter(2 + 2 * g.size());
        w.vector16(b -> g.forEach(b::u16));
        return new Extension(ExtensionType.SUPPORTED_GROUPS, w.toByteArray());
    }

    public static List<Integer> parse(byte[] data) throws AlertException {
        TlsReader r = Wire.reader(data, "supported_groups");
        TlsReader list = r.sub16("supported_groups list");
        r.expectEnd();
        Wire.requireNonEmpty(list, "supported_groups");
        return Wire.readU16s(list, "supported_groups");
    }
}
