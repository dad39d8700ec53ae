package org.securechannel.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * application_layer_protocol_negotiation (RFC 7301 §3.1): {@code ProtocolName protocol_name_list<2..2^16-1>}
 * of {@code opaque ProtocolName<1..2^8-1>}. Names are bytes on the wire; we expose them as UTF-8 strings
 * both ways (all registered IDs are ASCII). A name that is not valid UTF-8 decodes with U+FFFD and so
 * matches no configured protocol, which is the right outcome for a name we could never have offered.
 */
public final class AlpnExtension {
    private AlpnExtension() {
    }

    public static Extension encode(List<String> protocols) {
        List<byte[]> names = new ArrayList<>();
        for (String p : List.copyOf(protocols)) {
            byte[] b = p.getBytes(StandardCharsets.UTF_8);
            if (b.length < 1 || b.length > 0xFF) {
                throw new IllegalArgumentException("ALPN protocol name must be 1..255 bytes: " + p);
            }
            names.add(b);
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("ALPN protocol list must not be empty");
        }
        TlsWriter w = new TlsWriter();
        w.vector16(list -> names.forEach(list::vector8));
        return new Extension(ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION, w.toByteArray());
    }

    public static List<String> parse(byte[] data) throws AlertException {
        TlsReader r = Wire.reader(data, "ALPN");
        TlsReader list = r.sub16("ALPN protocol_name_list");
        r.expectEnd();
        Wire.requireNonEmpty(list, "ALPN protocol_name_list");
        List<String> out = new ArrayList<>();
        while (list.hasRemaining()) {
            byte[] name = list.vector8();
            if (name.length == 0) {
                throw AlertException.decodeError("ALPN: empty protocol name");
            }
            out.add(new String(name, StandardCharsets.UTF_8));
        }
        return Collections.unmodifiableList(out);
    }

    /** The server's answer: RFC 7301 §3.1 requires exactly one name. */
    public static String parseSingle(byte[] data) throws AlertException {
        List<String> names = parse(data);
        if (names.size() != 1) {
            throw AlertException.decodeError("ALPN: server selected " + names.size() + " protocols, not one");
        }
        return names.get(0);
    }
}
