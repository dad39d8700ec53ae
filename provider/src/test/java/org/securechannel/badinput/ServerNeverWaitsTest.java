package org.securechannel.badinput;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.securechannel.badinput.Fixtures.*;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.securechannel.codec.ClientHello;
import org.securechannel.codec.ExtensionType;
import org.securechannel.codec.SupportedVersionsExtension;
import org.securechannel.context.Reason;
import org.securechannel.context.SecurityContext;
import org.securechannel.context.SecurityContextException;

/**
 * A server must never leave a client waiting: whatever first bytes it cannot accept are answered by the very
 * step call that reads them, with a typed exception that carries the alert record to send (and the context is
 * dead afterwards). Waiting (INCOMPLETE_MESSAGE) is right only while the bytes so far could still begin
 * something acceptable.
 */
@Timeout(30)
class ServerNeverWaitsTest {

    /** One step call on a fresh server with {@code input}; it must throw, with {@code reason} and its alert record. */
    private static void refusedAtOnce(byte[] input, Reason reason) {
        refusedAtOnce(server(), input, reason);
    }

    private static void refusedAtOnce(SecurityContext s, byte[] input, Reason reason) {
        SecurityContextException e = expectFailure(reason, () -> s.step(ByteBuffer.wrap(input), ByteBuffer.allocate(64 * 1024)));
        assertArrayEquals(new byte[] {ALERT, 3, 3, 0, 2, 2, (byte) reason.alert().code()}, e.alertToSend(),
                "a plaintext fatal alert record, ready to send");
        assertDead(s);
    }

    // ------------------------------------------------------------------ not TLS at all

