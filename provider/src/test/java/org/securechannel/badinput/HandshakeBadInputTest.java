package org.securechannel.badinput;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.securechannel.badinput.Fixtures.*;

import java.nio.ByteBuffer;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.securechannel.codec.AlpnExtension;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.ClientHello;
import org.securechannel.codec.CookieExtension;
import org.securechannel.codec.Extension;
import org.securechannel.codec.ExtensionType;
import org.securechannel.codec.KeyShareExtension;
import org.securechannel.codec.KeyShareExtension.KeyShareEntry;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.ServerHello;
import org.securechannel.codec.ServerNameExtension;
import org.securechannel.codec.SignatureAlgorithmsExtension;
import org.securechannel.codec.SupportedGroupsExtension;
import org.securechannel.codec.SupportedVersionsExtension;
import org.securechannel.codec.TlsWriter;
import org.securechannel.context.Credentials;
import org.securechannel.context.Reason;
import org.securechannel.context.Result;
import org.securechannel.context.SecurityContext;
import org.securechannel.context.SecurityContextException;
import org.securechannel.context.Status;

/**
 * Handshake-message bad input (RFC 8446 §4, §9.2): ClientHellos crafted from a real engine ClientHello and
 * fed to a server; ServerHellos and HelloRetryRequests from a real server, modified and fed to a client.
 */
@Timeout(30)
class HandshakeBadInputTest {

    // ================================================================== server side: ClientHello

    private static ClientHello hello;

    private static ClientHello hello() throws Exception {
        if (hello == null) {
            hello = realClientHello();
        }
        return hello;
    }

    private static void serverRejects(ClientHello h, Reason reason) {
        stepFails(server(), handshakeRecord(h), reason);
    }

    private static void serverRejects(byte[] handshakeMessage, Reason reason) {
        stepFails(server(), record(HANDSHAKE, handshakeMessage), reason);
    }

    /** A ClientHello encoding that may break the codec's own rules (e.g. duplicate extensions). */
    static byte[] rawClientHello(int version, byte[] random, byte[] sessionId, List<Integer> suites, byte[] compression,
            List<Extension> extensions) {
        TlsWriter w = new TlsWriter();
        w.u8(1);
        w.vector24(b -> {
            b.u16(version).bytes(random).vector8(sessionId);
            b.vector16(v -> suites.forEach(v::u16));
            b.vector8(compression);
            b.vector16(v -> extensions.forEach(e -> v.u16(e.type()).vector16(e.data())));
        });
        return w.toByteArray();
    }

    static byte[] rawClientHello(ClientHello h, List<Extension> extensions) {
        return rawClientHello(h.legacyVersion(), h.random(), h.legacySessionId(), h.cipherSuites(), h.compressionMethods(), extensions);
    }

    @Test
    void unmodifiedReencodedHelloIsAccepted() throws Exception {
        // Positive control: the codec round trip is exact and the server goes on.
        try (SecurityContext c = client(); SecurityContext s = server()) {
            byte[] rec = clientHelloRecord(c);
            assertArrayEquals(rec, handshakeRecord(parseClientHello(rec)));
            assertArrayEquals(rec, record(HANDSHAKE, rawClientHello(parseClientHello(rec), parseClientHello(rec).extensions())));
            Result r = s.step(ByteBuffer.wrap(rec), ByteBuffer.allocate(64 * 1024));
            assertEquals(Status.CONTINUE_NEEDED, r.status());
        }
    }

    @Test
    void noSupportedVersionsIsProtocolVersionAtATls13OnlyServer() throws Exception {
        ClientHello h = hello();
        stepFails(tls13OnlyServer(), handshakeRecord(withExtensions(h, replace(h.extensions(), ExtensionType.SUPPORTED_VERSIONS, null))),
                Reason.PROTOCOL_VERSION);
    }

