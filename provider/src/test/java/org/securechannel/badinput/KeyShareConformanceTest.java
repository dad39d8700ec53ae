package org.securechannel.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.securechannel.badinput.Fixtures.*;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.securechannel.codec.ClientHello;
import org.securechannel.codec.Extension;
import org.securechannel.codec.ExtensionType;
import org.securechannel.codec.KeyShareExtension;
import org.securechannel.codec.KeyShareExtension.KeyShareEntry;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.ServerHello;
import org.securechannel.codec.SupportedGroupsExtension;
import org.securechannel.context.Reason;
import org.securechannel.context.Result;
import org.securechannel.context.SecurityContext;
import org.securechannel.context.Status;
import org.securechannel.testing.Rfc7919;

/**
 * Key shares on the wire (RFC 8446 §4.2.8): a share that decodes but has the wrong length or value for its group
 * is illegal_parameter (§4.2.8.1-2, RFC 7919 §5.1), an empty one included; a key_share whose lengths run past the
 * extension is decode_error. Both ways: ClientHello shares at a server, the ServerHello share at a client.
 */
@Timeout(60)
class KeyShareConformanceTest {

    // ------------------------------------------------------------------ helpers

    /** A real ClientHello of a client offering {@code groups}, its shares replaced by {@code shares}. */
    private static ClientHello helloWith(List<NamedGroup> groups, Extension keyShare) throws Exception {
        ClientHello h;
        try (SecurityContext c = SecurityContext.client(clientBuilder().groups(groups).build(), "localhost")) {
            h = parseClientHello(clientHelloRecord(c));
        }
        return withExtensions(h, replace(h.extensions(), ExtensionType.KEY_SHARE, keyShare));
    }

    private static Extension shares(KeyShareEntry... entries) {
        return KeyShareExtension.encodeClient(List.of(entries));
    }

    /** key_share data as raw bytes, to encode what KeyShareEntry itself refuses (empty, truncated). */
    private static Extension raw(String hex) {
        return new Extension(ExtensionType.KEY_SHARE, hex(hex));
    }

    private static void serverRejects(ClientHello h, Reason reason) {
        stepFails(server(), handshakeRecord(h), reason);
    }

    /** A client offering {@code group} first, and the ServerHello a real server answered it with. */
    private record Answer(SecurityContext client, ServerHello serverHello) {
    }

    private static Answer answer(NamedGroup group) throws Exception {
        SecurityContext client = SecurityContext.client(clientBuilder().groups(group).build(), "localhost");
        try (SecurityContext server = server()) {
            ServerHello sh = parseServerHello(records(step(server, clientHelloRecord(client))).get(0));
            assertEquals(group.code(), KeyShareExtension.parseServer(sh.extension(ExtensionType.KEY_SHARE).data()).group());
            return new Answer(client, sh);
        }
    }

    private static void clientRejects(NamedGroup group, Extension keyShare, Reason reason) throws Exception {
        Answer a = answer(group);
        stepFails(a.client, handshakeRecord(withExtensions(a.serverHello,
                replace(a.serverHello.extensions(), ExtensionType.KEY_SHARE, keyShare))), reason);
    }

    private static String hexOf(int v, int bytes) {
        return String.format("%0" + (2 * bytes) + "x", v);
    }

    // ------------------------------------------------------------------ server: the client's shares

    /** Empty, one short, one long: the group's length rule, illegal_parameter, for x25519 and the curves. */
    @ParameterizedTest
    @EnumSource(value = NamedGroup.class, names = {"X25519", "SECP256R1", "SECP384R1"})
    void emptyOrWrongLengthClientShareIsIllegalParameter(NamedGroup group) throws Exception {
        int n = group.keyShareLength();
        String code = hexOf(group.code(), 2);
        // Empty: the entry is group + a zero length prefix; the list holds 4 bytes.
        serverRejects(helloWith(List.of(group), raw("0004" + code + "0000")), Reason.ILLEGAL_PARAMETER);
        byte[] value = new byte[n + 1];
        value[0] = 4;
        value[1] = 9;
        serverRejects(helloWith(List.of(group), shares(new KeyShareEntry(group.code(), Arrays.copyOf(value, n - 1)))),
                Reason.ILLEGAL_PARAMETER);
        serverRejects(helloWith(List.of(group), shares(new KeyShareEntry(group.code(), value))), Reason.ILLEGAL_PARAMETER);
    }

    /** The same bytes cut short, so that a length prefix runs past its container: decode_error. */
    @ParameterizedTest
    @EnumSource(value = NamedGroup.class, names = {"X25519", "SECP256R1"})
    void truncatedClientKeyShareIsDecodeError(NamedGroup group) throws Exception {
        int n = group.keyShareLength();
        String code = hexOf(group.code(), 2);
        String value = "04" + "09".repeat(n - 1);
        String cut = value.substring(0, value.length() - 2);
        // key_exchange claims n bytes, n-1 follow (the list length counts what is there).
        serverRejects(helloWith(List.of(group), raw(hexOf(4 + n - 1, 2) + code + hexOf(n, 2) + cut)), Reason.DECODE_ERROR);
        // The list claims one byte more than the extension holds.
        serverRejects(helloWith(List.of(group), raw(hexOf(4 + n + 1, 2) + code + hexOf(n, 2) + value)), Reason.DECODE_ERROR);
        // An entry cut inside its group code.
        serverRejects(helloWith(List.of(group), raw("0001" + code.substring(0, 2))), Reason.DECODE_ERROR);
    }

