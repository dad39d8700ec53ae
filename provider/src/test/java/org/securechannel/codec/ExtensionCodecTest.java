package org.securechannel.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Round trips and malformed data for every typed extension codec. */
class ExtensionCodecTest {
    @FunctionalInterface
    interface Parser {
        Object parse(byte[] data) throws AlertException;
    }

    static AlertDescription alertOf(Parser p, byte[] data) {
        try {
            p.parse(data);
        } catch (AlertException e) {
            return e.alert();
        } catch (RuntimeException e) {
            throw new AssertionError("threw " + e + " on " + Hex.to(data), e);
        }
        return null;
    }

    /** A well-formed extension and the parser that reads it. */
    static Stream<Arguments> codecs() {
        KeyShareExtension.KeyShareEntry share = new KeyShareExtension.KeyShareEntry(0x1d, Samples.filled(32, 7));
        return Stream.of(
                Arguments.of("server_name", ServerNameExtension.encode("example.com"),
                        (Parser) ServerNameExtension::parse),
                Arguments.of("supported_versions client", SupportedVersionsExtension.encodeClient(List.of(0x304)),
                        (Parser) SupportedVersionsExtension::parseClient),
                Arguments.of("supported_versions server", SupportedVersionsExtension.encodeServer(0x304),
                        (Parser) SupportedVersionsExtension::parseServer),
                Arguments.of("supported_groups", SupportedGroupsExtension.encode(List.of(0x1d, 0x17)),
                        (Parser) SupportedGroupsExtension::parse),
                Arguments.of("signature_algorithms", SignatureAlgorithmsExtension.encode(13, List.of(0x403, 0x804)),
                        (Parser) SignatureAlgorithmsExtension::parse),
                Arguments.of("key_share client", KeyShareExtension.encodeClient(List.of(share)),
                        (Parser) KeyShareExtension::parseClient),
                Arguments.of("key_share server", KeyShareExtension.encodeServer(share),
                        (Parser) KeyShareExtension::parseServer),
                Arguments.of("key_share hrr", KeyShareExtension.encodeHelloRetryRequest(0x17),
                        (Parser) KeyShareExtension::parseHelloRetryRequest),
                Arguments.of("alpn", AlpnExtension.encode(List.of("h2", "http/1.1")), (Parser) AlpnExtension::parse),
                Arguments.of("alpn single", AlpnExtension.encode(List.of("h2")), (Parser) AlpnExtension::parseSingle),
                Arguments.of("cookie", CookieExtension.encode(new byte[] {1, 2, 3}), (Parser) CookieExtension::parse),
                Arguments.of("certificate_authorities", CertificateAuthoritiesExtension.encode(
                        List.of(Samples.filled(10, 0x30), Samples.filled(3, 0x31))),
                        (Parser) CertificateAuthoritiesExtension::parse),
                Arguments.of("psk_key_exchange_modes", PskKeyExchangeModesExtension.encode(List.of(1)),
                        (Parser) PskKeyExchangeModesExtension::parse));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("codecs")
    void everyTruncationAndTrailingByteIsADecodeError(String name, Extension ext, Parser parser) {
        byte[] data = ext.data();
        assertNull(alertOf(parser, data), name + " must parse");
        for (int n = 0; n < data.length; n++) {
            assertEquals(AlertDescription.DECODE_ERROR, alertOf(parser, Arrays.copyOf(data, n)), name + " cut to " + n);
        }
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(parser, Arrays.copyOf(data, data.length + 1)), name);
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(parser, Samples.filled(8, 0xFF)), name);
    }

    @Test
    void serverName() throws AlertException {
        Extension e = ServerNameExtension.encode("example.com");
        assertEquals(ExtensionType.SERVER_NAME, e.type());
        assertEquals("000e00000b6578616d706c652e636f6d", Hex.to(e.data()));
        assertEquals("example.com", ServerNameExtension.parse(e.data()));
        // Only a name of another type: no host name, not an error.
        assertNull(ServerNameExtension.parse(Hex.of("0004 01 0001 41")));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER,
                alertOf(ServerNameExtension::parse, Hex.of("0009 00 0001 61 00 0002 6162")));
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(ServerNameExtension::parse, Hex.of("0000")));
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(ServerNameExtension::parse, Hex.of("0003 00 0000")));
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(ServerNameExtension::parse, Hex.of("0005 00 0002 61 00")));
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(ServerNameExtension::parse, Hex.of("0005 00 0002 c3 a9")));
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(ServerNameExtension::parse, new byte[0]));
        assertTrue(ServerNameExtension.isEmptyAck(ServerNameExtension.emptyAck().data()));
        assertFalse(ServerNameExtension.isEmptyAck(e.data()));
        assertThrows(IllegalArgumentException.class, () -> ServerNameExtension.encode("example.com."));
        assertThrows(IllegalArgumentException.class, () -> ServerNameExtension.encode(""));
        assertThrows(IllegalArgumentException.class, () -> ServerNameExtension.encode("bücher.example"));
        assertThrows(IllegalArgumentException.class, () -> ServerNameExtension.encode("a b"));
    }

    @Test
    void supportedVersions() throws AlertException {
        assertEquals("0403040303", Hex.to(SupportedVersionsExtension.encodeClient(List.of(0x304, 0x303)).data()));
        assertEquals(List.of(0x304, 0x303), SupportedVersionsExtension.parseClient(Hex.of("0403040303")));
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(SupportedVersionsExtension::parseClient, Hex.of("00")));
        assertEquals(AlertDescription.DECODE_ERROR,
                alertOf(SupportedVersionsExtension::parseClient, Hex.of("03030403")));
        assertEquals(0x304, SupportedVersionsExtension.parseServer(Hex.of("0304")));
        assertThrows(IllegalArgumentException.class, () -> SupportedVersionsExtension.encodeClient(List.of()));
    }

    @Test
    void groupsAndSignatureAlgorithms() throws AlertException {
        assertEquals(List.of(0x1d, 0x17), SupportedGroupsExtension.parse(
                SupportedGroupsExtension.encode(List.of(0x1d, 0x17)).data()));
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(SupportedGroupsExtension::parse, Hex.of("0000")));
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(SupportedGroupsExtension::parse, Hex.of("0003001d00")));

        Extension cert = SignatureAlgorithmsExtension.encode(ExtensionType.SIGNATURE_ALGORITHMS_CERT, List.of(0x401));
        assertEquals(ExtensionType.SIGNATURE_ALGORITHMS_CERT, cert.type());
        assertEquals(List.of(0x401), SignatureAlgorithmsExtension.parse(cert.data()));
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(SignatureAlgorithmsExtension::parse, Hex.of("0000")));
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(SignatureAlgorithmsExtension::parse, Hex.of("000104")));
        assertThrows(IllegalArgumentException.class, () -> SignatureAlgorithmsExtension.encode(10, List.of(0x403)));
    }

    @Test
    void keyShare() throws AlertException {
        KeyShareExtension.KeyShareEntry a = new KeyShareExtension.KeyShareEntry(0x1d, Samples.filled(32, 1));
        KeyShareExtension.KeyShareEntry b = new KeyShareExtension.KeyShareEntry(0x17, Samples.filled(65, 4));
        assertEquals(List.of(a, b), KeyShareExtension.parseClient(KeyShareExtension.encodeClient(List.of(a, b)).data()));
        assertEquals(List.of(), KeyShareExtension.parseClient(KeyShareExtension.encodeClient(List.of()).data()));
        assertEquals(b, KeyShareExtension.parseServer(KeyShareExtension.encodeServer(b).data()));
        assertEquals(0x17, KeyShareExtension.parseHelloRetryRequest(KeyShareExtension.encodeHelloRetryRequest(0x17).data()));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER,
                alertOf(KeyShareExtension::parseClient, Hex.of("000f 001d 0001 01 0017 0001 02 001d 0001 03")));
        // An empty key_exchange decodes fine and is a share of the wrong length: illegal_parameter (RFC 8446
        // §4.2.8.2). A key_exchange or list that runs past its container is decode_error.
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, alertOf(KeyShareExtension::parseClient, Hex.of("0004 001d 0000")));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, alertOf(KeyShareExtension::parseServer, Hex.of("001d 0000")));
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(KeyShareExtension::parseClient, Hex.of("0005 001d 0020 09")));
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(KeyShareExtension::parseServer, Hex.of("001d 0020 0909")));
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(KeyShareExtension::parseServer, Hex.of("001d 00")));
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(KeyShareExtension::parseClient, Hex.of("0006 001d 0001 09")));
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(KeyShareExtension::parseClient, Hex.of("FFFF 001d")));
        assertThrows(IllegalArgumentException.class, () -> new KeyShareExtension.KeyShareEntry(0x1d, new byte[0]));
    }

    @Test
    void alpn() throws AlertException {
        Extension e = AlpnExtension.encode(List.of("h2", "http/1.1"));
        assertEquals("000c02683208687474702f312e31", Hex.to(e.data()));
        assertEquals(List.of("h2", "http/1.1"), AlpnExtension.parse(e.data()));
        assertEquals("h2", AlpnExtension.parseSingle(AlpnExtension.encode(List.of("h2")).data()));
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(AlpnExtension::parseSingle, e.data()));
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(AlpnExtension::parse, Hex.of("0000")));
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(AlpnExtension::parse, Hex.of("0003 05 6832")));
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(AlpnExtension::parse, Hex.of("0001 00")));
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(AlpnExtension::parse, Hex.of("0004 02 6832 00")));
        String utf8 = "протокол";
        assertEquals(List.of(utf8), AlpnExtension.parse(AlpnExtension.encode(List.of(utf8)).data()));
        assertThrows(IllegalArgumentException.class, () -> AlpnExtension.encode(List.of()));
        assertThrows(IllegalArgumentException.class, () -> AlpnExtension.encode(List.of("")));
        assertThrows(IllegalArgumentException.class, () -> AlpnExtension.encode(List.of("x".repeat(256))));
    }

    @Test
    void cookieCertificateAuthoritiesAndPskModes() throws AlertException {
        assertArrayEquals(new byte[] {9, 8}, CookieExtension.parse(CookieExtension.encode(new byte[] {9, 8}).data()));
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(CookieExtension::parse, Hex.of("0000")));
        assertThrows(IllegalArgumentException.class, () -> CookieExtension.encode(new byte[0]));

        List<byte[]> names = CertificateAuthoritiesExtension.parse(
                CertificateAuthoritiesExtension.encode(List.of(new byte[] {0x30, 0}, new byte[] {0x30, 1, 5})).data());
        assertEquals(2, names.size());
        assertArrayEquals(new byte[] {0x30, 1, 5}, names.get(1));
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(CertificateAuthoritiesExtension::parse, Hex.of("0000")));
        assertEquals(AlertDescription.DECODE_ERROR,
                alertOf(CertificateAuthoritiesExtension::parse, Hex.of("0002 0000")));

        assertEquals(List.of(0, 1), PskKeyExchangeModesExtension.parse(
                PskKeyExchangeModesExtension.encode(List.of(0, 1)).data()));
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(PskKeyExchangeModesExtension::parse, Hex.of("00")));
    }

    @Test
    void extensionBlock() throws AlertException {
        List<Extension> exts = List.of(new Extension(1, new byte[] {5}), new Extension(0xFF01, new byte[0]));
        TlsWriter w = new TlsWriter();
        Extensions.write(w, exts);
        byte[] wire = w.toByteArray();
        assertEquals("0009 0001 0001 05 ff01 0000".replace(" ", ""), Hex.to(wire));
        TlsReader r = new TlsReader(wire, "test");
        assertEquals(exts, Extensions.parse(r));
        r.expectEnd();
        assertEquals(exts.get(1), Extensions.find(exts, 0xFF01));
        assertNull(Extensions.find(exts, 2));
        AlertException dup = assertThrows(AlertException.class,
                () -> Extensions.parse(new TlsReader(Hex.of("0008 0001 0000 0001 0000"), "dup")));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, dup.alert());
        AlertException cut = assertThrows(AlertException.class,
                () -> Extensions.parse(new TlsReader(Hex.of("0005 0001 0002 05"), "cut")));
        assertEquals(AlertDescription.DECODE_ERROR, cut.alert());
    }
}
