package org.securechannel.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HandshakeMessageRoundTripTest {
    static Stream<HandshakeMessage> messages() {
        return Samples.all().stream();
    }

    @ParameterizedTest
    @MethodSource("messages")
    void encodeParseEncodeIsStable(HandshakeMessage m) throws AlertException {
        byte[] wire = m.encode();
        assertEquals(m.type().code(), wire[0] & 0xFF);
        assertEquals(wire.length - HandshakeHeader.LENGTH, HandshakeHeader.bodyLength(wire, 0));
        HandshakeMessage parsed = Samples.parse(m.type(), Hex.body(wire));
        assertEquals(m.getClass(), parsed.getClass());
        assertArrayEquals(wire, parsed.encode());
    }

    @Test
    void aClientHelloKnowsItsEncodedLengthSoItsWriterNeverGrows() {
        ClientHello ch = Samples.clientHello();
        assertEquals(ch.encode().length, ch.encodedLengthHint());
        ClientHello hybrid = new ClientHello(0x0303, Samples.filled(32, 1), new byte[0], List.of(0x1301), new byte[] {0},
                List.of(KeyShareExtension.encodeClient(List.of(new KeyShareExtension.KeyShareEntry(0x11ec, Samples.filled(1216, 2)),
                        new KeyShareExtension.KeyShareEntry(0x001d, Samples.filled(32, 3))))));
        assertEquals(hybrid.encode().length, hybrid.encodedLengthHint());
        assertEquals(2 + 4 + 1216 + 4 + 32, hybrid.extension(ExtensionType.KEY_SHARE).dataLength());
    }

    @Test
    void clientHelloFields() throws AlertException {
        ClientHello ch = ClientHello.parse(Hex.body(Samples.clientHello().encode()));
        assertArrayEquals(Samples.filled(32, 0x11), ch.random());
        assertArrayEquals(Samples.filled(32, 0x22), ch.legacySessionId());
        assertEquals(List.of(0x1301, 0x1302, 0x1303), ch.cipherSuites());
        assertEquals("example.com", ServerNameExtension.parse(ch.extension(ExtensionType.SERVER_NAME).data()));
        assertEquals(List.of("h2", "http/1.1"), AlpnExtension.parse(
                ch.extension(ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION).data()));
    }

    @Test
    void clientHelloWithoutExtensionBlockParsesAsEmpty() throws AlertException {
        byte[] body = Hex.of("0303" + "00".repeat(32) + "00" + "0002 1301" + "01 00");
        ClientHello ch = ClientHello.parse(body);
        assertTrue(ch.extensions().isEmpty());
        // We always send the block, so re-encoding adds an empty one.
        assertArrayEquals(Hex.of(Hex.to(body) + "0000"), Hex.body(ch.encode()));
    }

    @Test
    void helloRetryRequestAndDowngradeSentinels() throws AlertException {
        ServerHello hrr = new ServerHello(0x0303, ServerHello.HELLO_RETRY_REQUEST_RANDOM, new byte[0], 0x1301, 0,
                List.of(SupportedVersionsExtension.encodeServer(0x0304), KeyShareExtension.encodeHelloRetryRequest(0x17),
                        CookieExtension.encode(new byte[] {1, 2, 3})));
        ServerHello parsed = ServerHello.parse(Hex.body(hrr.encode()));
        assertTrue(parsed.isHelloRetryRequest());
        assertEquals(0x17, KeyShareExtension.parseHelloRetryRequest(parsed.extension(ExtensionType.KEY_SHARE).data()));
        assertFalse(Samples.serverHello().isHelloRetryRequest());
        assertEquals("cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c",
                Hex.to(ServerHello.HELLO_RETRY_REQUEST_RANDOM));

        for (byte[] sentinel : List.of(ServerHello.DOWNGRADE_TLS12, ServerHello.DOWNGRADE_TLS11)) {
            byte[] random = Samples.filled(32, 0x44);
            System.arraycopy(sentinel, 0, random, 24, 8);
            assertTrue(new ServerHello(0x0303, random, new byte[0], 0xc02f, 0, List.of()).hasDowngradeSentinel());
        }
        assertFalse(Samples.serverHello().hasDowngradeSentinel());
    }

    @Test
    void messagesAreImmutable() {
        byte[] random = Samples.filled(32, 1);
        ServerHello sh = new ServerHello(0x0303, random, new byte[0], 0x1301, 0, List.of());
        random[0] = 9;
        sh.random()[1] = 9;
        assertArrayEquals(Samples.filled(32, 1), sh.random());
        assertThrows(UnsupportedOperationException.class, () -> sh.extensions().add(null));
    }

    @Test
    void otherMessageFields() throws AlertException {
        CertificateMessage cert = CertificateMessage.parse(Hex.body(Samples.certificate().encode()));
        assertEquals(2, cert.entries().size());
        assertEquals(Samples.certificate().entries(), cert.entries());
        assertEquals(5, cert.entries().get(0).extension(ExtensionType.STATUS_REQUEST).dataLength());

        CertificateRequest req = CertificateRequest.parse(Hex.body(Samples.certificateRequest().encode()));
        assertArrayEquals(Samples.filled(8, 0x66), req.requestContext());
        assertEquals(1, CertificateAuthoritiesExtension.parse(
                req.extension(ExtensionType.CERTIFICATE_AUTHORITIES).data()).size());

        CertificateVerify cv = CertificateVerify.parse(Hex.body(Samples.certificateVerify().encode()));
        assertEquals(0x0804, cv.signatureScheme());
        assertEquals(256, cv.signature().length);

        NewSessionTicket nst = NewSessionTicket.parse(Hex.body(Samples.newSessionTicket().encode()));
        assertEquals(604800, nst.lifetime());
        assertEquals(0xFFFFFFFFL, nst.ageAdd());
        assertArrayEquals(Samples.filled(8, 0x99), nst.nonce());
        assertArrayEquals(Samples.filled(100, 0xAA), nst.ticket());

        assertTrue(KeyUpdate.parse(new byte[] {1}).updateRequested());
        assertFalse(KeyUpdate.parse(new byte[] {0}).updateRequested());
        assertArrayEquals(new byte[] {24, 0, 0, 1, 0}, new KeyUpdate(false).encode());
        assertInstanceOf(Finished.class, Samples.parse(HandshakeType.FINISHED, Samples.filled(32, 0)));
        assertTrue(Arrays.equals(Samples.filled(48, 3), Finished.parse(Samples.filled(48, 3), 48).verifyData()));
    }

    @Test
    void constructorsRejectUnencodableValues() {
        assertThrows(IllegalArgumentException.class, () -> new ClientHello(0x0303, new byte[31], new byte[0],
                List.of(0x1301), new byte[] {0}, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new ClientHello(0x0303, new byte[32], new byte[33],
                List.of(0x1301), new byte[] {0}, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new ClientHello(0x0303, new byte[32], new byte[0],
                List.of(), new byte[] {0}, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new EncryptedExtensions(List.of(
                new Extension(1, new byte[0]), new Extension(1, new byte[1]))));
        assertThrows(IllegalArgumentException.class, () -> new NewSessionTicket(604801, 0, new byte[0],
                new byte[1], List.of()));
        assertThrows(IllegalArgumentException.class, () -> new NewSessionTicket(1, 0, new byte[0],
                new byte[0], List.of()));
        assertThrows(IllegalArgumentException.class, () -> new CertificateMessage.CertificateEntry(new byte[0],
                List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Extension(0x10000, new byte[0]));
    }
}
