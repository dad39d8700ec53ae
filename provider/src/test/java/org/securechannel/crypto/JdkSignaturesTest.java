package org.securechannel.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.SignatureScheme;

class JdkSignaturesTest {
    private static final CryptoBackend CRYPTO = CryptoBackend.defaultBackend();
    private static final Map<SignatureScheme, KeyPair> KEYS = new EnumMap<>(SignatureScheme.class);
    private static final byte[] MESSAGE = "TLS 1.3, server CertificateVerify".getBytes(StandardCharsets.US_ASCII);

    @BeforeAll
    static void generateKeys() throws Exception {
        KeyPair p256 = ec("secp256r1");
        KeyPair p384 = ec("secp384r1");
        KeyPair p521 = ec("secp521r1");
        KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        KeyPairGenerator rsaGen = KeyPairGenerator.getInstance("RSA");
        rsaGen.initialize(2048);
        KeyPair rsa = rsaGen.generateKeyPair();
        KeyPairGenerator pssGen = KeyPairGenerator.getInstance("RSASSA-PSS");
        pssGen.initialize(2048);
        KeyPair pss = pssGen.generateKeyPair();
        for (SignatureScheme s : SignatureScheme.values()) {
            switch (s) {
                case ECDSA_SECP256R1_SHA256: KEYS.put(s, p256); break;
                case ECDSA_SECP384R1_SHA384: KEYS.put(s, p384); break;
                case ECDSA_SECP521R1_SHA512: KEYS.put(s, p521); break;
                case ED25519: KEYS.put(s, ed); break;
                case RSA_PSS_PSS_SHA256: case RSA_PSS_PSS_SHA384: case RSA_PSS_PSS_SHA512: KEYS.put(s, pss); break;
                default: KEYS.put(s, rsa); break;
            }
        }
    }

    static KeyPair ec(String curve) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve));
        return g.generateKeyPair();
    }

    static Map<SignatureScheme, KeyPair> keys() {
        return KEYS;
    }

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void signVerifyTamperGarbage(SignatureScheme s) throws Exception {
        KeyPair kp = KEYS.get(s);
        byte[] sig = CRYPTO.sign(s, kp.getPrivate(), MESSAGE);
        assertTrue(CRYPTO.verify(s, kp.getPublic(), MESSAGE, sig), s.ianaName());

        byte[] tampered = sig.clone();
        tampered[tampered.length / 2] ^= 0x10;
        assertFalse(CRYPTO.verify(s, kp.getPublic(), MESSAGE, tampered));
        byte[] otherMessage = MESSAGE.clone();
        otherMessage[0] ^= 1;
        assertFalse(CRYPTO.verify(s, kp.getPublic(), otherMessage, sig));
        assertFalse(CRYPTO.verify(s, kp.getPublic(), MESSAGE, new byte[0]));
        assertFalse(CRYPTO.verify(s, kp.getPublic(), MESSAGE, new byte[] {0x30, (byte) 0x81, 0x7f, 1, 2}));
        assertFalse(CRYPTO.verify(s, kp.getPublic(), MESSAGE, new byte[600]));
        assertFalse(CRYPTO.verify(s, kp.getPublic(), MESSAGE, null));
        // A key of the wrong type is just "does not verify".
        SignatureScheme other = s == SignatureScheme.ED25519 ? SignatureScheme.ECDSA_SECP256R1_SHA256
                : SignatureScheme.ED25519;
        assertFalse(CRYPTO.verify(s, KEYS.get(other).getPublic(), MESSAGE, sig));
    }

    @Test
    void pssSchemesDifferByHash() throws Exception {
        KeyPair rsa = KEYS.get(SignatureScheme.RSA_PSS_RSAE_SHA256);
        byte[] sig = CRYPTO.sign(SignatureScheme.RSA_PSS_RSAE_SHA256, rsa.getPrivate(), MESSAGE);
        assertFalse(CRYPTO.verify(SignatureScheme.RSA_PSS_RSAE_SHA384, rsa.getPublic(), MESSAGE, sig));
        assertFalse(CRYPTO.verify(SignatureScheme.RSA_PKCS1_SHA256, rsa.getPublic(), MESSAGE, sig));
    }

    @Test
    void signingWithAnUnsuitableKeyIsInternalError() {
        AlertException e = assertThrows(AlertException.class, () -> CRYPTO.sign(SignatureScheme.ED25519,
                KEYS.get(SignatureScheme.ECDSA_SECP256R1_SHA256).getPrivate(), MESSAGE));
        assertEquals(AlertDescription.INTERNAL_ERROR, e.alert());
    }
}