    @Test
    void supportedVersionsWithoutTls13IsProtocolVersionAtATls13OnlyServer() throws Exception {
        ClientHello h = hello();
        stepFails(tls13OnlyServer(), handshakeRecord(withExtensions(h, replace(h.extensions(), ExtensionType.SUPPORTED_VERSIONS,
                SupportedVersionsExtension.encodeClient(List.of(0x0303, 0x0302))))), Reason.PROTOCOL_VERSION);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x0301, 0x0300, 0x0304, 0x0200})
    void legacyVersionNot0303IsProtocolVersion(int version) throws Exception {
        ClientHello h = hello();
        serverRejects(new ClientHello(version, h.random(), h.legacySessionId(), h.cipherSuites(), h.compressionMethods(), h.extensions()),
                Reason.PROTOCOL_VERSION);
    }

    @Test
    void compressionOtherThanNullIsIllegalParameter() throws Exception {
        ClientHello h = hello();
        for (byte[] comp : new byte[][] {{1}, {0, 1}, {1, 0}, {0, 0}}) {
            serverRejects(new ClientHello(h.legacyVersion(), h.random(), h.legacySessionId(), h.cipherSuites(), comp, h.extensions()),
                    Reason.ILLEGAL_PARAMETER);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {ExtensionType.KEY_SHARE, ExtensionType.SUPPORTED_GROUPS, ExtensionType.SIGNATURE_ALGORITHMS})
    void missingMandatoryExtensionIsMissingExtension(int type) throws Exception {
        ClientHello h = hello();
        serverRejects(withExtensions(h, replace(h.extensions(), type, null)), Reason.MISSING_EXTENSION);
    }

    @Test
    void keyShareForGroupNotInSupportedGroupsIsIllegalParameter() throws Exception {
        ClientHello h = hello();
        // Offer only P-256 in supported_groups while the share stays x25519.
        serverRejects(withExtensions(h, replace(h.extensions(), ExtensionType.SUPPORTED_GROUPS,
                SupportedGroupsExtension.encode(List.of(NamedGroup.SECP256R1.code())))), Reason.ILLEGAL_PARAMETER);
    }

    @Test
    void twoSharesForOneGroupIsIllegalParameter() throws Exception {
        ClientHello h = hello();
        byte[] x = new byte[32];
        x[0] = 9;
        serverRejects(withExtensions(h, replace(h.extensions(), ExtensionType.KEY_SHARE, KeyShareExtension.encodeClient(List.of(
                new KeyShareEntry(NamedGroup.X25519.code(), x), new KeyShareEntry(NamedGroup.X25519.code(), x))))),
                Reason.ILLEGAL_PARAMETER);
    }

    /**
     * A ClientHello whose one share and one supported group are {@code group}: with a hybrid also listed, our
     * server would ask for the hybrid instead and never look at this share (RFC 8446 §4.2.8 lets it).
     */
    private static void shareRejected(NamedGroup group, byte[] value) throws Exception {
        ClientHello h = hello();
        List<Extension> ext = replace(h.extensions(), ExtensionType.KEY_SHARE,
                KeyShareExtension.encodeClient(List.of(new KeyShareEntry(group.code(), value))));
        ext = replace(ext, ExtensionType.SUPPORTED_GROUPS,
                SupportedGroupsExtension.encode(List.of(group.code())));
        serverRejects(withExtensions(h, ext), Reason.ILLEGAL_PARAMETER);
    }

    static byte[] p256Point() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        ECPublicKey k = (ECPublicKey) g.generateKeyPair().getPublic();
        byte[] out = new byte[65];
        out[0] = 4;
        byte[] x = k.getW().getAffineX().toByteArray();
        byte[] y = k.getW().getAffineY().toByteArray();
        System.arraycopy(x, Math.max(0, x.length - 32), out, 1 + 32 - Math.min(32, x.length), Math.min(32, x.length));
        System.arraycopy(y, Math.max(0, y.length - 32), out, 33 + 32 - Math.min(32, y.length), Math.min(32, y.length));
        return out;
    }

    @Test
    void invalidX25519SharesAreIllegalParameter() throws Exception {
        shareRejected(NamedGroup.X25519, new byte[32]);             // all zero: small-order, zero shared secret
        shareRejected(NamedGroup.X25519, new byte[31]);             // wrong length
        shareRejected(NamedGroup.X25519, new byte[33]);
        byte[] one = new byte[32];
        one[0] = 1;                                                  // u = 1: order-1 point, zero shared secret
        shareRejected(NamedGroup.X25519, one);
        shareRejected(NamedGroup.X25519, new byte[] {1});
    }

    @Test
    void invalidP256SharesAreIllegalParameter() throws Exception {
        byte[] good = p256Point();
        byte[] offCurve = good.clone();
        offCurve[64] ^= 1;
        shareRejected(NamedGroup.SECP256R1, offCurve);
        byte[] compressed = new byte[33];
        compressed[0] = 2;
        System.arraycopy(good, 1, compressed, 1, 32);
        shareRejected(NamedGroup.SECP256R1, compressed);              // compressed form is not allowed
        byte[] badPrefix = good.clone();
        badPrefix[0] = 3;
        shareRejected(NamedGroup.SECP256R1, badPrefix);
        shareRejected(NamedGroup.SECP256R1, Arrays.copyOf(good, 64)); // wrong length
        shareRejected(NamedGroup.SECP256R1, new byte[65]);            // 0x00... not a point
        byte[] zero = new byte[65];
        zero[0] = 4;                                                   // (0,0) is not on the curve
        shareRejected(NamedGroup.SECP256R1, zero);
        byte[] big = new byte[65];
        Arrays.fill(big, (byte) 0xFF);
        big[0] = 4;                                                    // coordinates >= p
        shareRejected(NamedGroup.SECP256R1, big);
    }

    @Test
    void duplicateExtensionIsIllegalParameter() throws Exception {
        ClientHello h = hello();
        List<Extension> ext = new ArrayList<>(h.extensions());
        ext.add(0, h.extension(ExtensionType.SIGNATURE_ALGORITHMS));
        serverRejects(rawClientHello(h, ext), Reason.ILLEGAL_PARAMETER);
        List<Extension> unknownTwice = new ArrayList<>(h.extensions());
        unknownTwice.add(new Extension(0x7A7A, new byte[0]));
        unknownTwice.add(new Extension(0x7A7A, new byte[0]));
        serverRejects(rawClientHello(h, unknownTwice), Reason.ILLEGAL_PARAMETER);
    }

    @Test
    void onlyUnsupportedCipherSuitesIsHandshakeFailure() throws Exception {
        ClientHello h = hello();
        serverRejects(new ClientHello(h.legacyVersion(), h.random(), h.legacySessionId(), List.of(0x1304, 0x1305, 0xC02F, 0x00FF),
                h.compressionMethods(), h.extensions()), Reason.HANDSHAKE_FAILURE);
    }

    @Test
    void onlyUnsupportedGroupsIsHandshakeFailure() throws Exception {
        ClientHello h = hello();
        // secp521r1, x448, ffdhe8192: none of them ours (ffdhe2048-4096 are).
        List<Extension> ext = replace(h.extensions(), ExtensionType.SUPPORTED_GROUPS, SupportedGroupsExtension.encode(List.of(0x0019, 0x001E, 0x0104)));
        ext = replace(ext, ExtensionType.KEY_SHARE, KeyShareExtension.encodeClient(List.of(new KeyShareEntry(0x001E, new byte[56]))));
        serverRejects(withExtensions(h, ext), Reason.HANDSHAKE_FAILURE);
    }

    @Test
    void onlyUnsupportedSignatureSchemesIsHandshakeFailure() throws Exception {
        ClientHello h = hello();
        // SHA-1 schemes, PKCS#1 v1.5 (not for TLS 1.3 CertificateVerify) and an unknown code.
        serverRejects(withExtensions(h, replace(h.extensions(), ExtensionType.SIGNATURE_ALGORITHMS,
                SignatureAlgorithmsExtension.encode(ExtensionType.SIGNATURE_ALGORITHMS, List.of(0x0201, 0x0203, 0x0401, 0xFEFE)))),
                Reason.HANDSHAKE_FAILURE);
    }

    @Test
    void truncatedClientHelloInAWholeRecordIsDecodeError() throws Exception {
        byte[] msg = hello().encode();
        // Cut the body at many points and fix the 3-byte length so the message itself looks complete.
        for (int cut = 1; cut < msg.length - 4; cut += 7) {
            byte[] t = Arrays.copyOf(msg, msg.length - cut);
            int len = t.length - 4;
            t[1] = (byte) (len >>> 16);
            t[2] = (byte) (len >>> 8);
            t[3] = (byte) len;
            serverRejects(t, Reason.DECODE_ERROR);
        }
    }

    @Test
    void trailingBytesAfterClientHelloExtensionsIsDecodeError() throws Exception {
        byte[] msg = hello().encode();
        byte[] t = Arrays.copyOf(msg, msg.length + 3);
        int len = t.length - 4;
        t[1] = (byte) (len >>> 16);
        t[2] = (byte) (len >>> 8);
        t[3] = (byte) len;
        serverRejects(t, Reason.DECODE_ERROR);
    }

    @Test
    void internalLengthFieldsThatLieAreDecodeError() throws Exception {
        byte[] msg = hello().encode();
        int sidAt = 4 + 2 + 32;
        for (int v : new int[] {0xFF, 33, 0}) {
            byte[] t = msg.clone();
            t[sidAt] = (byte) v;
            // A wrong session id length shifts every later field; whatever breaks first, it is a decode_error
            // (33 is also just too long for a session id).
            expectDecodeOrIllegal(t);
        }
        int suitesAt = sidAt + 1 + 32;
        byte[] odd = msg.clone();
        odd[suitesAt + 1] = (byte) (odd[suitesAt + 1] | 1); // odd cipher_suites length
        expectDecodeOrIllegal(odd);
        byte[] emptySuites = msg.clone();
        emptySuites[suitesAt] = 0;
        emptySuites[suitesAt + 1] = 0;
        expectDecodeOrIllegal(emptySuites);
    }

    private static void expectDecodeOrIllegal(byte[] msg) {
        SecurityContext s = server();
        expectFailureOneOf(java.util.Set.of(Reason.DECODE_ERROR, Reason.ILLEGAL_PARAMETER),
                () -> s.step(ByteBuffer.wrap(record(HANDSHAKE, msg)), ByteBuffer.allocate(64 * 1024)));
        assertDead(s);
    }

    @Test
    void emptyCompressionMethodsIsDecodeError() throws Exception {
        ClientHello h = hello();
        TlsWriter w = new TlsWriter();
        w.u8(1);
        w.vector24(b -> {
            b.u16(h.legacyVersion()).bytes(h.random()).vector8(h.legacySessionId());
            b.vector16(v -> h.cipherSuites().forEach(v::u16));
            b.vector8(new byte[0]);
            b.vector16(v -> h.extensions().forEach(e -> v.u16(e.type()).vector16(e.data())));
        });
        serverRejects(w.toByteArray(), Reason.DECODE_ERROR);
    }

    @Test
    void serverHelloSentToAServerIsUnexpectedMessage() throws Exception {
        ServerHello sh = new ServerHello(0x0303, new byte[32], new byte[0], 0x1301, 0,
                List.of(SupportedVersionsExtension.encodeServer(0x0304)));
        serverRejects(sh.encode(), Reason.UNEXPECTED_MESSAGE);
        // Other messages that a server never receives first.
        serverRejects(new byte[] {8, 0, 0, 2, 0, 0}, Reason.UNEXPECTED_MESSAGE);       // EncryptedExtensions
        serverRejects(new byte[] {20, 0, 0, 32, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, Reason.UNEXPECTED_MESSAGE);           // Finished
    }

    @Test
    void clientHelloSpanningAKeyChangeIsUnexpectedMessage() throws Exception {
        byte[] ch = hello().encode();
        // The ClientHello and the start of another message in one record: those bytes would be read under
        // the wrong keys (RFC 8446 §5.1: handshake messages MUST NOT span key changes).
        stepFails(server(), record(HANDSHAKE, concat(ch, new byte[] {20, 0})), Reason.UNEXPECTED_MESSAGE);
        stepFails(server(), record(HANDSHAKE, concat(ch, new byte[] {20, 0, 0, 32})), Reason.UNEXPECTED_MESSAGE);
        stepFails(server(), record(HANDSHAKE, concat(ch, new byte[] {20, 0, 0, 1, 0})), Reason.UNEXPECTED_MESSAGE);
    }

    @Test
    void secondClientHelloWithoutHrrIsUnexpectedMessage() throws Exception {
        // The server answered the first hello with a full flight; a second plaintext hello must not be taken.
        SecurityContext s = server();
        step(s, handshakeRecord(hello()));
        SecurityContextException e = expectFailure(Reason.UNEXPECTED_MESSAGE,
                () -> s.step(ByteBuffer.wrap(handshakeRecord(hello())), ByteBuffer.allocate(64 * 1024)));
        assertEquals(APPDATA, e.alertToSend()[0], "after its flight the server's alert is protected");
        assertDead(s);
    }

    // ------------------------------------------------------------------ server side: second ClientHello after HRR

    /** A server that answered a real client's hello with a HelloRetryRequest, and that client's second hello. */
    private record Retry(SecurityContext server, SecurityContext client, ServerHello hrr, ClientHello second) {
    }

    private static Retry retry() throws Exception {
        SecurityContext server = SecurityContext.server(serverBuilder().groups(NamedGroup.SECP256R1).build());
        SecurityContext client = client();
        byte[] hrrFlight = step(server, clientHelloRecord(client));
        ServerHello hrr = parseServerHello(records(hrrFlight).get(0));
        assertTrue(hrr.isHelloRetryRequest());
        byte[] secondFlight = step(client, hrrFlight);
        ClientHello second = null;
        for (byte[] r : records(secondFlight)) {
            if (r[0] == HANDSHAKE) {
                second = parseClientHello(r);
            }
        }
        return new Retry(server, client, hrr, second);
    }

    @Test
    void unmodifiedSecondClientHelloIsAccepted() throws Exception {
        Retry r = retry();
        Result res = r.server.step(ByteBuffer.wrap(handshakeRecord(r.second)), ByteBuffer.allocate(64 * 1024));
        assertEquals(Status.CONTINUE_NEEDED, res.status());
    }

    @Test
    void secondClientHelloWithOtherGroupIsIllegalParameter() throws Exception {
        Retry r = retry();
        byte[] x = new byte[32];
        x[0] = 9;
        stepFails(r.server, handshakeRecord(withExtensions(r.second, replace(r.second.extensions(), ExtensionType.KEY_SHARE,
                KeyShareExtension.encodeClient(List.of(new KeyShareEntry(NamedGroup.X25519.code(), x)))))), Reason.ILLEGAL_PARAMETER);
    }

    @Test
    void secondClientHelloWithExtraShareIsIllegalParameter() throws Exception {
        Retry r = retry();
        byte[] x = new byte[32];
        x[0] = 9;
        KeyShareEntry p256 = KeyShareExtension.parseClient(r.second.extension(ExtensionType.KEY_SHARE).data()).get(0);
        stepFails(r.server, handshakeRecord(withExtensions(r.second, replace(r.second.extensions(), ExtensionType.KEY_SHARE,
                KeyShareExtension.encodeClient(List.of(new KeyShareEntry(NamedGroup.X25519.code(), x), p256))))), Reason.ILLEGAL_PARAMETER);
    }

    @Test
    void secondClientHelloWithoutCookieIsMissingExtension() throws Exception {
        Retry r = retry();
        stepFails(r.server, handshakeRecord(withExtensions(r.second, replace(r.second.extensions(), ExtensionType.COOKIE, null))),
                Reason.MISSING_EXTENSION);
    }

    @Test
    void secondClientHelloWithChangedCookieIsIllegalParameter() throws Exception {
        Retry r = retry();
        byte[] cookie = CookieExtension.parse(r.second.extension(ExtensionType.COOKIE).data());
        cookie[0] ^= 1;
        stepFails(r.server, handshakeRecord(withExtensions(r.second, replace(r.second.extensions(), ExtensionType.COOKIE,
                CookieExtension.encode(cookie)))), Reason.ILLEGAL_PARAMETER);
    }

    @Test
    void secondClientHelloWithOtherSuitesIsIllegalParameter() throws Exception {
        Retry r = retry();
        ClientHello h = r.second;
        stepFails(r.server, handshakeRecord(new ClientHello(h.legacyVersion(), h.random(), h.legacySessionId(),
                List.of(CipherSuite.TLS_CHACHA20_POLY1305_SHA256.code()), h.compressionMethods(), h.extensions())), Reason.ILLEGAL_PARAMETER);
    }

    @Test
    void secondClientHelloWithoutSupportedVersionsIsProtocolVersion() throws Exception {
        Retry r = retry();
        stepFails(r.server, handshakeRecord(withExtensions(r.second, replace(r.second.extensions(), ExtensionType.SUPPORTED_VERSIONS, null))),
                Reason.PROTOCOL_VERSION);
    }

    @Test
    void secondClientHelloWithoutKeyShareIsMissingExtension() throws Exception {
        Retry r = retry();
        stepFails(r.server, handshakeRecord(withExtensions(r.second, replace(r.second.extensions(), ExtensionType.KEY_SHARE, null))),
                Reason.MISSING_EXTENSION);
    }

    @Test
    void somethingOtherThanClientHelloAfterHrrIsUnexpectedMessage() throws Exception {
        Retry r = retry();
        stepFails(r.server, record(HANDSHAKE, r.hrr.encode()), Reason.UNEXPECTED_MESSAGE);
    }

    // ================================================================== client side: ServerHello / HRR

    /** A client that sent its hello, and the real server's answer split into records (ServerHello first). */
    private record Answer(SecurityContext client, ServerHello serverHello, byte[] serverHelloRecord, List<byte[]> records) {
    }

    private static Answer answer(Credentials.Builder clientB, Credentials.Builder serverB) throws Exception {
        SecurityContext client = SecurityContext.client(clientB.build(), "localhost");
        try (SecurityContext server = SecurityContext.server(serverB.build())) {
            List<byte[]> recs = records(step(server, clientHelloRecord(client)));
            ServerHello sh = parseServerHello(recs.get(0));
            assertArrayEquals(recs.get(0), handshakeRecord(sh), "ServerHello re-encodes exactly");
            return new Answer(client, sh, recs.get(0), recs);
        }
    }

    private static Answer answer() throws Exception {
        return answer(clientBuilder(), serverBuilder());
    }

    private static ServerHello sh(ServerHello h, int version, byte[] random, byte[] sid, int suite, int compression, List<Extension> ext) {
        return new ServerHello(version, random, sid, suite, compression, ext);
    }

    private static void clientRejects(Answer a, ServerHello modified, Reason reason) {
        stepFails(a.client, handshakeRecord(modified), reason);
    }

    @Test
    void unmodifiedServerFlightCompletesTheClient() throws Exception {
        Answer a = answer();
        byte[] all = concat(a.records.toArray(new byte[0][]));
        ByteBuffer in = ByteBuffer.wrap(all);
        Result r = a.client.step(in, ByteBuffer.allocate(64 * 1024));
        assertEquals(Status.OK, r.status());
        a.client.close();
    }

    @Test
    void suiteNotOfferedIsIllegalParameter() throws Exception {
        for (int suite : new int[] {0x1302, 0x1304, 0xC02F, 0x0000}) {
            Answer a = answer(clientBuilder().cipherSuites(CipherSuite.TLS_AES_128_GCM_SHA256), serverBuilder());
            ServerHello h = a.serverHello;
            clientRejects(a, sh(h, h.legacyVersion(), h.random(), h.legacySessionIdEcho(), suite, 0, h.extensions()), Reason.ILLEGAL_PARAMETER);
        }
    }

    @Test
    void wrongSessionIdEchoIsIllegalParameter() throws Exception {
        Answer a = answer();
        ServerHello h = a.serverHello;
        byte[] sid = h.legacySessionIdEcho();
        sid[0] ^= 1;
        clientRejects(a, sh(h, h.legacyVersion(), h.random(), sid, h.cipherSuite(), 0, h.extensions()), Reason.ILLEGAL_PARAMETER);
        a = answer();
        h = a.serverHello;
        clientRejects(a, sh(h, h.legacyVersion(), h.random(), new byte[0], h.cipherSuite(), 0, h.extensions()), Reason.ILLEGAL_PARAMETER);
    }

    @Test
    void compressionIsIllegalParameter() throws Exception {
        Answer a = answer();
        ServerHello h = a.serverHello;
        clientRejects(a, sh(h, h.legacyVersion(), h.random(), h.legacySessionIdEcho(), h.cipherSuite(), 1, h.extensions()), Reason.ILLEGAL_PARAMETER);
    }

    @Test
    void keyShareForGroupWeDidNotSendIsIllegalParameter() throws Exception {
        Answer a = answer();
        clientRejects(a, withExtensions(a.serverHello, replace(a.serverHello.extensions(), ExtensionType.KEY_SHARE,
                KeyShareExtension.encodeServer(new KeyShareEntry(NamedGroup.SECP256R1.code(), p256Point())))), Reason.ILLEGAL_PARAMETER);
        Answer b = answer();
        clientRejects(b, withExtensions(b.serverHello, replace(b.serverHello.extensions(), ExtensionType.KEY_SHARE,
                KeyShareExtension.encodeServer(new KeyShareEntry(0x0019, new byte[133])))), Reason.ILLEGAL_PARAMETER);
    }

    @Test
    void invalidServerKeyShareValueIsIllegalParameter() throws Exception {
        byte[] one = new byte[32];
        one[0] = 1;
        for (byte[] value : new byte[][] {new byte[32], one, new byte[31], new byte[64], {5}}) {
            Answer a = answer();
            clientRejects(a, withExtensions(a.serverHello, replace(a.serverHello.extensions(), ExtensionType.KEY_SHARE,
                    KeyShareExtension.encodeServer(new KeyShareEntry(NamedGroup.X25519.code(), value)))), Reason.ILLEGAL_PARAMETER);
        }
    }

    @Test
    void invalidServerP256ShareIsIllegalParameter() throws Exception {
        byte[] off = p256Point();
        off[64] ^= 1;
        Answer a = answer(clientBuilder().groups(NamedGroup.SECP256R1), serverBuilder());
        clientRejects(a, withExtensions(a.serverHello, replace(a.serverHello.extensions(), ExtensionType.KEY_SHARE,
                KeyShareExtension.encodeServer(new KeyShareEntry(NamedGroup.SECP256R1.code(), off)))), Reason.ILLEGAL_PARAMETER);
    }

    @Test
    void noKeyShareIsMissingExtension() throws Exception {
        Answer a = answer();
        clientRejects(a, withExtensions(a.serverHello, replace(a.serverHello.extensions(), ExtensionType.KEY_SHARE, null)), Reason.MISSING_EXTENSION);
    }

    @Test
    void supportedVersions0303IsIllegalParameter() throws Exception {
        for (int v : new int[] {0x0303, 0x0302, 0x7F1C, 0x0305}) {
            Answer a = answer();
            clientRejects(a, withExtensions(a.serverHello, replace(a.serverHello.extensions(), ExtensionType.SUPPORTED_VERSIONS,
                    SupportedVersionsExtension.encodeServer(v))), Reason.ILLEGAL_PARAMETER);
        }
    }

    /**
     * RFC 8446 §4.2.1: with supported_versions present the client MUST ignore ServerHello.legacy_version. A
     * server that puts something other than 0x0303 there still gets its TLS 1.3 handshake: the client takes the
     * ServerHello and waits for EncryptedExtensions.
     */
    @ParameterizedTest
    @ValueSource(ints = {0x0304, 0x0302, 0x0301, 0x0300, 0x7F1C, 0xFFFF})
    void serverHelloLegacyVersionIsIgnoredWhenSupportedVersionsSelectsTls13(int legacyVersion) throws Exception {
        Answer a = answer();
        ServerHello h = a.serverHello;
        ServerHello modified = sh(h, legacyVersion, h.random(), h.legacySessionIdEcho(), h.cipherSuite(), 0, h.extensions());
        Result r = a.client.step(ByteBuffer.wrap(handshakeRecord(modified)), ByteBuffer.allocate(64 * 1024));
        assertEquals(Status.CONTINUE_NEEDED, r.status());
        a.client.close();
    }

    /** The same for a HelloRetryRequest: the client answers it with its second ClientHello. */
    @ParameterizedTest
    @ValueSource(ints = {0x0304, 0x0301})
    void helloRetryRequestLegacyVersionIsIgnoredToo(int legacyVersion) throws Exception {
        Answer a = hrrAnswer();
        ServerHello h = a.serverHello;
        ServerHello modified = sh(h, legacyVersion, h.random(), h.legacySessionIdEcho(), h.cipherSuite(), 0, h.extensions());
        byte[] out = step(a.client, handshakeRecord(modified));
        boolean secondHello = false;
        for (byte[] rec : records(out)) {
            secondHello |= rec[0] == HANDSHAKE && parseClientHello(rec) != null;
        }
        assertTrue(secondHello, "the client must answer with its second ClientHello");
        a.client.close();
    }

    /** Ignoring legacy_version does not mean ignoring supported_versions: it still must say TLS 1.3. */
    @Test
    void legacyVersion0304WithSupportedVersions0303IsIllegalParameter() throws Exception {
        Answer a = answer();
        ServerHello h = a.serverHello;
        clientRejects(a, sh(h, 0x0304, h.random(), h.legacySessionIdEcho(), h.cipherSuite(), 0,
                replace(h.extensions(), ExtensionType.SUPPORTED_VERSIONS, SupportedVersionsExtension.encodeServer(0x0303))),
                Reason.ILLEGAL_PARAMETER);
    }

    @Test
    void tls12ServerHelloWithDowngradeSentinelIsIllegalParameter() throws Exception {
        for (byte[] sentinel : new byte[][] {ServerHello.DOWNGRADE_TLS12, ServerHello.DOWNGRADE_TLS11}) {
            Answer a = answer();
            ServerHello h = a.serverHello;
            byte[] random = h.random();
            System.arraycopy(sentinel, 0, random, 24, 8);
            clientRejects(a, sh(h, 0x0303, random, h.legacySessionIdEcho(), 0xC02F, 0, List.of()), Reason.ILLEGAL_PARAMETER);
        }
    }

    @Test
    void tls12ServerHelloToATls13OnlyClientIsProtocolVersion() throws Exception {
        Answer a = answer(clientBuilder().cipherSuites(Credentials.DEFAULT_TLS13_SUITES), serverBuilder());
        ServerHello h = a.serverHello;
        clientRejects(a, sh(h, 0x0303, h.random(), h.legacySessionIdEcho(), 0xC02F, 0,
                List.of(new Extension(ExtensionType.RENEGOTIATION_INFO, new byte[] {0}))), Reason.PROTOCOL_VERSION);
        // A TLS 1.0 ServerHello with no extension block at all.
        Answer b = answer();
        TlsWriter w = new TlsWriter();
        w.u8(2).vector24(x -> x.u16(0x0301).bytes(b.serverHello.random()).vector8(b.serverHello.legacySessionIdEcho()).u16(0x002F).u8(0));
        stepFails(b.client, record(HANDSHAKE, w.toByteArray()), Reason.PROTOCOL_VERSION);
    }

    @Test
    void extensionNotOfferedIsUnsupportedExtension() throws Exception {
        for (Extension e : new Extension[] {AlpnExtension.encode(List.of("h2")), ServerNameExtension.emptyAck(),
            new Extension(0x1234, new byte[0]), new Extension(ExtensionType.EARLY_DATA, new byte[0])}) {
            Answer a = answer();
            List<Extension> ext = new ArrayList<>(a.serverHello.extensions());
            ext.add(e);
            clientRejects(a, withExtensions(a.serverHello, ext), Reason.UNSUPPORTED_EXTENSION);
        }
    }

    @Test
    void duplicateExtensionInServerHelloIsIllegalParameter() throws Exception {
        Answer a = answer();
        ServerHello h = a.serverHello;
        TlsWriter w = new TlsWriter();
        w.u8(2).vector24(x -> {
            x.u16(h.legacyVersion()).bytes(h.random()).vector8(h.legacySessionIdEcho()).u16(h.cipherSuite()).u8(0);
            x.vector16(v -> {
                for (Extension e : h.extensions()) {
                    v.u16(e.type()).vector16(e.data());
                }
                Extension sv = h.extension(ExtensionType.SUPPORTED_VERSIONS);
                v.u16(sv.type()).vector16(sv.data());
            });
        });
        stepFails(a.client, record(HANDSHAKE, w.toByteArray()), Reason.ILLEGAL_PARAMETER);
    }

    @Test
    void truncatedServerHelloIsDecodeError() throws Exception {
        byte[] msg = content(answer().serverHelloRecord);
        for (int cut = 1; cut < msg.length - 4; cut += 5) {
            Answer a = answer();
            byte[] t = Arrays.copyOf(msg, msg.length - cut);
            int len = t.length - 4;
            t[1] = (byte) (len >>> 16);
            t[2] = (byte) (len >>> 8);
            t[3] = (byte) len;
            // Cut right after the compression method, what is left is a well-formed ServerHello without extensions:
            // TLS 1.2's shape, in which 0x1301 is a suite we did not offer (illegal_parameter).
            int withoutExtensions = 4 + 2 + 32 + 1 + (msg[4 + 2 + 32] & 0xFF) + 2 + 1;
            stepFails(a.client, record(HANDSHAKE, t), t.length == withoutExtensions ? Reason.ILLEGAL_PARAMETER : Reason.DECODE_ERROR);
        }
    }

    @Test
    void clientHelloSentToAClientIsUnexpectedMessage() throws Exception {
        Answer a = answer();
        stepFails(a.client, handshakeRecord(hello()), Reason.UNEXPECTED_MESSAGE);
    }

    @Test
    void encryptedExtensionsInTheClearIsUnexpectedMessage() throws Exception {
        Answer a = answer();
        stepFails(a.client, record(HANDSHAKE, new byte[] {8, 0, 0, 2, 0, 0}), Reason.UNEXPECTED_MESSAGE);
    }

    @Test
    void serverHelloSpanningAKeyChangeIsUnexpectedMessage() throws Exception {
        Answer a = answer();
        stepFails(a.client, record(HANDSHAKE, concat(content(a.serverHelloRecord), new byte[] {8, 0, 0, 2, 0, 0})), Reason.UNEXPECTED_MESSAGE);
    }

    // ------------------------------------------------------------------ client side: HelloRetryRequest

    /** A client whose first share (x25519) the server cannot take: its answer is a HelloRetryRequest. */
    private static Answer hrrAnswer() throws Exception {
        Answer a = answer(clientBuilder(), serverBuilder().groups(NamedGroup.SECP256R1));
        assertTrue(a.serverHello.isHelloRetryRequest());
        return a;
    }

    @Test
    void unmodifiedHrrIsAnsweredWithASecondHello() throws Exception {
        Answer a = hrrAnswer();
        Result r = a.client.step(ByteBuffer.wrap(a.serverHelloRecord), ByteBuffer.allocate(64 * 1024));
        assertEquals(Status.CONTINUE_NEEDED, r.status());
        a.client.close();
    }

    @Test
    void twoHelloRetryRequestsAreUnexpectedMessage() throws Exception {
        Answer a = hrrAnswer();
        step(a.client, a.serverHelloRecord);
        stepFails(a.client, a.serverHelloRecord, Reason.UNEXPECTED_MESSAGE);
    }

    @Test
    void hrrForAGroupAlreadySentIsIllegalParameter() throws Exception {
        Answer a = hrrAnswer();
        clientRejects(a, withExtensions(a.serverHello, replace(a.serverHello.extensions(), ExtensionType.KEY_SHARE,
                KeyShareExtension.encodeHelloRetryRequest(NamedGroup.X25519.code()))), Reason.ILLEGAL_PARAMETER);
    }

    @Test
    void hrrForAGroupNotOfferedIsIllegalParameter() throws Exception {
        Answer a = answer(clientBuilder().groups(NamedGroup.X25519, NamedGroup.SECP256R1), serverBuilder().groups(NamedGroup.SECP256R1));
        clientRejects(a, withExtensions(a.serverHello, replace(a.serverHello.extensions(), ExtensionType.KEY_SHARE,
                KeyShareExtension.encodeHelloRetryRequest(NamedGroup.SECP384R1.code()))), Reason.ILLEGAL_PARAMETER);
        Answer b = hrrAnswer();
        clientRejects(b, withExtensions(b.serverHello, replace(b.serverHello.extensions(), ExtensionType.KEY_SHARE,
                KeyShareExtension.encodeHelloRetryRequest(0x0019))), Reason.ILLEGAL_PARAMETER);
    }

    @Test
    void hrrThatChangesNothingIsIllegalParameter() throws Exception {
        Answer a = hrrAnswer();
        List<Extension> ext = replace(a.serverHello.extensions(), ExtensionType.KEY_SHARE, null);
        clientRejects(a, withExtensions(a.serverHello, replace(ext, ExtensionType.COOKIE, null)), Reason.ILLEGAL_PARAMETER);
    }

    @Test
    void hrrWithUnofferedExtensionIsUnsupportedExtension() throws Exception {
        Answer a = hrrAnswer();
        List<Extension> ext = new ArrayList<>(a.serverHello.extensions());
        ext.add(AlpnExtension.encode(List.of("h2")));
        clientRejects(a, withExtensions(a.serverHello, ext), Reason.UNSUPPORTED_EXTENSION);
    }

    @Test
    void hrrWithSuiteNotOfferedIsIllegalParameter() throws Exception {
        Answer a = answer(clientBuilder().cipherSuites(CipherSuite.TLS_AES_128_GCM_SHA256), serverBuilder().groups(NamedGroup.SECP256R1));
        ServerHello h = a.serverHello;
        clientRejects(a, sh(h, h.legacyVersion(), h.random(), h.legacySessionIdEcho(), 0x1302, 0, h.extensions()), Reason.ILLEGAL_PARAMETER);
    }

    @Test
    void serverHelloSuiteDifferentFromHrrIsIllegalParameter() throws Exception {
        // HRR chose AES-128; a ServerHello that then picks ChaCha20 must be refused (RFC 8446 §4.1.4).
        SecurityContext client = client();
        SecurityContext server = SecurityContext.server(serverBuilder().groups(NamedGroup.SECP256R1).build());
        byte[] hrr = step(server, clientHelloRecord(client));
        byte[] second = step(client, hrr);
        List<byte[]> flight = records(step(server, second));
        ServerHello h = parseServerHello(flight.get(0));
        assertEquals(0x1301, h.cipherSuite());
        stepFails(client, handshakeRecord(sh(h, h.legacyVersion(), h.random(), h.legacySessionIdEcho(), 0x1303, 0, h.extensions())),
                Reason.ILLEGAL_PARAMETER);
        server.close();
    }

    @Test
    void serverHelloAfterHrrWithTheOldGroupIsIllegalParameter() throws Exception {
        SecurityContext client = client();
        SecurityContext server = SecurityContext.server(serverBuilder().groups(NamedGroup.SECP256R1).build());
        byte[] hrr = step(server, clientHelloRecord(client));
        byte[] second = step(client, hrr);
        List<byte[]> flight = records(step(server, second));
        ServerHello h = parseServerHello(flight.get(0));
        byte[] x = new byte[32];
        x[0] = 9;
        stepFails(client, handshakeRecord(withExtensions(h, replace(h.extensions(), ExtensionType.KEY_SHARE,
                KeyShareExtension.encodeServer(new KeyShareEntry(NamedGroup.X25519.code(), x))))), Reason.ILLEGAL_PARAMETER);
        server.close();
    }

    // ------------------------------------------------------------------ PSK placement, alerts in the clear

    // CCS interleaved inside a split handshake message: see BadInputKnownBugsTest.

    @Test
    void preSharedKeyNotLastIsIllegalParameter() throws Exception {
        ClientHello h = hello();
        List<Extension> ext = new ArrayList<>(h.extensions());
        ext.add(0, new Extension(ExtensionType.PRE_SHARED_KEY, new byte[] {0, 0, 0, 0}));
        serverRejects(withExtensions(h, ext), Reason.ILLEGAL_PARAMETER);
    }

    /** A pre_shared_key body: the identities vector as given, then the binders vector as given (RFC 8446 §4.2.11). */
    private static byte[] pskBody(byte[][] identities, byte[][] binders) {
        java.io.ByteArrayOutputStream ids = new java.io.ByteArrayOutputStream();
        for (byte[] id : identities) {
            ids.write(id.length >>> 8);
            ids.write(id.length);
            ids.writeBytes(id);
            ids.writeBytes(new byte[] {0, 0, 0, 1}); // obfuscated_ticket_age
        }
        java.io.ByteArrayOutputStream bs = new java.io.ByteArrayOutputStream();
        for (byte[] b : binders) {
            bs.write(b.length);
            bs.writeBytes(b);
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(ids.size() >>> 8);
        out.write(ids.size());
        out.writeBytes(ids.toByteArray());
        out.write(bs.size() >>> 8);
        out.write(bs.size());
        out.writeBytes(bs.toByteArray());
        return out.toByteArray();
    }

    private static ClientHello withLastExtension(ClientHello h, Extension last, int... removed) {
        List<Extension> ext = new ArrayList<>(h.extensions());
        for (int type : removed) {
            ext.removeIf(e -> e.type() == type);
        }
        ext.add(last);
        return withExtensions(h, ext);
    }

    @Test
    void preSharedKeyWithoutKeyExchangeModesIsMissingExtension() throws Exception {
        Extension psk = new Extension(ExtensionType.PRE_SHARED_KEY, pskBody(new byte[][] {{1, 2, 3}}, new byte[][] {new byte[32]}));
        serverRejects(withLastExtension(hello(), psk, ExtensionType.PSK_KEY_EXCHANGE_MODES), Reason.MISSING_EXTENSION);
    }

    @Test
    void preSharedKeyWithMoreIdentitiesThanBindersIsIllegalParameter() throws Exception {
        Extension psk = new Extension(ExtensionType.PRE_SHARED_KEY,
                pskBody(new byte[][] {{1, 2, 3}, {4, 5, 6}}, new byte[][] {new byte[32]}));
        serverRejects(withLastExtension(hello(), psk), Reason.ILLEGAL_PARAMETER);
    }

    @Test
    void truncatedPreSharedKeyIsDecodeError() throws Exception {
        byte[] body = pskBody(new byte[][] {{1, 2, 3}}, new byte[][] {new byte[32]});
        for (int cut : new int[] {0, 1, 2, 5, 9, body.length - 33, body.length - 1}) {
            Extension psk = new Extension(ExtensionType.PRE_SHARED_KEY, java.util.Arrays.copyOf(body, cut));
            serverRejects(withLastExtension(hello(), psk), Reason.DECODE_ERROR);
        }
    }

    @Test
    void malformedSignatureAlgorithmsCertIsDecodeError() throws Exception {
        for (byte[] body : new byte[][] {{}, {0}, {0, 2, 4}, {0, 3, 4, 3, 8}, {0, 0}}) {
            Extension cert = new Extension(ExtensionType.SIGNATURE_ALGORITHMS_CERT, body);
            serverRejects(withLastExtension(hello(), cert), Reason.DECODE_ERROR);
        }
    }

    @Test
    void earlyDataWithoutPreSharedKeyIsIllegalParameter() throws Exception {
        serverRejects(withLastExtension(hello(), new Extension(ExtensionType.EARLY_DATA, new byte[0])), Reason.ILLEGAL_PARAMETER);
    }

    @Test
    void anUnknownTicketIsAFullHandshakeNotAnError() throws Exception {
        Extension psk = new Extension(ExtensionType.PRE_SHARED_KEY, pskBody(new byte[][] {new byte[64]}, new byte[][] {new byte[32]}));
        SecurityContext server = server();
        Result r = server.step(ByteBuffer.wrap(handshakeRecord(withLastExtension(hello(), psk))), ByteBuffer.allocate(64 * 1024));
        assertEquals(Status.CONTINUE_NEEDED, r.status(), "a garbage ticket is ignored: the server answers with its full flight");
        server.close();
    }

    @Test
    void clientsPlaintextAlertReachesTheServerAsPeerAlert() throws Exception {
        // The client fails on the ServerHello before it has keys: its alert is plaintext, and the server,
        // which already reads under handshake keys, must still take it as the peer's alert.
        SecurityContext client = client();
        SecurityContext server = server();
        List<byte[]> flight = records(step(server, clientHelloRecord(client)));
        ServerHello h = parseServerHello(flight.get(0));
        SecurityContextException e = stepFails(client, handshakeRecord(sh(h, h.legacyVersion(), h.random(), h.legacySessionIdEcho(),
                h.cipherSuite(), 1, h.extensions())), Reason.ILLEGAL_PARAMETER);
        assertEquals(ALERT, e.alertToSend()[0]);
        SecurityContextException p = expectFailure(Reason.PEER_ALERT,
                () -> server.step(ByteBuffer.wrap(e.alertToSend()), ByteBuffer.allocate(64 * 1024)));
        assertEquals(org.securechannel.codec.AlertDescription.ILLEGAL_PARAMETER, p.peerAlert());
        assertDead(server);
    }
}
