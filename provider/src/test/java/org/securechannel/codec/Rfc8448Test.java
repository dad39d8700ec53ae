package org.securechannel.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The hellos of RFC 8448 §3 ("Simple 1-RTT Handshake") must parse and re-encode byte for byte. */
class Rfc8448Test {
    static final byte[] CLIENT_HELLO = Hex.of("""
            01 00 00 c0 03 03 cb 34 ec b1 e7 81 63 ba 1c 38 c6 da cb 19 6a 6d ff a2 1a 8d 99 12 ec 18 a2 ef 62 83
            02 4d ec e7 00 00 06 13 01 13 03 13 02 01 00 00 91 00 00 00 0b 00 09 00 00 06 73 65 72 76 65 72 ff 01
            00 01 00 00 0a 00 14 00 12 00 1d 00 17 00 18 00 19 01 00 01 01 01 02 01 03 01 04 00 23 00 00 00 33 00
            26 00 24 00 1d 00 20 99 38 1d e5 60 e4 bd 43 d2 3d 8e 43 5a 7d ba fe b3 c0 6e 51 c1 3c ae 4d 54 13 69
            1e 52 9a af 2c 00 2b 00 03 02 03 04 00 0d 00 20 00 1e 04 03 05 03 06 03 02 03 08 04 08 05 08 06 04 01
            05 01 06 01 02 01 04 02 05 02 06 02 02 02 00 2d 00 02 01 01 00 1c 00 02 40 01""");

    static final byte[] SERVER_HELLO = Hex.of("""
            02 00 00 56 03 03 a6 af 06 a4 12 18 60 dc 5e 6e 60 24 9c d3 4c 95 93 0c 8a c5 cb 14 34 da c1 55 77 2e
            d3 e2 69 28 00 13 01 00 00 2e 00 33 00 24 00 1d 00 20 c9 82 88 76 11 20 95 fe 66 76 2b db f7 c6 72 e1
            56 d6 cc 25 3b 83 3d f1 dd 69 b1 b0 4e 75 1f 0f 00 2b 00 02 03 04""");

    @Test
    void clientHelloParsesAndReencodesExactly() throws AlertException {
        assertEquals(196, CLIENT_HELLO.length);
        ClientHello ch = ClientHello.parse(Hex.body(CLIENT_HELLO));
        assertArrayEquals(CLIENT_HELLO, ch.encode());

        assertEquals(0x0303, ch.legacyVersion());
        assertEquals(0, ch.legacySessionId().length);
        assertEquals(List.of(0x1301, 0x1303, 0x1302), ch.cipherSuites());
        assertArrayEquals(new byte[] {0}, ch.compressionMethods());
        assertEquals(9, ch.extensions().size());

        assertEquals("server", ServerNameExtension.parse(ch.extension(ExtensionType.SERVER_NAME).data()));
        assertEquals(List.of(0x001d, 0x0017, 0x0018, 0x0019, 0x0100, 0x0101, 0x0102, 0x0103, 0x0104),
                SupportedGroupsExtension.parse(ch.extension(ExtensionType.SUPPORTED_GROUPS).data()));
        List<KeyShareExtension.KeyShareEntry> shares =
                KeyShareExtension.parseClient(ch.extension(ExtensionType.KEY_SHARE).data());
        assertEquals(1, shares.size());
        assertEquals(0x001d, shares.get(0).group());
        assertEquals("99381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529aaf2c",
                Hex.to(shares.get(0).keyExchange()));
        assertEquals(List.of(0x0304),
                SupportedVersionsExtension.parseClient(ch.extension(ExtensionType.SUPPORTED_VERSIONS).data()));
        assertEquals(15, SignatureAlgorithmsExtension.parse(
                ch.extension(ExtensionType.SIGNATURE_ALGORITHMS).data()).size());
        assertEquals(List.of(1), PskKeyExchangeModesExtension.parse(
                ch.extension(ExtensionType.PSK_KEY_EXCHANGE_MODES).data()));
        assertEquals(0, ch.extension(ExtensionType.SESSION_TICKET).dataLength());
        assertNotNull(ch.extension(ExtensionType.RECORD_SIZE_LIMIT));
        assertNull(ch.extension(ExtensionType.COOKIE));
    }

    @Test
    void clientHelloRebuiltFromTypedValuesIsIdentical() throws AlertException {
        ClientHello parsed = ClientHello.parse(Hex.body(CLIENT_HELLO));
        ClientHello rebuilt = new ClientHello(parsed.legacyVersion(), parsed.random(), parsed.legacySessionId(),
                parsed.cipherSuites(), parsed.compressionMethods(), List.of(
                        ServerNameExtension.encode("server"),
                        new Extension(ExtensionType.RENEGOTIATION_INFO, new byte[] {0}),
                        SupportedGroupsExtension.encode(List.of(
                                0x001d, 0x0017, 0x0018, 0x0019, 0x0100, 0x0101, 0x0102, 0x0103, 0x0104)),
                        new Extension(ExtensionType.SESSION_TICKET, new byte[0]),
                        KeyShareExtension.encodeClient(KeyShareExtension.parseClient(
                                parsed.extension(ExtensionType.KEY_SHARE).data())),
                        SupportedVersionsExtension.encodeClient(List.of(0x0304)),
                        SignatureAlgorithmsExtension.encode(ExtensionType.SIGNATURE_ALGORITHMS,
                                SignatureAlgorithmsExtension.parse(
                                        parsed.extension(ExtensionType.SIGNATURE_ALGORITHMS).data())),
                        PskKeyExchangeModesExtension.encode(List.of(PskKeyExchangeModesExtension.PSK_DHE_KE)),
                        new Extension(ExtensionType.RECORD_SIZE_LIMIT, new byte[] {0x40, 0x01})));
        assertArrayEquals(CLIENT_HELLO, rebuilt.encode());
    }

    @Test
    void serverHelloParsesAndReencodesExactly() throws AlertException {
        assertEquals(90, SERVER_HELLO.length);
        ServerHello sh = ServerHello.parse(Hex.body(SERVER_HELLO));
        assertArrayEquals(SERVER_HELLO, sh.encode());

        assertEquals(0x0303, sh.legacyVersion());
        assertEquals(0x1301, sh.cipherSuite());
        assertEquals(0, sh.compressionMethod());
        assertFalse(sh.isHelloRetryRequest());
        assertFalse(sh.hasDowngradeSentinel());
        assertEquals(0x0304,
                SupportedVersionsExtension.parseServer(sh.extension(ExtensionType.SUPPORTED_VERSIONS).data()));
        KeyShareExtension.KeyShareEntry share =
                KeyShareExtension.parseServer(sh.extension(ExtensionType.KEY_SHARE).data());
        assertEquals(0x001d, share.group());
        assertEquals("c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f",
                Hex.to(share.keyExchange()));
    }

    @Test
    void dispatcherParsesBothHellos() throws AlertException {
        HandshakeType chType = HandshakeType.of(HandshakeHeader.typeCode(CLIENT_HELLO, 0));
        assertEquals(CLIENT_HELLO.length - 4, HandshakeHeader.bodyLength(CLIENT_HELLO, 0));
        HandshakeMessage ch = HandshakeMessages.parse(chType, Hex.body(CLIENT_HELLO), 32);
        assertArrayEquals(CLIENT_HELLO, ch.encode());
        HandshakeMessage sh = HandshakeMessages.parse(HandshakeType.SERVER_HELLO, Hex.body(SERVER_HELLO), 32);
        assertArrayEquals(SERVER_HELLO, sh.encode());
    }
}
