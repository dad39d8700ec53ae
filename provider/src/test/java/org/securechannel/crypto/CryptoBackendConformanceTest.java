package org.securechannel.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.NamedGroup;
import org.securechannel.testing.Rfc7919;
import org.securechannel.codec.SignatureScheme;

/**
 * The same known answers and the same refusals for every backend, and signatures that cross between
 * them: a backend may be the default for an operation only if it passes all of this.
 */
class CryptoBackendConformanceTest {

    /** A backend and how it builds an x25519 key share from a fixed scalar (for the RFC vectors). */
    interface X25519FromScalar {
        KeyShare of(byte[] scalar) throws AlertException;
    }

    static Stream<Arguments> backends() {
        return Stream.of(
                Arguments.of(JdkCryptoBackend.INSTANCE, (X25519FromScalar) JdkX25519KeyShare::fromPrivateScalar),
                Arguments.of(BouncyCastleCryptoBackend.INSTANCE,
                        (X25519FromScalar) BouncyCastleX25519KeyShare::fromPrivateScalar),
                // The default's x25519 is our own (JavaX25519KeyShare).
                Arguments.of(CryptoBackend.defaultBackend(), (X25519FromScalar) JavaX25519KeyShare::fromPrivateScalar));
    }

    static Stream<CryptoBackend> pairsOther() {
        return Stream.of(JdkCryptoBackend.INSTANCE, BouncyCastleCryptoBackend.INSTANCE);
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("\\s+", ""));
    }

    // RFC 7748 §5.2 and §6.1.
    @ParameterizedTest
    @MethodSource("backends")
    void x25519Rfc7748(CryptoBackend backend, X25519FromScalar fromScalar) throws Exception {
        if (fromScalar == null) {
            return;
        }
        // §6.1: both public keys and the shared secret.
        KeyShare alice = fromScalar.of(hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
        KeyShare bob = fromScalar.of(hex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"));
        assertArrayEquals(hex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"), alice.publicValue());
        assertArrayEquals(hex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"), bob.publicValue());
        byte[] k = hex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
        assertArrayEquals(k, alice.sharedSecret(bob.publicValue()));
        assertArrayEquals(k, bob.sharedSecret(alice.publicValue()));
        // §5.2: the first vector, whose u-coordinate has its top bit set (it must be masked).
        KeyShare a = fromScalar.of(hex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4"));
        assertArrayEquals(hex("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552"),
                a.sharedSecret(hex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c")));
    }

    // RFC 8448 §3: the x25519 keys and shared secret of the simple 1-RTT handshake.
    @ParameterizedTest
    @MethodSource("backends")
    void x25519Rfc8448(CryptoBackend backend, X25519FromScalar fromScalar) throws Exception {
        KeyShare client = fromScalar.of(hex("49af42ba7f7994852d713ef2784bcbcaa7911de26adc5642cb634540e7ea5005"));
        KeyShare server = fromScalar.of(hex("b1580eeadf6dd589b8ef4f2d5652578cc810e9980191ec8d058308cea216a21e"));
        assertArrayEquals(hex("99381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529aaf2c"), client.publicValue());
        assertArrayEquals(hex("c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f"), server.publicValue());
        byte[] expected = hex("8bd4054fb55b9d63fdfbacf9f04b9f0d35e6d63f537563efd46272900f89492d");
        assertArrayEquals(expected, client.sharedSecret(server.publicValue()));
        assertArrayEquals(expected, server.sharedSecret(client.publicValue()));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void x25519RefusesSmallOrderAndBadLengths(CryptoBackend backend, X25519FromScalar unused) throws Exception {
        KeyShare share = backend.generateKeyShare(NamedGroup.X25519);
        for (byte[] bad : List.of(new byte[32], one(), hex(
                "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800"))) {
            AlertException e = assertThrows(AlertException.class, () -> share.sharedSecret(bad));
            assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
        }
        for (byte[] bad : java.util.Arrays.asList(new byte[31], new byte[33], new byte[0], null)) {
            AlertException e = assertThrows(AlertException.class, () -> share.sharedSecret(bad));
            assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
        }
        share.destroy();
        AlertException e = assertThrows(AlertException.class, () -> share.sharedSecret(one()));
        assertEquals(AlertDescription.INTERNAL_ERROR, e.alert(), "a destroyed share is our bug, not the peer's");
    }

    private static byte[] one() {
        byte[] u = new byte[32];
        u[0] = 1;
        return u;
    }

    /** Key shares of every backend agree with those of every other backend. */
    @ParameterizedTest
    @MethodSource("backends")
    void keySharesAgreeAcrossBackends(CryptoBackend backend, X25519FromScalar unused) throws Exception {
        for (NamedGroup g : NamedGroup.values()) {
            if (g.isHybrid()) {
                continue; // a KEM is not symmetric: KeyExchangeResponseTest pairs its two sides across backends
            }
            for (CryptoBackend other : pairsOther().toList()) {
                KeyShare a = backend.generateKeyShare(g);
                KeyShare b = other.generateKeyShare(g);
                assertEquals(g.keyShareLength(), a.publicValue().length, g + " " + backend.name());
                byte[] s1 = a.sharedSecret(b.publicValue());
                assertArrayEquals(s1, b.sharedSecret(a.publicValue()), g + " " + backend.name() + "/" + other.name());
                // Finite-field secrets are as long as the prime (RFC 8446 §7.4.1), EC ones the x-coordinate.
                assertEquals(g.isFiniteField() ? g.keyShareLength() : g == NamedGroup.SECP384R1 ? 48 : 32, s1.length);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void ecKeySharesRefuseInvalidPoints(CryptoBackend backend, X25519FromScalar unused) throws Exception {
        for (NamedGroup g : List.of(NamedGroup.SECP256R1, NamedGroup.SECP384R1)) {
            KeyShare share = backend.generateKeyShare(g);
            byte[] good = backend.generateKeyShare(g).publicValue();
            byte[] offCurve = good.clone();
            offCurve[offCurve.length - 1] ^= 1;
            byte[] compressed = good.clone();
            compressed[0] = 2;
            byte[] tooBig = good.clone();
            java.util.Arrays.fill(tooBig, 1, 1 + (good.length - 1) / 2, (byte) 0xFF);
            byte[] zero = new byte[good.length];
            zero[0] = 4;
            for (byte[] bad : List.of(offCurve, compressed, tooBig, zero, java.util.Arrays.copyOf(good, good.length - 1),
                    new byte[0])) {
                AlertException e = assertThrows(AlertException.class, () -> share.sharedSecret(bad), g + " " + backend.name());
                assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
            }
        }
    }

    /** RFC 7919 §5.1 and RFC 8446 §4.2.8.1: 1 < y < p-1, exactly the prime's length; otherwise illegal_parameter. */
    @ParameterizedTest
    @MethodSource("backends")
    void ffdheKeySharesRefuseOutOfRangeValues(CryptoBackend backend, X25519FromScalar unused) throws Exception {
        for (NamedGroup g : List.of(NamedGroup.FFDHE2048, NamedGroup.FFDHE3072, NamedGroup.FFDHE4096)) {
            KeyShare share = backend.generateKeyShare(g);
            int n = g.keyShareLength();
            java.math.BigInteger p = FfdheKeyShare.parametersOf(g).getP();
            byte[] good = backend.generateKeyShare(g).publicValue();
            List<byte[]> bad = List.of(Rfc7919.fixed(java.math.BigInteger.ZERO, n), Rfc7919.fixed(java.math.BigInteger.ONE, n),
                    Rfc7919.fixed(p.subtract(java.math.BigInteger.ONE), n), Rfc7919.fixed(p, n), Rfc7919.fixed(p.add(java.math.BigInteger.ONE), n),
                    Rfc7919.fixed(java.math.BigInteger.ONE.shiftLeft(8 * n).subtract(java.math.BigInteger.ONE), n),
                    java.util.Arrays.copyOf(good, n - 1), java.util.Arrays.copyOf(good, n + 1), new byte[0]);
            for (byte[] value : bad) {
                AlertException e = assertThrows(AlertException.class, () -> share.sharedSecret(value), g + " " + backend.name());
                assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert(), e.getMessage());
            }
            // The smallest and largest legal values are taken.
            assertEquals(n, share.sharedSecret(Rfc7919.fixed(java.math.BigInteger.TWO, n)).length);
            assertEquals(n, share.sharedSecret(Rfc7919.fixed(p.subtract(java.math.BigInteger.TWO), n)).length);
            share.destroy();
            AlertException e = assertThrows(AlertException.class, () -> share.sharedSecret(good));
            assertEquals(AlertDescription.INTERNAL_ERROR, e.alert(), "a destroyed share is our bug, not the peer's");
        }
    }

    // RFC 5869 test case 1 (SHA-256), and the HMAC behind it with an empty key.
    @ParameterizedTest
    @MethodSource("backends")
    void hkdfRfc5869(CryptoBackend backend, X25519FromScalar unused) {
        byte[] ikm = hex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
        byte[] prk = backend.hkdfExtract(CipherSuite.Hash.SHA256, hex("000102030405060708090a0b0c"), ikm);
        assertArrayEquals(hex("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5"), prk);
        assertArrayEquals(hex("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"),
                backend.hkdfExpand(CipherSuite.Hash.SHA256, prk, hex("f0f1f2f3f4f5f6f7f8f9"), 42));
        for (CipherSuite.Hash h : CipherSuite.Hash.values()) {
            byte[] data = "data".getBytes(StandardCharsets.US_ASCII);
            assertArrayEquals(JdkCryptoBackend.INSTANCE.hmac(h, new byte[0], data), backend.hmac(h, new byte[0], data));
            assertArrayEquals(JdkCryptoBackend.INSTANCE.hkdfExtract(h, null, null), backend.hkdfExtract(h, null, null));
            byte[] secret = new byte[h.length()];
            assertArrayEquals(Hkdf.expandLabel(JdkCryptoBackend.INSTANCE, h, secret, "key", null, 16),
                    Hkdf.expandLabel(backend, h, secret, "key", null, 16));
            assertArrayEquals(JdkCryptoBackend.INSTANCE.hkdfExpand(h, secret, null, 255 * h.length()),
                    backend.hkdfExpand(h, secret, null, 255 * h.length()));
        }
        assertThrows(IllegalArgumentException.class, () -> backend.hkdfExpand(CipherSuite.Hash.SHA256, prk, null,
                255 * 32 + 1));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void transcriptHashRunsOn(CryptoBackend backend, X25519FromScalar unused) {
        TranscriptHash t = backend.newTranscriptHash(CipherSuite.Hash.SHA256);
        t.update("ab".getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals(hex("fb8e20fc2e4c3f248c60c39bd652f3c1347298bb977b8b4d5903b85055620603"), t.current());
        t.update("c".getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals(hex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"), t.current());
        assertArrayEquals(t.current(), t.current());
        TranscriptHash t384 = backend.newTranscriptHash(CipherSuite.Hash.SHA384);
        assertEquals(48, t384.current().length);
        assertEquals(48, t384.length());
    }

    // RFC 8032 §7.1 test 1: Ed25519 is deterministic, so the signature itself is the known answer.
    @ParameterizedTest
    @MethodSource("backends")
    void ed25519Rfc8032(CryptoBackend backend, X25519FromScalar unused) throws Exception {
        KeyFactory kf = KeyFactory.getInstance("Ed25519");
        PrivateKey priv = kf.generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519,
                hex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")));
        byte[] pubBytes = hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        PublicKey pub = kf.generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, edPoint(pubBytes)));
        byte[] expected = hex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
        assertArrayEquals(expected, backend.sign(SignatureScheme.ED25519, priv, new byte[0]));
        assertTrue(backend.verify(SignatureScheme.ED25519, pub, new byte[0], expected));
        assertFalse(backend.verify(SignatureScheme.ED25519, pub, new byte[] {0}, expected));
    }

    /** RFC 8032 §5.1.3 decoding: little-endian y, top bit of the last byte is x's parity. */
    private static EdECPoint edPoint(byte[] encoded) {
        byte[] be = new byte[32];
        for (int i = 0; i < 32; i++) {
            be[i] = encoded[31 - i];
        }
        boolean xOdd = (be[0] & 0x80) != 0;
        be[0] &= 0x7F;
        return new EdECPoint(xOdd, new BigInteger(1, be));
    }

    static Stream<Arguments> schemesAndKeys() throws Exception {
        return Stream.of(
                Arguments.of(SignatureScheme.ECDSA_SECP256R1_SHA256, ec("secp256r1")),
                Arguments.of(SignatureScheme.ECDSA_SECP384R1_SHA384, ec("secp384r1")),
                // TLS 1.2 reads an ECDSA scheme as its hash only (RFC 8422 §5.1.1): the digest from the scheme, the
                // curve from the key, on every backend (the default routes 0x0403 to Bouncy Castle whatever the curve).
                Arguments.of(SignatureScheme.ECDSA_SECP256R1_SHA256, ec("secp384r1")),
                Arguments.of(SignatureScheme.ECDSA_SECP256R1_SHA256, ec("secp521r1")),
                Arguments.of(SignatureScheme.ECDSA_SECP384R1_SHA384, ec("secp256r1")),
                Arguments.of(SignatureScheme.ECDSA_SECP521R1_SHA512, ec("secp384r1")),
                Arguments.of(SignatureScheme.ED25519, KeyPairGenerator.getInstance("Ed25519").generateKeyPair()),
                Arguments.of(SignatureScheme.RSA_PSS_RSAE_SHA256, rsa()),
                Arguments.of(SignatureScheme.RSA_PSS_RSAE_SHA384, rsa()),
                Arguments.of(SignatureScheme.RSA_PKCS1_SHA256, rsa()));
    }

    private static KeyPair rsaPair;

    private static synchronized KeyPair rsa() throws Exception {
        if (rsaPair == null) {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            rsaPair = g.generateKeyPair();
        }
        return rsaPair;
    }

    private static KeyPair ec(String curve) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve));
        return g.generateKeyPair();
    }

    /** Each backend's signatures verify under every backend, and tampering is caught by all. */
    @ParameterizedTest
    @MethodSource("schemesAndKeys")
    void signaturesCrossBetweenBackends(SignatureScheme scheme, KeyPair keys) throws Exception {
        byte[] message = "TLS 1.3, server CertificateVerify".getBytes(StandardCharsets.US_ASCII);
        List<CryptoBackend> all = List.of(JdkCryptoBackend.INSTANCE, BouncyCastleCryptoBackend.INSTANCE,
                CryptoBackend.defaultBackend());
        for (CryptoBackend signer : all) {
            byte[] sig = signer.sign(scheme, keys.getPrivate(), message);
            for (CryptoBackend verifier : all) {
                String what = scheme + " signed by " + signer.name() + ", verified by " + verifier.name();
                assertTrue(verifier.verify(scheme, keys.getPublic(), message, sig), what);
                byte[] tampered = sig.clone();
                tampered[tampered.length / 2] ^= 1;
                assertFalse(verifier.verify(scheme, keys.getPublic(), message, tampered), what + " (tampered)");
                assertFalse(verifier.verify(scheme, keys.getPublic(), new byte[1], sig), what + " (other message)");
                assertFalse(verifier.verify(scheme, keys.getPublic(), message, new byte[0]), what + " (empty)");
                byte[] trailing = java.util.Arrays.copyOf(sig, sig.length + 1);
                // Every backend refuses a trailing byte, whatever the JDK's own EdDSA leniency (JDK 17 has one).
                assertFalse(verifier.verify(scheme, keys.getPublic(), message, trailing), what + " (trailing byte)");
            }
        }
    }

    /**
     * Bouncy Castle's ECDSA verify keeps a comb table for keys it sees again (BouncyCastleEcdsaVerifier):
     * the first, second and later verifications under one key, and keys that share nothing but the curve,
     * must all give the JDK's answers.
     */
    @ParameterizedTest
    @MethodSource("schemesAndKeys")
    void ecdsaVerifyOfRecurringKeysMatchesTheJdk(SignatureScheme scheme, KeyPair keys) throws Exception {
        if (!scheme.name().startsWith("ECDSA")) {
            return;
        }
        KeyPair other = ec(scheme == SignatureScheme.ECDSA_SECP256R1_SHA256 ? "secp256r1" : "secp384r1");
        for (int i = 0; i < 6; i++) {
            byte[] message = ("message " + i).getBytes(StandardCharsets.US_ASCII);
            byte[] sig = JdkCryptoBackend.INSTANCE.sign(scheme, keys.getPrivate(), message);
            byte[] otherSig = BouncyCastleCryptoBackend.INSTANCE.sign(scheme, other.getPrivate(), message);
            assertTrue(BouncyCastleCryptoBackend.INSTANCE.verify(scheme, keys.getPublic(), message, sig), "round " + i);
            assertTrue(BouncyCastleCryptoBackend.INSTANCE.verify(scheme, other.getPublic(), message, otherSig), "round " + i);
            assertFalse(BouncyCastleCryptoBackend.INSTANCE.verify(scheme, other.getPublic(), message, sig), "round " + i);
            assertFalse(BouncyCastleCryptoBackend.INSTANCE.verify(scheme, keys.getPublic(), message, otherSig), "round " + i);
            assertFalse(BouncyCastleCryptoBackend.INSTANCE.verify(scheme, keys.getPublic(), new byte[1], sig), "round " + i);
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void signingWithTheWrongKeyTypeIsAnInternalError(CryptoBackend backend, X25519FromScalar unused) throws Exception {
        KeyPair ec = ec("secp256r1");
        AlertException e = assertThrows(AlertException.class,
                () -> backend.sign(SignatureScheme.RSA_PSS_RSAE_SHA256, ec.getPrivate(), new byte[1]));
        assertEquals(AlertDescription.INTERNAL_ERROR, e.alert());
        assertFalse(backend.verify(SignatureScheme.ECDSA_SECP384R1_SHA384, ec.getPublic(), new byte[1], new byte[8]));
        assertFalse(backend.verify(null, ec.getPublic(), new byte[1], new byte[8]));
    }

    /** Record AEADs of every backend interoperate (both stay on the JDK today; this keeps it honest). */
    @ParameterizedTest
    @MethodSource("backends")
    void recordAeadsInteroperate(CryptoBackend backend, X25519FromScalar unused) throws Exception {
        for (CipherSuite.Aead alg : CipherSuite.Aead.values()) {
            // A fresh key per run: the same key and nonce must never seal twice (the JDK refuses it).
            byte[] key = new byte[alg.keyLength()];
            new java.security.SecureRandom().nextBytes(key);
            byte[] nonce = new byte[12];
            byte[] aad = {23, 3, 3, 0, 21};
            RecordAead sealer = backend.newAead(alg, key);
            ByteBuffer out = ByteBuffer.allocate(64);
            sealer.seal(nonce, aad, ByteBuffer.wrap("hello".getBytes(StandardCharsets.US_ASCII)), 23, out);
            out.flip();
            assertEquals(22, out.remaining());
            ByteBuffer plain = ByteBuffer.allocate(64);
            JdkCryptoBackend.INSTANCE.newAead(alg, key).open(nonce, aad, out, out.remaining(), plain);
            assertEquals(6, plain.position());
            assertNotEquals(0, plain.get(0));
        }
    }
}
