package org.securechannel.codec;

import java.util.Arrays;

/**
 * One raw extension: {@code ExtensionType extension_type; opaque extension_data<0..2^16-1>}. Kept raw
 * so unknown extensions survive a round trip and the typed codecs ({@code ServerNameExtension}, ...) run
 * only for the extensions a state actually reads.
 */
public record Extension(int type, byte[] data) {
    public Extension {
        Wire.checkU16(type, "extension type");
        data = Wire.copy(data, 0, 0xFFFF, "extension " + type + " data");
    }

    /** A copy: the record stays immutable even if the caller scribbles on the result. */
    @Override
    public byte[] data() {
        return data.clone();
    }

    /** Length of the data without copying it. */
    public int dataLength() {
        return data.length;
    }

    void writeTo(TlsWriter w) {
        w.u16(type).vector16(data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Extension e && e.type == type && Arrays.equals(e.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Extension[type=" + type + ", " + data.length + " bytes]";
    }
}