    /** RFC 7919 §5.1: 1 < y < p-1, and exactly the prime's length (RFC 8446 §4.2.8.1). */
    @ParameterizedTest
    @EnumSource(value = NamedGroup.class, names = {"FFDHE2048", "FFDHE3072", "FFDHE4096"})
    void outOfRangeFfdheClientShareIsIllegalParameter(NamedGroup group) throws Exception {
        int n = group.keyShareLength();
        BigInteger p = Rfc7919.prime(group);
        for (byte[] bad : List.of(Rfc7919.fixed(BigInteger.ZERO, n), Rfc7919.fixed(BigInteger.ONE, n), Rfc7919.fixed(p.subtract(BigInteger.ONE), n),
                Rfc7919.fixed(p, n), Rfc7919.fixed(BigInteger.ONE.shiftLeft(8 * n).subtract(BigInteger.ONE), n), Rfc7919.fixed(BigInteger.TWO, n - 1),
                Rfc7919.fixed(BigInteger.TWO, n + 1))) {
            serverRejects(helloWith(List.of(group), shares(new KeyShareEntry(group.code(), bad))), Reason.ILLEGAL_PARAMETER);
        }
        serverRejects(helloWith(List.of(group), raw("0004" + hexOf(group.code(), 2) + "0000")), Reason.ILLEGAL_PARAMETER);
    }

    @Test
    void largestLegalFfdheClientShareIsTaken() throws Exception {
        ClientHello h = helloWith(List.of(NamedGroup.FFDHE2048),
                shares(new KeyShareEntry(NamedGroup.FFDHE2048.code(), Rfc7919.fixed(Rfc7919.prime(NamedGroup.FFDHE2048).subtract(BigInteger.TWO), 256))));
        try (SecurityContext s = server()) {
            Result r = s.step(ByteBuffer.wrap(handshakeRecord(h)), ByteBuffer.allocate(64 * 1024));
            assertEquals(Status.CONTINUE_NEEDED, r.status());
        }
    }

    /**
     * A client whose only groups in common with us are finite-field ones, and which sent no share at all: our
     * default server asks for ffdhe2048 (its first such group) by HelloRetryRequest rather than failing.
     */
    @Test
    void ffdheOnlyClientWithoutSharesGetsAHelloRetryRequest() throws Exception {
        ClientHello h = helloWith(List.of(NamedGroup.FFDHE4096), shares());
        h = withExtensions(h, replace(h.extensions(), ExtensionType.SUPPORTED_GROUPS,
                SupportedGroupsExtension.encode(List.of(0x0104, NamedGroup.FFDHE3072.code(), NamedGroup.FFDHE2048.code()))));
        try (SecurityContext s = server()) {
            byte[] answer = step(s, handshakeRecord(h));
            ServerHello hrr = parseServerHello(records(answer).get(0));
            assertTrue(hrr.isHelloRetryRequest());
            assertEquals(NamedGroup.FFDHE2048.code(), KeyShareExtension.parseHelloRetryRequest(hrr.extension(ExtensionType.KEY_SHARE).data()));
        }
    }

    // ------------------------------------------------------------------ client: the server's share

    @ParameterizedTest
    @EnumSource(value = NamedGroup.class, names = {"X25519", "SECP256R1", "SECP384R1", "FFDHE2048"})
    void emptyOrWrongLengthServerShareIsIllegalParameter(NamedGroup group) throws Exception {
        int n = group.keyShareLength();
        clientRejects(group, raw(hexOf(group.code(), 2) + "0000"), Reason.ILLEGAL_PARAMETER);
        byte[] value = new byte[n + 1];
        value[0] = 4;
        value[1] = 9;
        clientRejects(group, KeyShareExtension.encodeServer(new KeyShareEntry(group.code(), Arrays.copyOf(value, n - 1))),
                Reason.ILLEGAL_PARAMETER);
        clientRejects(group, KeyShareExtension.encodeServer(new KeyShareEntry(group.code(), value)), Reason.ILLEGAL_PARAMETER);
    }

    @ParameterizedTest
    @EnumSource(value = NamedGroup.class, names = {"X25519", "SECP256R1"})
    void truncatedServerKeyShareIsDecodeError(NamedGroup group) throws Exception {
        int n = group.keyShareLength();
        String value = "04" + "09".repeat(n - 2);
        clientRejects(group, raw(hexOf(group.code(), 2) + hexOf(n, 2) + value), Reason.DECODE_ERROR);
        clientRejects(group, raw(hexOf(group.code(), 2) + "00"), Reason.DECODE_ERROR);
        clientRejects(group, raw(hexOf(group.code(), 2).substring(0, 2)), Reason.DECODE_ERROR);
    }

    @ParameterizedTest
    @EnumSource(value = NamedGroup.class, names = {"FFDHE2048", "FFDHE3072"})
    void outOfRangeFfdheServerShareIsIllegalParameter(NamedGroup group) throws Exception {
        int n = group.keyShareLength();
        BigInteger p = Rfc7919.prime(group);
        for (byte[] bad : List.of(Rfc7919.fixed(BigInteger.ONE, n), Rfc7919.fixed(p.subtract(BigInteger.ONE), n), Rfc7919.fixed(p, n))) {
            clientRejects(group, KeyShareExtension.encodeServer(new KeyShareEntry(group.code(), bad)), Reason.ILLEGAL_PARAMETER);
        }
    }
}
