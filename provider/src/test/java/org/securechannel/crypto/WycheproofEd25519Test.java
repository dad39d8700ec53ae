package org.securechannel.crypto;

import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.crypto.wycheproof.VectorRun;

/**
 * Wycheproof ed25519_test through every backend's verify (the JDK's {@code Ed25519}; Bouncy Castle's
 * Ed25519Signer, also the default's). Keys arrive as a certificate carries them (X.509 SubjectPublicKeyInfo).
 * The file has no acceptable vectors.
 */
class WycheproofEd25519Test {

    static Stream<CryptoBackend> backends() {
        return WycheproofSignatures.backends();
    }

    @ParameterizedTest
    @MethodSource("backends")
    void ed25519(CryptoBackend backend) {
        VectorRun.of("ed25519_test", backend.name() + " backend ed25519")
                .run(WycheproofSignatures.verifying(backend, SignatureScheme.ED25519, g -> KeyFactory.getInstance("Ed25519")
                        .generatePublic(new X509EncodedKeySpec(g.hex("publicKeyDer")))));
    }
}
