package org.securechannel.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Peer input that is wrong must end in an AlertException with the alert RFC 8446 asks for, never in
 * another exception, and never in an allocation sized by an unchecked length.
 */
class MalformedMessageTest {
    static Stream<HandshakeMessage> messages() {
        return Samples.all().stream();
    }

    static AlertDescription alertOf(HandshakeType type, byte[] body) {
        try {
            Samples.parse(type, body);
        } catch (AlertException e) {
            return e.alert();
        } catch (RuntimeException e) {
            throw new AssertionError(type + " threw " + e + " on " + Hex.to(body), e);
        }
        return null;
    }

    @ParameterizedTest
    @MethodSource("messages")
    void everyTruncationIsADecodeError(HandshakeMessage m) throws AlertException {
        byte[] body = Hex.body(m.encode());
        int extensionsStart = extensionsStart(m, body);
        for (int n = 0; n < body.length; n++) {
            byte[] prefix = Arrays.copyOf(body, n);
            if (n == extensionsStart) {
                // RFC 5246 lets a hello end before its extension block; it must then parse as extension-free.
                HandshakeMessage parsed = Samples.parse(m.type(), prefix);
                assertTrue(parsed instanceof ClientHello ch ? ch.extensions().isEmpty()
                        : ((ServerHello) parsed).extensions().isEmpty());
                continue;
            }
            assertEquals(AlertDescription.DECODE_ERROR, alertOf(m.type(), prefix), m.type() + " cut to " + n);
        }
    }

    /** Where the extension block of a hello starts (-1 for other messages): its 2 bytes plus contents end the body. */
    private static int extensionsStart(HandshakeMessage m, byte[] body) {
        if (m instanceof ClientHello ch) {
            return body.length - blockLength(ch.extensions());
        }
        if (m instanceof ServerHello sh) {
            return body.length - blockLength(sh.extensions());
        }
        return -1;
    }

    private static int blockLength(List<Extension> exts) {
        TlsWriter w = new TlsWriter();
        Extensions.write(w, exts);
        return w.length();
    }

    @ParameterizedTest
    @MethodSource("messages")
    void aTrailingByteIsADecodeError(HandshakeMessage m) {
        byte[] body = Hex.body(m.encode());
        byte[] longer = Arrays.copyOf(body, body.length + 1);
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(m.type(), longer));
    }

    @Test
    void duplicateExtensionsAreIllegalParameter() {
        String dup = "0008 0000 0000 0000 0000".replace(" ", "");
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, alertOf(HandshakeType.ENCRYPTED_EXTENSIONS, Hex.of(dup)));
        String hello = "0303" + "00".repeat(32) + "00" + "00021301" + "0100" + "0008 002b0000 002b0000";
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, alertOf(HandshakeType.CLIENT_HELLO, Hex.of(hello)));
    }

    @Test
    void hugeLengthFieldsFailBeforeAllocating() {
        byte[] ff = Samples.filled(64, 0xFF);
        for (HandshakeMessage m : Samples.all()) {
            assertEquals(AlertDescription.DECODE_ERROR, alertOf(m.type(), ff), m.type().toString());
        }
        // certificate_list claims 0xFFFFFF bytes; then a cert_data inside a list that claims 0xFFFFFF.
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(HandshakeType.CERTIFICATE, Hex.of("00 FFFFFF 00")));
        assertEquals(AlertDescription.DECODE_ERROR,
                alertOf(HandshakeType.CERTIFICATE, Hex.of("00 000005 FFFFFF 0000")));
        assertEquals(AlertDescription.DECODE_ERROR,
                alertOf(HandshakeType.CLIENT_HELLO, Hex.of("0303" + "00".repeat(32) + "00" + "FFFF 1301")));
        assertEquals(AlertDescription.DECODE_ERROR,
                alertOf(HandshakeType.NEW_SESSION_TICKET, Hex.of("00000001 00000000 00 FFFF")));
    }

    @Test
    void fieldRulesGiveTheRightAlert() {
        String random = "00".repeat(32);
        // legacy_session_id longer than 32 bytes.
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(HandshakeType.CLIENT_HELLO,
                Hex.of("0303" + random + "21" + "00".repeat(33) + "00021301 0100 0000")));
        // Empty and odd-length cipher_suites, empty compression methods.
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(HandshakeType.CLIENT_HELLO,
                Hex.of("0303" + random + "00" + "0000 0100 0000")));
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(HandshakeType.CLIENT_HELLO,
                Hex.of("0303" + random + "00" + "0003 130113 0100 0000")));
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(HandshakeType.CLIENT_HELLO,
                Hex.of("0303" + random + "00" + "0002 1301 00 0000")));
        // Certificate with an empty cert_data.
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(HandshakeType.CERTIFICATE, Hex.of("00 000005 000000 0000")));
        // CertificateRequest with no extensions at all.
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(HandshakeType.CERTIFICATE_REQUEST, Hex.of("00 0000")));
        // NewSessionTicket: empty ticket; lifetime of seven days plus one second.
        assertEquals(AlertDescription.DECODE_ERROR,
                alertOf(HandshakeType.NEW_SESSION_TICKET, Hex.of("00000001 00000000 00 0000 0000")));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER,
                alertOf(HandshakeType.NEW_SESSION_TICKET, Hex.of("00093A81 00000000 00 0001 AA 0000")));
        // KeyUpdate with a value other than 0 or 1.
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, alertOf(HandshakeType.KEY_UPDATE, Hex.of("02")));
        // Finished of the wrong hash length.
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(HandshakeType.FINISHED, new byte[48]));
    }

    @Test
    void typesOutsideTls13AreUnexpected() {
        for (HandshakeType t : List.of(HandshakeType.HELLO_REQUEST, HandshakeType.SERVER_KEY_EXCHANGE,
                HandshakeType.SERVER_HELLO_DONE, HandshakeType.CLIENT_KEY_EXCHANGE, HandshakeType.END_OF_EARLY_DATA,
                HandshakeType.MESSAGE_HASH)) {
            assertEquals(AlertDescription.UNEXPECTED_MESSAGE, alertOf(t, new byte[0]), t.toString());
        }
        AlertException e = assertThrows(AlertException.class, () -> HandshakeMessages.parse(null, new byte[0], 32));
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, e.alert());
    }

    /** Random byte flips of valid messages: any outcome but a non-alert exception is acceptable. */
    @Test
    void mutatedMessagesOnlyEverRaiseAlerts() {
        Random rnd = new Random(8446);
        for (HandshakeMessage m : Samples.all()) {
            byte[] body = Hex.body(m.encode());
            for (int i = 0; i < 2000; i++) {
                byte[] mutated = body.clone();
                for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
                    mutated[rnd.nextInt(mutated.length)] = (byte) rnd.nextInt(256);
                }
                try {
                    Samples.parse(m.type(), mutated);
                } catch (AlertException expected) {
                    // fine
                } catch (RuntimeException e) {
                    fail(m.type() + " threw " + e + " on " + Hex.to(mutated), e);
                }
            }
        }
    }
}
