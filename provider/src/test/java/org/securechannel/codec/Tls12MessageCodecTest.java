package org.securechannel.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The TLS 1.2 message and extension codecs (RFC 5246 §7.4, RFC 8422 §5, RFC 7627, RFC 5746): each round-trips,
 * and a body cut at every offset, one with a byte too many, and each field-level violation is refused with
 * the alert RFC 5246 §7.2.2 names (decode_error), or illegal_parameter for a value that decodes but is refused.
 */
class Tls12MessageCodecTest {
    private interface Parser {
        Object parse(byte[] body) throws AlertException;
    }

    private static byte[] body(HandshakeMessage m) {
        byte[] encoded = m.encode();
        return Arrays.copyOfRange(encoded, 4, encoded.length);
    }

    private static void refused(AlertDescription alert, Parser p, byte[] body) {
        AlertException e = assertThrows(AlertException.class, () -> p.parse(body), () -> "parsed " + Arrays.toString(body));
        assertEquals(alert, e.alert(), e.getMessage());
    }

    /** Every proper prefix is decode_error, and so is a trailing byte. */
    private static void truncationsAndTrailingBytesAreDecodeError(Parser p, byte[] body) {
        for (int n = 0; n < body.length; n++) {
            refused(AlertDescription.DECODE_ERROR, p, Arrays.copyOf(body, n));
        }
        refused(AlertDescription.DECODE_ERROR, p, Arrays.copyOf(body, body.length + 1));
    }

    @Test
    void serverKeyExchange() throws Exception {
        byte[] point = new byte[65];
        point[0] = 4;
        ServerKeyExchange ske = new ServerKeyExchange(0x17, point, 0x0403, new byte[] {1, 2, 3});
        byte[] body = body(ske);
        ServerKeyExchange back = ServerKeyExchange.parse(body);
        assertEquals(0x17, back.group());
        assertArrayEquals(point, back.publicValue());
        assertEquals(0x0403, back.signatureScheme());
        assertArrayEquals(new byte[] {1, 2, 3}, back.signature());
        truncationsAndTrailingBytesAreDecodeError(ServerKeyExchange::parse, body);
        byte[] explicitCurve = body.clone();
        explicitCurve[0] = 1; // explicit_prime: deprecated by RFC 8422
        refused(AlertDescription.ILLEGAL_PARAMETER, ServerKeyExchange::parse, explicitCurve);
        refused(AlertDescription.DECODE_ERROR, ServerKeyExchange::parse, new byte[] {3, 0, 0x17, 0, 4, 3, 0, 0});
    }

    @Test
    void clientKeyExchange() throws Exception {
        byte[] body = body(new ClientKeyExchange(new byte[32]));
        assertArrayEquals(new byte[32], ClientKeyExchange.parse(body).publicValue());
        truncationsAndTrailingBytesAreDecodeError(ClientKeyExchange::parse, body);
        refused(AlertDescription.DECODE_ERROR, ClientKeyExchange::parse, new byte[] {0});
    }

    @Test
    void certificate() throws Exception {
        byte[] body = body(new Tls12CertificateMessage(List.of(new byte[] {1, 2, 3}, new byte[] {4})));
        List<byte[]> certs = Tls12CertificateMessage.parse(body).certificates();
        assertEquals(2, certs.size());
        assertArrayEquals(new byte[] {4}, certs.get(1));
        truncationsAndTrailingBytesAreDecodeError(Tls12CertificateMessage::parse, body);
        assertEquals(0, Tls12CertificateMessage.parse(new byte[] {0, 0, 0}).certificates().size(), "an empty list declines");
        refused(AlertDescription.DECODE_ERROR, Tls12CertificateMessage::parse, new byte[] {0, 0, 3, 0, 0, 0});
    }

    @Test
    void certificateRequest() throws Exception {
        byte[] body = body(new Tls12CertificateRequest(new byte[] {64, 1}, List.of(0x0403, 0x0804), List.of(new byte[] {0x30, 0})));
        Tls12CertificateRequest back = Tls12CertificateRequest.parse(body);
        assertEquals(List.of(0x0403, 0x0804), back.signatureSchemes());
        assertArrayEquals(new byte[] {64, 1}, back.certificateTypes());
        truncationsAndTrailingBytesAreDecodeError(Tls12CertificateRequest::parse, body);
        refused(AlertDescription.DECODE_ERROR, Tls12CertificateRequest::parse, new byte[] {0, 0, 2, 4, 3, 0, 0});
        refused(AlertDescription.DECODE_ERROR, Tls12CertificateRequest::parse, new byte[] {1, 64, 0, 0, 0, 0});
        refused(AlertDescription.DECODE_ERROR, Tls12CertificateRequest::parse, new byte[] {1, 64, 0, 3, 4, 3, 8, 0, 0});
        refused(AlertDescription.DECODE_ERROR, Tls12CertificateRequest::parse, new byte[] {1, 64, 0, 2, 4, 3, 0, 2, 0, 0});
    }

    @Test
    void emptyMessages() throws Exception {
        for (EmptyHandshakeMessage m : EmptyHandshakeMessage.values()) {
            assertEquals(m, m.parse(new byte[0]));
            assertEquals(0, body(m).length);
            refused(AlertDescription.DECODE_ERROR, m::parse, new byte[1]);
        }
    }

    @Test
    void helloExtensions() throws Exception {
        assertEquals(true, Tls12HelloExtensions.hasExtendedMasterSecret(Tls12HelloExtensions.extendedMasterSecret()));
        assertEquals(false, Tls12HelloExtensions.hasExtendedMasterSecret(null));
        refused(AlertDescription.DECODE_ERROR, b -> Tls12HelloExtensions.hasExtendedMasterSecret(new Extension(23, b)), new byte[1]);
        assertEquals(0, Tls12HelloExtensions.renegotiatedConnection(Tls12HelloExtensions.emptyRenegotiationInfo()).length);
        for (byte[] bad : new byte[][] {{}, {2, 0}, {0, 0}}) {
            refused(AlertDescription.DECODE_ERROR, b -> Tls12HelloExtensions.renegotiatedConnection(new Extension(0xFF01, b)), bad);
        }
        assertEquals(true, Tls12HelloExtensions.acceptsUncompressed(Tls12HelloExtensions.uncompressedPointsOnly()));
        assertEquals(false, Tls12HelloExtensions.acceptsUncompressed(new Extension(11, new byte[] {1, 1})));
        for (byte[] bad : new byte[][] {{}, {0}, {2, 0}, {1, 0, 0}}) {
            refused(AlertDescription.DECODE_ERROR, b -> Tls12HelloExtensions.acceptsUncompressed(new Extension(11, b)), bad);
        }
    }
}
