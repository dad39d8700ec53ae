package org.securechannel.crypto;

import java.security.PublicKey;
import java.util.stream.Stream;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.crypto.wycheproof.Outcome;
import org.securechannel.crypto.wycheproof.TestGroup;
import org.securechannel.crypto.wycheproof.TestVector;
import org.securechannel.crypto.wycheproof.VectorCheck;

/**
 * What the Wycheproof signature tests share: the backends, and one verification as CertificateVerify (and
 * certificate signatures) go through {@link CryptoBackend#verify}, whose typed rejection is {@code false}.
 * It must never throw.
 */
final class WycheproofSignatures {
    private WycheproofSignatures() {
    }

    /** Every backend: each verifies by its own code (the default picks per scheme between the other two). */
    static Stream<CryptoBackend> backends() {
        return Stream.of(JdkCryptoBackend.INSTANCE, BouncyCastleCryptoBackend.INSTANCE, CryptoBackend.defaultBackend());
    }

    interface KeyOf {
        PublicKey of(TestGroup group) throws Exception;
    }

    /** Verifies each vector's sig over msg with the group's key; the key is built once per group. */
    static VectorCheck verifying(CryptoBackend backend, SignatureScheme scheme, KeyOf keyOf) {
        return new VectorCheck() {
            private TestGroup keyGroup;
            private PublicKey key;

            @Override
            public Outcome check(TestGroup group, TestVector v) throws Exception {
                if (group != keyGroup) {
                    key = keyOf.of(group);
                    keyGroup = group;
                }
                return backend.verify(scheme, key, v.hex("msg"), v.hex("sig")) ? Outcome.ACCEPTED : Outcome.REJECTED;
            }
        };
    }
}
