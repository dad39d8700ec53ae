package org.securechannel.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.securechannel.badinput.Fixtures.*;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.securechannel.codec.ClientHello;
import org.securechannel.codec.ExtensionType;
import org.securechannel.codec.KeyShareExtension;
import org.securechannel.codec.KeyShareExtension.KeyShareEntry;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.ServerHello;
import org.securechannel.context.Reason;
import org.securechannel.context.SecurityContext;

/**
 * Hybrid key shares on the wire (draft-ietf-tls-ecdhe-mlkem §3, FIPS 203 §7): a share of the wrong length either
 * way, a hybrid-sized share under a classical group, an encapsulation key failing the modulus check, an all-zero
 * x25519 half and a ciphertext of the wrong length are illegal_parameter; a ciphertext of the right length but
 * wrong contents decapsulates to another secret (implicit rejection), so the client fails on the server's first
 * encrypted record: bad_record_mac, nothing else.
 */
@Timeout(60)
class HybridKeyShareBadInputTest {
    private static final int X25519_LENGTH = 32;
    private static final int ML_KEM_768_EK = 1184;

    /** A real ClientHello offering {@code group} alone, its key share entry replaced. */
    private static ClientHello helloWith(NamedGroup group, KeyShareEntry entry) throws Exception {
        ClientHello h;
        try (SecurityContext c = SecurityContext.client(clientBuilder().groups(group).build(), "localhost")) {
            h = parseClientHello(clientHelloRecord(c));
        }
        return withExtensions(h, replace(h.extensions(), ExtensionType.KEY_SHARE,
                KeyShareExtension.encodeClient(List.of(entry))));
    }

    /** The client's own share for {@code group}, as it sent it. */
    private static byte[] realShare(NamedGroup group) throws Exception {
        try (SecurityContext c = SecurityContext.client(clientBuilder().groups(group).build(), "localhost")) {
            ClientHello h = parseClientHello(clientHelloRecord(c));
            return KeyShareExtension.parseClient(h.extension(ExtensionType.KEY_SHARE).data()).get(0).keyExchange();
        }
    }

    private static void serverRejects(NamedGroup group, byte[] share, Reason reason) throws Exception {
        try (SecurityContext s = server()) {
            stepFails(s, handshakeRecord(helloWith(group, new KeyShareEntry(group.code(), share))), reason);
        }
    }

    @ParameterizedTest
    @EnumSource(value = NamedGroup.class, names = {"X25519_MLKEM768", "SECP256R1_MLKEM768", "SECP384R1_MLKEM1024"})
    void clientShareOneShortOrOneLongIsIllegalParameter(NamedGroup group) throws Exception {
        byte[] real = realShare(group);
        assertEquals(group.keyShareLength(), real.length);
        serverRejects(group, Arrays.copyOf(real, real.length - 1), Reason.ILLEGAL_PARAMETER);
        serverRejects(group, Arrays.copyOf(real, real.length + 1), Reason.ILLEGAL_PARAMETER);
        serverRejects(group, Arrays.copyOf(real, X25519_LENGTH), Reason.ILLEGAL_PARAMETER);
    }

    /** FIPS 203 §7.2: a coefficient of 0xFFF (≥ q = 3329) in the encapsulation key. */
    @Test
    void encapsulationKeyFailingTheModulusCheckIsIllegalParameter() throws Exception {
        byte[] share = realShare(NamedGroup.X25519_MLKEM768);
        share[0] = (byte) 0xFF;
        share[1] = (byte) (share[1] | 0x0F);
        serverRejects(NamedGroup.X25519_MLKEM768, share, Reason.ILLEGAL_PARAMETER);
        byte[] p256 = realShare(NamedGroup.SECP256R1_MLKEM768);
        // The ML-KEM half follows the 65-byte point: its last coefficient pair is just before ρ.
        int last = 65 + 1152 - 1;
        p256[last] = (byte) 0xFF;
        p256[last - 1] = (byte) (p256[last - 1] | 0xF0);
        serverRejects(NamedGroup.SECP256R1_MLKEM768, p256, Reason.ILLEGAL_PARAMETER);
    }

    /** RFC 8446 §7.4.2 holds for the x25519 half: an all-zero u gives the all-zero secret. */
    @Test
    void allZeroX25519HalfIsIllegalParameter() throws Exception {
        byte[] share = realShare(NamedGroup.X25519_MLKEM768);
        Arrays.fill(share, ML_KEM_768_EK, share.length, (byte) 0);
        serverRejects(NamedGroup.X25519_MLKEM768, share, Reason.ILLEGAL_PARAMETER);
    }