    /** HTTP, TLS-looking bytes of the wrong kind, zeros: judged on the first byte or two, not after five. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 40})
    void httpRequestIsRefusedWhateverItsLength(int length) {
        byte[] http = "GET / HTTP/1.1\r\nHost: localhost\r\nAccept: */*\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        refusedAtOnce(Arrays.copyOf(http, length), Reason.UNEXPECTED_MESSAGE);
    }

    @Test
    void unknownFirstByteIsRefusedAlone() {
        for (int b : new int[] {0, 1, 19, 24, 0x47, 0x80, 0xFF}) {
            refusedAtOnce(new byte[] {(byte) b}, Reason.UNEXPECTED_MESSAGE);
        }
    }

    @Test
    void handshakeTypeWithAVersionByteOtherThan3IsRefusedAtTheSecondByte() {
        for (int b : new int[] {0, 2, 4, 0x16, 0xFE}) {
            refusedAtOnce(new byte[] {HANDSHAKE, (byte) b}, Reason.DECODE_ERROR);
        }
    }

    /** Control: a prefix that could still be a TLS record is waited for, not refused. */
    @Test
    void plausiblePrefixesAreWaitedFor() throws Exception {
        for (byte[] prefix : List.of(new byte[] {HANDSHAKE}, new byte[] {HANDSHAKE, 3}, new byte[] {HANDSHAKE, 3, 1},
                new byte[] {HANDSHAKE, 3, 3, 0})) {
            try (SecurityContext s = server()) {
                ByteBuffer in = ByteBuffer.wrap(prefix);
                assertEquals(org.securechannel.context.Status.INCOMPLETE_MESSAGE, s.step(in, ByteBuffer.allocate(1024)).status());
                assertEquals(0, in.position());
            }
        }
    }

    // ------------------------------------------------------------------ old protocol versions

    /**
     * An SSL 2.0-compatible CLIENT-HELLO (RFC 8446 Appendix D.5: it can never negotiate TLS 1.3), whole or just its
     * first byte: the top bit of the length is no content type.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 0})
    void sslV2CompatibleHelloIsRefused(int length) {
        // msg_length 0x2e, CLIENT-HELLO, version 3.1, cipher specs 3 x 3 bytes, no session id, 16-byte challenge.
        byte[] v2 = hex("802e 01 0301 0009 0000 0010 00002f 000035 00000a 000102030405060708090a0b0c0d0e0f");
        refusedAtOnce(length == 0 ? v2 : Arrays.copyOf(v2, length), Reason.UNEXPECTED_MESSAGE);
    }

    /** A real TLS 1.2-only ClientHello, as SunJSSE sends it, to a TLS 1.3-only server: protocol_version, never a silent wait. */
    @Test
    void tls12OnlyClientHelloFromSunJsseIsProtocolVersion() throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLSv1.2", "SunJSSE");
        ctx.init(null, null, null);
        SSLEngine engine = ctx.createSSLEngine("localhost", 443);
        engine.setUseClientMode(true);
        engine.setEnabledProtocols(new String[] {"TLSv1.2"});
        ByteBuffer out = ByteBuffer.allocate(64 * 1024);
        engine.wrap(ByteBuffer.allocate(0), out);
        byte[] hello = Arrays.copyOf(out.array(), out.position());
        assertEquals(HANDSHAKE, hello[0]);
        org.securechannel.codec.Extension versions = parseClientHello(hello).extension(ExtensionType.SUPPORTED_VERSIONS);
        assertTrue(versions == null || !SupportedVersionsExtension.parseClient(versions.data()).contains(0x0304),
                "SunJSSE limited to TLS 1.2 must not offer TLS 1.3");
        refusedAtOnce(tls13OnlyServer(), hello, Reason.PROTOCOL_VERSION);
    }

    /** Hellos of TLS 1.0, SSL 3.0 and TLS 1.2 without supported_versions, in records of their own era, to a 1.3-only server. */
    @ParameterizedTest
    @ValueSource(ints = {0x0303, 0x0302, 0x0301, 0x0300})
    void helloWithoutSupportedVersionsIsProtocolVersion(int version) throws Exception {
        refusedAtOnce(tls13OnlyServer(), oldHello(version), Reason.PROTOCOL_VERSION);
    }

    /** A server that also enables TLS 1.2 refuses what is older at once, too (RFC 8996). */
    @ParameterizedTest
    @ValueSource(ints = {0x0302, 0x0301, 0x0300})
    void helloBelowTls12IsProtocolVersionAtATls12Server(int version) throws Exception {
        refusedAtOnce(oldHello(version), Reason.PROTOCOL_VERSION);
    }

    private static byte[] oldHello(int version) throws Exception {
        ClientHello h = realClientHello();
        ClientHello old = new ClientHello(version, h.random(), h.legacySessionId(), h.cipherSuites(), h.compressionMethods(),
                replace(h.extensions(), ExtensionType.SUPPORTED_VERSIONS, null));
        return record(HANDSHAKE, Math.min(version, 0x0301), old.encode());
    }

    /** supported_versions that lists only older versions (and unknown ones), to a 1.3-only server; below 1.2 to any. */
    @Test
    void supportedVersionsWithoutTls13IsProtocolVersion() throws Exception {
        ClientHello h = realClientHello();
        for (List<Integer> versions : List.of(List.of(0x0303), List.of(0x0303, 0x0302, 0x0301), List.of(0x7F17, 0x0305))) {
            refusedAtOnce(tls13OnlyServer(), handshakeRecord(withExtensions(h, replace(h.extensions(), ExtensionType.SUPPORTED_VERSIONS,
                    SupportedVersionsExtension.encodeClient(versions)))), Reason.PROTOCOL_VERSION);
        }
        for (List<Integer> versions : List.of(List.of(0x0302, 0x0301), List.of(0x7F17, 0x0305))) {
            refusedAtOnce(handshakeRecord(withExtensions(h, replace(h.extensions(), ExtensionType.SUPPORTED_VERSIONS,
                    SupportedVersionsExtension.encodeClient(versions)))), Reason.PROTOCOL_VERSION);
        }
    }

    /** The refusal of a whole bad hello comes in the same call even when more bytes follow it. */
    @Test
    void refusalDoesNotWaitForTheRestOfTheFlight() throws Exception {
        ClientHello h = realClientHello();
        byte[] tls12 = handshakeRecord(withExtensions(h, replace(h.extensions(), ExtensionType.SUPPORTED_VERSIONS, null)));
        refusedAtOnce(tls13OnlyServer(), concat(tls12, new byte[] {HANDSHAKE, 3, 3, 0}), Reason.PROTOCOL_VERSION);
    }
}
