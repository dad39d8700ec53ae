package org.securechannel.codec;

/**
 * One TLS handshake message (RFC 8446 §4). Implementations are immutable values; they know their own
 * body layout and nothing about when they may be sent, which is the state machines' job.
 */
public interface HandshakeMessage {
    HandshakeType type();

    /**
     * About how long {@link #encode()}'s result is, header included: the writer starts at this size. A message
     * much longer than the default (a ClientHello with a post-quantum key share) says so, and is then encoded
     * without the writer doubling its way up to it.
     */
    default int encodedLengthHint() {
        return 256;
    }

    /** Writes the body only: the 4-byte header is added by {@link #encode()}. */
    void writeBody(TlsWriter w);

    /**
     * The full message as it goes on the wire and into the transcript: 1-byte type, 3-byte length, body.
     * The length is back-patched by the writer, so it cannot disagree with the body.
     */
    default byte[] encode() {
        TlsWriter w = new TlsWriter(encodedLengthHint());
        w.u8(type().code());
        w.vector24(this::writeBody);
        return w.toByteArray();
    }
}
