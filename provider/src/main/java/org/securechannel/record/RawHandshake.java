package org.securechannel.record;

import org.securechannel.codec.HandshakeType;

/**
 * One complete handshake message as it came off the wire: its type and its full encoding (4-byte header
 * included), which is exactly what goes into the transcript.
 */
public record RawHandshake(HandshakeType type, byte[] encoded) {
    /** The body: the encoding without the 4-byte header. */
    public byte[] body() {
        return java.util.Arrays.copyOfRange(encoded, 4, encoded.length);
    }
}
