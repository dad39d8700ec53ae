package org.securechannel.codec;

/**
 * The messages with an empty body: TLS 1.2's ServerHelloDone (RFC 5246 §7.4.5) and HelloRequest (§7.4.1.1), and
 * TLS 1.3's EndOfEarlyData (RFC 8446 §4.5).
 * A body that is not empty is a decode_error.
 */
public enum EmptyHandshakeMessage implements HandshakeMessage {
    SERVER_HELLO_DONE(HandshakeType.SERVER_HELLO_DONE),
    HELLO_REQUEST(HandshakeType.HELLO_REQUEST),
    END_OF_EARLY_DATA(HandshakeType.END_OF_EARLY_DATA);

    private final HandshakeType type;

    EmptyHandshakeMessage(HandshakeType type) {
        this.type = type;
    }

    /** Checks that {@code body} is empty. */
    public EmptyHandshakeMessage parse(byte[] body) throws AlertException {
        if (body.length != 0) {
            throw AlertException.decodeError(type + ": body of " + body.length + " bytes, expected none");
        }
        return this;
    }

    @Override
    public HandshakeType type() {
        return type;
    }

    @Override
    public void writeBody(TlsWriter w) {
        // nothing
    }
}
