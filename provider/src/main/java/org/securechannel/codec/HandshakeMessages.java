package org.securechannel.codec;

/** Turns a deframed TLS 1.3 handshake message body into its typed message. */
public final class HandshakeMessages {
    private HandshakeMessages() {
    }

    /**
     * Parses {@code body} (without the 4-byte header) as a message of {@code type}. Types that do not
     * exist in TLS 1.3 (or that we never accept, like end_of_early_data without 0-RTT) are an
     * unexpected_message. {@code finishedHashLength} is used only for Finished.
     */
    public static HandshakeMessage parse(HandshakeType type, byte[] body, int finishedHashLength)
            throws AlertException {
        if (type == null) {
            throw AlertException.unexpectedMessage("unknown handshake message type");
        }
        return switch (type) {
            case CLIENT_HELLO -> ClientHello.parse(body);
            case SERVER_HELLO -> ServerHello.parse(body);
            case NEW_SESSION_TICKET -> NewSessionTicket.parse(body);
            case ENCRYPTED_EXTENSIONS -> EncryptedExtensions.parse(body);
            case CERTIFICATE -> CertificateMessage.parse(body);
            case CERTIFICATE_REQUEST -> CertificateRequest.parse(body);
            case CERTIFICATE_VERIFY -> CertificateVerify.parse(body);
            case FINISHED -> Finished.parse(body, finishedHashLength);
            case KEY_UPDATE -> KeyUpdate.parse(body);
            default -> throw AlertException.unexpectedMessage("handshake message " + type + " is not used in TLS 1.3");
        };
    }
}
