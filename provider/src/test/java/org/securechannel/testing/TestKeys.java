package org.securechannel.testing;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.securechannel.testing.TestPki.KeyType;

/**
 * Key pairs for test certificates, made by the JDK and cached per key type and role: RSA generation takes
 * a noticeable fraction of a second, and hundreds of tests need certificates. CAs, leaves and self-signed
 * certificates use different cached keys so that a leaf never shares its issuer's key.
 */
final class TestKeys {
    private enum Role { CA, LEAF, SELF_SIGNED }

    private static final Map<String, KeyPair> CACHE = new ConcurrentHashMap<>();

    private TestKeys() {
    }

    static KeyPair caKeyPair(KeyType type) {
        return cached(type, Role.CA);
    }

    static KeyPair leafKeyPair(KeyType type) {
        return cached(type, Role.LEAF);
    }

    static KeyPair selfSignedKeyPair(KeyType type) {
        return cached(type, Role.SELF_SIGNED);
    }

    private static KeyPair cached(KeyType type, Role role) {
        return CACHE.computeIfAbsent(type + "/" + role, k -> generate(type));
    }

    /** A new key pair of this type (not cached). */
    static KeyPair generate(KeyType type) {
        try {
            KeyPairGenerator g;
            switch (type) {
                case EC_P256:
                    g = KeyPairGenerator.getInstance("EC");
                    g.initialize(new ECGenParameterSpec("secp256r1"));
                    break;
                case EC_P384:
                    g = KeyPairGenerator.getInstance("EC");
                    g.initialize(new ECGenParameterSpec("secp384r1"));
                    break;
                case RSA_2048:
                    g = KeyPairGenerator.getInstance("RSA");
                    g.initialize(new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4));
                    break;
                case RSA_PSS_2048:
                    // An id-RSASSA-PSS key (rsa_pss_pss_* schemes), not an rsaEncryption key used for PSS.
                    g = KeyPairGenerator.getInstance("RSASSA-PSS");
                    g.initialize(2048);
                    break;
                case ED25519:
                    g = KeyPairGenerator.getInstance("Ed25519");
                    break;
                default:
                    throw new IllegalArgumentException(type.name());
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + type + " key pair", e);
        }
    }
}
