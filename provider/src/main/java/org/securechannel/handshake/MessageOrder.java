package org.securechannel.handshake;

import static org.securechannel.codec.HandshakeType.CERTIFICATE;
import static org.securechannel.codec.HandshakeType.CERTIFICATE_REQUEST;
import static org.securechannel.codec.HandshakeType.CERTIFICATE_VERIFY;
import static org.securechannel.codec.HandshakeType.CLIENT_HELLO;
import static org.securechannel.codec.HandshakeType.CLIENT_KEY_EXCHANGE;
import static org.securechannel.codec.HandshakeType.ENCRYPTED_EXTENSIONS;
import static org.securechannel.codec.HandshakeType.END_OF_EARLY_DATA;
import static org.securechannel.codec.HandshakeType.FINISHED;
import static org.securechannel.codec.HandshakeType.HELLO_REQUEST;
import static org.securechannel.codec.HandshakeType.KEY_UPDATE;
import static org.securechannel.codec.HandshakeType.NEW_SESSION_TICKET;
import static org.securechannel.codec.HandshakeType.SERVER_HELLO;
import static org.securechannel.codec.HandshakeType.SERVER_HELLO_DONE;
import static org.securechannel.codec.HandshakeType.SERVER_KEY_EXCHANGE;

import java.util.EnumSet;
import java.util.Set;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.HandshakeType;
import org.securechannel.record.RawHandshake;

/**
 * The legal message order of both versions and both roles as one table (s2n-tls's handshake table): a row per
 * handshake state, naming the message types that may arrive in it. Each state says which row it is, and the
 * version's driver refuses every other type with unexpected_message before the state sees the message (RFC
 * 8446 §4, RFC 5246 §7.3), so an out-of-order message is never parsed. {@code MessageOrderTableTest} walks
 * every row. A change_cipher_spec is a record, not a message: the TLS 1.2 rows that wait for one allow no
 * message at all.
 */
public enum MessageOrder {
    TLS13_CLIENT_EXPECT_SERVER_HELLO(SERVER_HELLO),
    TLS13_CLIENT_EXPECT_ENCRYPTED_EXTENSIONS(ENCRYPTED_EXTENSIONS),
    TLS13_CLIENT_EXPECT_CERTIFICATE_OR_REQUEST(CERTIFICATE, CERTIFICATE_REQUEST),
    TLS13_CLIENT_EXPECT_CERTIFICATE(CERTIFICATE),
    TLS13_CLIENT_EXPECT_CERTIFICATE_VERIFY(CERTIFICATE_VERIFY),
    TLS13_CLIENT_EXPECT_FINISHED(FINISHED),
    TLS13_CLIENT_AWAIT_CREDENTIALS,
    TLS13_CLIENT_CONNECTED(KEY_UPDATE, NEW_SESSION_TICKET),
    TLS13_SERVER_EXPECT_CLIENT_HELLO(CLIENT_HELLO),
    /** 0-RTT accepted: application data under the early keys, until EndOfEarlyData (RFC 8446 §4.5). */
    TLS13_SERVER_EXPECT_END_OF_EARLY_DATA(END_OF_EARLY_DATA),
    TLS13_SERVER_EXPECT_CLIENT_CERTIFICATE(CERTIFICATE),
    TLS13_SERVER_EXPECT_CLIENT_CERTIFICATE_VERIFY(CERTIFICATE_VERIFY),
    TLS13_SERVER_EXPECT_CLIENT_FINISHED(FINISHED),
    TLS13_SERVER_CONNECTED(KEY_UPDATE),

    TLS12_CLIENT_EXPECT_SERVER_HELLO(SERVER_HELLO),
    TLS12_CLIENT_EXPECT_CERTIFICATE(CERTIFICATE),
    TLS12_CLIENT_EXPECT_SERVER_KEY_EXCHANGE(SERVER_KEY_EXCHANGE),
    TLS12_CLIENT_EXPECT_CERTIFICATE_REQUEST_OR_DONE(CERTIFICATE_REQUEST, SERVER_HELLO_DONE),
    TLS12_CLIENT_EXPECT_SERVER_HELLO_DONE(SERVER_HELLO_DONE),
    TLS12_CLIENT_AWAIT_CREDENTIALS,
    /** The NewSessionTicket a ServerHello promised (RFC 5077 §3.3), before the server's change_cipher_spec. */
    TLS12_CLIENT_EXPECT_NEW_SESSION_TICKET(NEW_SESSION_TICKET),
    TLS12_SERVER_EXPECT_CLIENT_HELLO(CLIENT_HELLO),
    TLS12_SERVER_EXPECT_CLIENT_CERTIFICATE(CERTIFICATE),
    TLS12_SERVER_EXPECT_CLIENT_KEY_EXCHANGE(CLIENT_KEY_EXCHANGE),
    TLS12_SERVER_EXPECT_CERTIFICATE_VERIFY(CERTIFICATE_VERIFY),
    /** Either role, waiting for the peer's change_cipher_spec record. */
    TLS12_EXPECT_CHANGE_CIPHER_SPEC,
    TLS12_EXPECT_FINISHED(FINISHED),
    /** Renegotiation requests are read only to be refused with a warning (RFC 9325 §3.5). */
    TLS12_CLIENT_CONNECTED(HELLO_REQUEST),
    TLS12_SERVER_CONNECTED(CLIENT_HELLO),

    /** After the context was closed or failed: nothing. */
    CLOSED;

    private final Set<HandshakeType> legal;

    MessageOrder(HandshakeType... legal) {
        this.legal = legal.length == 0 ? EnumSet.noneOf(HandshakeType.class) : EnumSet.of(legal[0], legal);
    }

    public boolean allows(HandshakeType type) {
        return type != null && legal.contains(type);
    }

    /** The message types that may arrive in this state (a copy). */
    public Set<HandshakeType> legal() {
        return legal.isEmpty() ? EnumSet.noneOf(HandshakeType.class) : EnumSet.copyOf(legal);
    }

    /** Throws unexpected_message unless {@code message} may arrive in this state. */
    public void check(RawHandshake message) throws AlertException {
        if (!allows(message.type())) {
            throw AlertException.unexpectedMessage("received " + message.type() + " while expecting "
                    + (legal.isEmpty() ? "no handshake message" : legal) + " (" + name() + ")");
        }
    }
}
