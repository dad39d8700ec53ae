package org.securechannel.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.AlpnExtension;
import org.securechannel.codec.CertificateAuthoritiesExtension;
import org.securechannel.codec.CertificateMessage;
import org.securechannel.codec.CertificateRequest;
import org.securechannel.codec.CertificateVerify;
import org.securechannel.codec.ClientHello;
import org.securechannel.codec.CookieExtension;
import org.securechannel.codec.EncryptedExtensions;
import org.securechannel.codec.ExtensionType;
import org.securechannel.codec.Extensions;
import org.securechannel.codec.Finished;
import org.securechannel.codec.HandshakeMessage;
import org.securechannel.codec.HandshakeMessages;
import org.securechannel.codec.HandshakeType;
import org.securechannel.codec.KeyShareExtension;
import org.securechannel.codec.KeyUpdate;
import org.securechannel.codec.NewSessionTicket;
import org.securechannel.codec.PskKeyExchangeModesExtension;
import org.securechannel.codec.ServerHello;
import org.securechannel.codec.ServerNameExtension;
import org.securechannel.codec.SignatureAlgorithmsExtension;
import org.securechannel.codec.SupportedGroupsExtension;
import org.securechannel.codec.SupportedVersionsExtension;
import org.securechannel.codec.TlsReader;
import org.securechannel.codec.TlsWriter;

/**
 * Every handshake message and extension codec on arbitrary bytes: parsing may only fail with a protocol
 * AlertException, and whatever parses must encode back to exactly the bytes it came from (our encoders are
 * canonical, and so is the TLS syntax, except where noted), and parse again to the same encoding.
 *
 * <p>Regression inputs: {@code src/test/resources/org/securechannel/fuzz/CodecFuzzTestInputs/<method>/}.
 */
class CodecFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void clientHello(byte[] body) {
        Oracle.codec(() -> {
            ClientHello m = ClientHello.parse(body);
            // A hello without an extension block re-encodes with an empty one: every hello we send has it.
            assertRoundTrip(helloExpected(body, m, m.extensions().isEmpty()), m, ClientHello::parse);
        });
    }

    @FuzzTest(maxDuration = "10s")
    void serverHello(byte[] body) {
        Oracle.codec(() -> {
            ServerHello m = ServerHello.parse(body);
            assertRoundTrip(helloExpected(body, m, m.extensions().isEmpty()), m, ServerHello::parse);
            m.isHelloRetryRequest();
            m.hasDowngradeSentinel();
        });
    }

    @FuzzTest(maxDuration = "10s")
    void encryptedExtensions(byte[] body) {
        Oracle.codec(() -> assertRoundTrip(body, EncryptedExtensions.parse(body), EncryptedExtensions::parse));
    }

    @FuzzTest(maxDuration = "10s")
    void certificate(byte[] body) {
        Oracle.codec(() -> assertRoundTrip(body, CertificateMessage.parse(body), CertificateMessage::parse));
    }

    @FuzzTest(maxDuration = "10s")
    void certificateRequest(byte[] body) {
        Oracle.codec(() -> assertRoundTrip(body, CertificateRequest.parse(body), CertificateRequest::parse));
    }

    @FuzzTest(maxDuration = "10s")
    void certificateVerify(byte[] body) {
        Oracle.codec(() -> assertRoundTrip(body, CertificateVerify.parse(body), CertificateVerify::parse));
    }

    @FuzzTest(maxDuration = "10s")
    void finished(byte[] body) {
        Oracle.codec(() -> {
            for (int hashLength : new int[] {32, 48}) {
                try {
                    assertRoundTrip(body, Finished.parse(body, hashLength), b -> Finished.parse(b, hashLength));
                } catch (AlertException e) {
                    Oracle.expectProtocolAlert(e);
                }
            }
        });
    }

    @FuzzTest(maxDuration = "10s")
    void newSessionTicket(byte[] body) {
        Oracle.codec(() -> assertRoundTrip(body, NewSessionTicket.parse(body), NewSessionTicket::parse));
    }

    @FuzzTest(maxDuration = "10s")
    void keyUpdate(byte[] body) {
        Oracle.codec(() -> assertRoundTrip(body, KeyUpdate.parse(body), KeyUpdate::parse));
    }

    /** The type dispatch the handshake uses: first byte is the type code, the rest the body. */
    @FuzzTest(maxDuration = "10s")
    void anyHandshakeMessage(byte[] data) {
        if (data.length < 1) {
            return;
        }
        byte[] body = Arrays.copyOfRange(data, 1, data.length);
        Oracle.codec(() -> {
            HandshakeMessage m = HandshakeMessages.parse(HandshakeType.of(data[0] & 0xFF), body, 32);
            assertEquals(data[0] & 0xFF, m.type().code());
            byte[] encoded = m.encode();
            // Only the hellos may grow (by an empty extension block) when re-encoded.
            if (!(m instanceof ClientHello) && !(m instanceof ServerHello)) {
                assertArrayEquals(body, Arrays.copyOfRange(encoded, 4, encoded.length));
            }
        });
    }

    /** Extension blocks and every extension codec; the first byte picks the codec. */
    @FuzzTest(maxDuration = "10s")
    void extension(byte[] data) {
        if (data.length < 1) {
            return;
        }
        byte[] d = Arrays.copyOfRange(data, 1, data.length);
        Oracle.codec(() -> {
            switch ((data[0] & 0xFF) % 14) {
                case 0 -> {
                    TlsReader r = new TlsReader(d, "extensions");
                    var exts = Extensions.parse(r);
                    r.expectEnd();
                    TlsWriter w = new TlsWriter();
                    Extensions.write(w, exts);
                    assertArrayEquals(d, w.toByteArray());
                }
                case 1 -> assertArrayEquals(d, KeyShareExtension.encodeClient(KeyShareExtension.parseClient(d)).data());
                case 2 -> assertArrayEquals(d, KeyShareExtension.encodeServer(KeyShareExtension.parseServer(d)).data());
                case 3 -> assertArrayEquals(d,
                        KeyShareExtension.encodeHelloRetryRequest(KeyShareExtension.parseHelloRetryRequest(d)).data());
                case 4 -> {
                    List<String> names = AlpnExtension.parse(d);
                    if (allUtf8(d)) {
                        assertArrayEquals(d, AlpnExtension.encode(names).data());
                    }
                }
                case 5 -> AlpnExtension.parseSingle(d);
                case 6 -> {
                    String host = ServerNameExtension.parse(d);
                    // Round trip only for the one-entry list we send; other name types are skipped. A peer's
                    // trailing dot is read (RFC 6066 forbids sending it, and so does our encoder).
                    if (host != null && d.length == host.length() + 5 && !host.endsWith(".")) {
                        assertArrayEquals(d, ServerNameExtension.encode(host).data());
                    }
                }
                case 7 -> assertArrayEquals(d, SignatureAlgorithmsExtension.encode(ExtensionType.SIGNATURE_ALGORITHMS,
                        SignatureAlgorithmsExtension.parse(d)).data());
                case 8 -> assertArrayEquals(d, SupportedGroupsExtension.encode(SupportedGroupsExtension.parse(d)).data());
                case 9 -> assertArrayEquals(d,
                        SupportedVersionsExtension.encodeClient(SupportedVersionsExtension.parseClient(d)).data());
                case 10 -> assertArrayEquals(d,
                        SupportedVersionsExtension.encodeServer(SupportedVersionsExtension.parseServer(d)).data());
                case 11 -> assertArrayEquals(d, CookieExtension.encode(CookieExtension.parse(d)).data());
                case 12 -> assertArrayEquals(d,
                        PskKeyExchangeModesExtension.encode(PskKeyExchangeModesExtension.parse(d)).data());
                default -> assertArrayEquals(d,
                        CertificateAuthoritiesExtension.encode(CertificateAuthoritiesExtension.parse(d)).data());
            }
        });
    }

    interface Parser<T extends HandshakeMessage> {
        T parse(byte[] body) throws AlertException;
    }

    /** encode(parse(body)) == expected, and parsing that encoding gives the same encoding again. */
    private static <T extends HandshakeMessage> void assertRoundTrip(byte[] expected, T m, Parser<T> parser)
            throws AlertException {
        byte[] encoded = m.encode();
        assertEquals(expected.length, encoded.length - 4, "re-encoded length");
        assertArrayEquals(expected, Arrays.copyOfRange(encoded, 4, encoded.length), "re-encoded body");
        int announced = ((encoded[1] & 0xFF) << 16) | ((encoded[2] & 0xFF) << 8) | (encoded[3] & 0xFF);
        assertEquals(expected.length, announced, "header length");
        byte[] again = parser.parse(Arrays.copyOfRange(encoded, 4, encoded.length)).encode();
        assertArrayEquals(encoded, again, "second round trip");
    }

    /**
     * A hello that ends before its extension block (legal for pre-TLS 1.3 peers) re-encodes with an empty
     * block: every hello we send has one. So the expectation is the input, or the input plus 00 00.
     */
    private static byte[] helloExpected(byte[] body, HandshakeMessage m, boolean noExtensions) {
        return noExtensions && m.encode().length - 4 == body.length + 2 ? concat(body, new byte[2]) : body;
    }

    private static boolean allUtf8(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
