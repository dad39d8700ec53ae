package org.securechannel.codec;

import java.util.List;

/** psk_key_exchange_modes (RFC 8446 §4.2.9): {@code PskKeyExchangeMode ke_modes<1..255>}, raw codes. */
public final class PskKeyExchangeModesExtension {
    /** PSK-only key establishment. */
    public static final int PSK_KE = 0;
    /** PSK with (EC)DHE key establishment: the only mode we use, for forward secrecy. */
    public static final int PSK_DHE_KE = 1;

    private PskKeyExchangeModesExtension() {
    }

    public static Extension encode(List<Integer> modes) {
        List<Integer> m = Wire.codes(modes, 1, 0xFF, 0xFF, "psk_key_exchange_modes");
        TlsWriter w = new TlsWriter(1 + m.size());
        w.vector8(b -> m.forEach(b::u8));
        return new Extension(ExtensionType.PSK_KEY_EXCHANGE_MODES, w.toByteArray());
    }

    public static List<Integer> parse(byte[] data) throws AlertException {
        TlsReader r = Wire.reader(data, "psk_key_exchange_modes");
        TlsReader list = r.sub8("psk_key_exchange_modes list");
        r.expectEnd();
        Wire.requireNonEmpty(list, "psk_key_exchange_modes");
        return Wire.readU8s(list);
    }
}
