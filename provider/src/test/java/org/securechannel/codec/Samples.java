package org.securechannel.codec;

import java.util.Arrays;
import java.util.List;

/** One well-formed instance of every message, shared by the round-trip and malformed-input tests. */
final class Samples {
    static final int HASH_LENGTH = 32;

    private Samples() {
    }

    static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }

    static ClientHello clientHello() {
        return new ClientHello(0x0303, filled(32, 0x11), filled(32, 0x22), List.of(0x1301, 0x1302, 0x1303),
                new byte[] {0}, List.of(
                        ServerNameExtension.encode("example.com"),
                        SupportedVersionsExtension.encodeClient(List.of(0x0304, 0x0303)),
                        SupportedGroupsExtension.encode(List.of(0x001d, 0x0017)),
                        KeyShareExtension.encodeClient(List.of(
                                new KeyShareExtension.KeyShareEntry(0x001d, filled(32, 0x33)))),
                        SignatureAlgorithmsExtension.encode(ExtensionType.SIGNATURE_ALGORITHMS,
                                List.of(0x0403, 0x0804, 0x0807)),
                        AlpnExtension.encode(List.of("h2", "http/1.1"))));
    }

    static ServerHello serverHello() {
        return new ServerHello(0x0303, filled(32, 0x44), filled(32, 0x22), 0x1301, 0, List.of(
                SupportedVersionsExtension.encodeServer(0x0304),
                KeyShareExtension.encodeServer(new KeyShareExtension.KeyShareEntry(0x001d, filled(32, 0x55)))));
    }

    static EncryptedExtensions encryptedExtensions() {
        return new EncryptedExtensions(List.of(ServerNameExtension.emptyAck(), AlpnExtension.encode(List.of("h2"))));
    }

    static CertificateMessage certificate() {
        return new CertificateMessage(new byte[0], List.of(
                new CertificateMessage.CertificateEntry(filled(300, 0x30), List.of(
                        new Extension(ExtensionType.STATUS_REQUEST, filled(5, 1)))),
                new CertificateMessage.CertificateEntry(filled(200, 0x31), List.of())));
    }

    static CertificateRequest certificateRequest() {
        return new CertificateRequest(filled(8, 0x66), List.of(
                SignatureAlgorithmsExtension.encode(ExtensionType.SIGNATURE_ALGORITHMS, List.of(0x0403)),
                CertificateAuthoritiesExtension.encode(List.of(filled(20, 0x30)))));
    }

    static CertificateVerify certificateVerify() {
        return new CertificateVerify(0x0804, filled(256, 0x77));
    }

    static Finished finished() {
        return new Finished(filled(HASH_LENGTH, 0x88));
    }

    static NewSessionTicket newSessionTicket() {
        return new NewSessionTicket(604800, 0xFFFFFFFFL, filled(8, 0x99), filled(100, 0xAA), List.of(
                new Extension(ExtensionType.EARLY_DATA, new byte[] {0, 0, 0x40, 0})));
    }

    static KeyUpdate keyUpdate() {
        return new KeyUpdate(true);
    }

    static List<HandshakeMessage> all() {
        return List.of(clientHello(), serverHello(), encryptedExtensions(), certificate(), certificateRequest(),
                certificateVerify(), finished(), newSessionTicket(), keyUpdate());
    }

    /** Parses a body of a message of {@code type} the way the handshake will. */
    static HandshakeMessage parse(HandshakeType type, byte[] body) throws AlertException {
        return HandshakeMessages.parse(type, body, HASH_LENGTH);
    }
}