    @Test
    void offCurveP256HalfIsIllegalParameter() throws Exception {
        byte[] share = realShare(NamedGroup.SECP256R1_MLKEM768);
        share[64] ^= 1;
        serverRejects(NamedGroup.SECP256R1_MLKEM768, share, Reason.ILLEGAL_PARAMETER);
    }

    /** A hybrid-sized share under the x25519 and secp256r1 codes is a classical share of the wrong length. */
    @Test
    void hybridShareUnderAClassicalGroupIsIllegalParameter() throws Exception {
        byte[] hybrid = realShare(NamedGroup.X25519_MLKEM768);
        serverRejects(NamedGroup.X25519, hybrid, Reason.ILLEGAL_PARAMETER);
        serverRejects(NamedGroup.SECP256R1, realShare(NamedGroup.SECP256R1_MLKEM768), Reason.ILLEGAL_PARAMETER);
    }

    // ------------------------------------------------------------------ client: the server's share

    /** A client offering {@code group} alone, and the flight a real server answered it with. */
    private record Answer(SecurityContext client, ServerHello serverHello, List<byte[]> rest) {
        byte[] withShare(byte[] share) {
            ServerHello sh = withExtensions(serverHello, replace(serverHello.extensions(), ExtensionType.KEY_SHARE,
                    KeyShareExtension.encodeServer(new KeyShareEntry(group(), share))));
            byte[] out = handshakeRecord(sh);
            for (byte[] r : rest) {
                out = concat(out, r);
            }
            return out;
        }

        int group() {
            try {
                return KeyShareExtension.parseServer(serverHello.extension(ExtensionType.KEY_SHARE).data()).group();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }

        byte[] share() throws Exception {
            return KeyShareExtension.parseServer(serverHello.extension(ExtensionType.KEY_SHARE).data()).keyExchange();
        }
    }

    private static Answer answer(NamedGroup group) throws Exception {
        SecurityContext client = SecurityContext.client(clientBuilder().groups(group).build(), "localhost");
        try (SecurityContext server = server()) {
            List<byte[]> flight = records(step(server, clientHelloRecord(client)));
            ServerHello sh = parseServerHello(flight.get(0));
            assertEquals(group.code(), KeyShareExtension.parseServer(sh.extension(ExtensionType.KEY_SHARE).data()).group());
            return new Answer(client, sh, flight.subList(1, flight.size()));
        }
    }

    @ParameterizedTest
    @EnumSource(value = NamedGroup.class, names = {"X25519_MLKEM768", "SECP256R1_MLKEM768", "SECP384R1_MLKEM1024"})
    void serverShareOfTheWrongLengthIsIllegalParameter(NamedGroup group) throws Exception {
        Answer a = answer(group);
        byte[] share = a.share();
        stepFails(a.client(), a.withShare(Arrays.copyOf(share, share.length - 1)), Reason.ILLEGAL_PARAMETER);
        a = answer(group);
        stepFails(a.client(), a.withShare(Arrays.copyOf(a.share(), a.share().length + 1)), Reason.ILLEGAL_PARAMETER);
        a = answer(group);
        // The client's own length (an encapsulation key where a ciphertext belongs) is wrong too, except for
        // ML-KEM-1024, whose key and ciphertext are both 1,568 bytes.
        if (group != NamedGroup.SECP384R1_MLKEM1024) {
            stepFails(a.client(), a.withShare(Arrays.copyOf(a.share(), group.keyShareLength())), Reason.ILLEGAL_PARAMETER);
        }
    }

    /** Implicit rejection: the client gets another secret, so the server's EncryptedExtensions will not open. */
    @ParameterizedTest
    @EnumSource(value = NamedGroup.class, names = {"X25519_MLKEM768", "SECP256R1_MLKEM768", "SECP384R1_MLKEM1024"})
    void wrongCiphertextOfTheRightLengthFailsAtTheFirstEncryptedRecord(NamedGroup group) throws Exception {
        Answer a = answer(group);
        byte[] share = a.share();
        // One bit of the ciphertext: after the x25519 half's none, before it for the others.
        int at = group == NamedGroup.X25519_MLKEM768 ? 10 : share.length - 10;
        share[at] ^= 1;
        expectFailureOneOf(Set.of(Reason.BAD_RECORD_MAC, Reason.DECRYPT_ERROR),
                () -> a.client().step(java.nio.ByteBuffer.wrap(a.withShare(share)), java.nio.ByteBuffer.allocate(64 * 1024)));
    }

    @Test
    void allZeroX25519HalfFromTheServerIsIllegalParameter() throws Exception {
        Answer a = answer(NamedGroup.X25519_MLKEM768);
        byte[] share = a.share();
        Arrays.fill(share, share.length - X25519_LENGTH, share.length, (byte) 0);
        stepFails(a.client(), a.withShare(share), Reason.ILLEGAL_PARAMETER);
    }
}
