package org.securechannel.codec;

import java.util.HexFormat;

/** Test helper: hex with any whitespace, as the RFCs print it. */
final class Hex {
    private Hex() {
    }

    static byte[] of(String s) {
        return HexFormat.of().parseHex(s.replaceAll("\\s+", ""));
    }

    static String to(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    /** Bytes {@code [from, length)} of a full handshake message: its body. */
    static byte[] body(byte[] message) {
        return java.util.Arrays.copyOfRange(message, HandshakeHeader.LENGTH, message.length);
    }
}
