package org.securechannel.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.testing.TestPki;

/** The ticket plaintext: exact round trips of both versions, and strict decoding of anything else. */
class SessionStateTest {
    static SessionState tls13(long created, long lifetimeSeconds) {
        byte[] psk = new byte[32];
        Arrays.fill(psk, (byte) 0x5a);
        return new SessionState(ProtocolVersion.TLS13, CipherSuite.TLS_AES_128_GCM_SHA256, NamedGroup.X25519,
                SignatureScheme.ECDSA_SECP256R1_SHA256, null, created, lifetimeSeconds, 0xFEDCBA98L, 16384, psk,
                "server.example", "h2", List.of(new byte[] {0x30, 1, 2}, new byte[] {0x30, 3}));
    }

    static SessionState tls12() {
        return new SessionState(ProtocolVersion.TLS12, CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
                NamedGroup.SECP256R1, SignatureScheme.RSA_PSS_RSAE_SHA256, SignatureScheme.ECDSA_SECP256R1_SHA256,
                -5L, 86400, 0, 0, new byte[48], null, null, List.of());
    }

    @Test
    void bothVersionsRoundTripExactly() throws InvalidSessionException {
        for (SessionState s : List.of(tls13(1_733_500_000_000L, 7200), tls12())) {
            byte[] encoded = s.encode();
            SessionState back = SessionState.decode(encoded);
            assertEquals(s, back);
            assertArrayEquals(encoded, back.encode());
            assertFalse(back.toString().contains("5a5a"), "no secret in toString");
        }
        SessionState back = SessionState.decode(tls12().encode());
        assertNull(back.serverName());
        assertNull(back.alpn());
        assertEquals(-5L, back.createdMillis(), "all 64 bits of the time survive");
    }

    @Test
    void aRealPeerChainSurvives() throws Exception {
        TestPki.Issued pki = TestPki.selfSigned(TestPki.KeyType.EC_P256, "peer.example");
        SessionState s = new SessionState(ProtocolVersion.TLS13, CipherSuite.TLS_AES_256_GCM_SHA384, null, null, null,
                1, 60, 1, 0, new byte[48], null, null, SessionState.derOf(pki.chain()));
        assertEquals(pki.chain(), SessionState.decode(s.encode()).peerCertificates());
    }

    @Test
    void everyTruncationAndEveryTrailingByteIsRejected() {
        byte[] encoded = tls13(1, 60).encode();
        for (int n = 0; n < encoded.length; n++) {
            byte[] cut = Arrays.copyOf(encoded, n);
            assertThrows(InvalidSessionException.class, () -> SessionState.decode(cut), "cut at " + n);
        }
        assertThrows(InvalidSessionException.class, () -> SessionState.decode(Arrays.copyOf(encoded, encoded.length + 1)));
    }

    @Test
    void everySingleByteChangeDecodesOrIsRejectedNeverAnotherException() {
        byte[] encoded = tls13(1, 60).encode();
        for (int i = 0; i < encoded.length; i++) {
            for (int v : new int[] {0x00, 0x01, 0x7F, 0x80, 0xFF}) {
                byte[] b = encoded.clone();
                b[i] = (byte) v;
                try {
                    SessionState.decode(b);
                } catch (InvalidSessionException expected) {
                    // rejected with the one typed exception
                }
            }
        }
    }

    @Test
    void valuesThatCannotBeOursAreRejected() {
        byte[] good = tls13(1, 60).encode();
        assertThrows(InvalidSessionException.class, () -> SessionState.decode(with(good, 0, 2)), "unknown format");
        assertThrows(InvalidSessionException.class, () -> SessionState.decode(with(good, 2, 0x03)), "1.3 suite in a 1.2 session");
        assertThrows(InvalidSessionException.class, () -> SessionState.decode(with(good, 4, 0x02)), "1.3 suite with a 48-byte hash");
        assertThrows(InvalidSessionException.class, () -> SessionState.decode(with(good, 6, 0x77)), "unknown group");
        byte[] longLife = good.clone();
        longLife[19] = (byte) 0x7F; // lifetime's high byte: far past 7 days
        assertThrows(InvalidSessionException.class, () -> SessionState.decode(longLife));
        assertThrows(IllegalArgumentException.class, () -> new SessionState(ProtocolVersion.TLS12,
                CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, null, null, null, 0, 60, 0, 0, new byte[32], null, null,
                List.of()), "a TLS 1.2 master secret is 48 bytes");
    }

    private static byte[] with(byte[] b, int at, int value) {
        byte[] out = b.clone();
        out[at] = (byte) value;
        return out;
    }

    @Test
    void expiryAndAge() {
        SessionState s = tls13(10_000, 2);
        assertFalse(s.expiredAt(11_999));
        assertTrue(s.expiredAt(12_000));
        assertEquals(1_500, s.ageMillis(11_500));
        assertEquals(0, s.ageMillis(9_000), "a clock that went back gives age 0, not a negative one");
        s.destroy();
        assertArrayEquals(new byte[32], s.secret());
    }
}
