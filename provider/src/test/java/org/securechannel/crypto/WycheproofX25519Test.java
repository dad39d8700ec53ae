package org.securechannel.crypto;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;
import org.securechannel.crypto.wycheproof.AcceptableFlags;
import org.securechannel.crypto.wycheproof.Outcome;
import org.securechannel.crypto.wycheproof.VectorRun;

/**
 * Wycheproof x25519_test through every x25519 key share: ours (JavaX25519KeyShare, the measured default's),
 * the JDK's (JdkX25519KeyShare, the JDK backend's) and Bouncy Castle's (BouncyCastleX25519KeyShare), each built
 * from the vector's private scalar and given the peer's public value as a TLS key_share carries it. The
 * typed rejection is illegal_parameter. The file has no invalid vectors; its acceptable ones are decided below.
 */
class WycheproofX25519Test {

    static final AcceptableFlags ACCEPTABLE = AcceptableFlags.of()
            .reject("ZeroSharedSecret", "RFC 8446 §7.4.2 / RFC 7748 §6.1: an all-zero secret is refused")
            .reject("LowOrderPublic", "a low-order u gives the all-zero secret after clamping (so in every vector)")
            .accept("Twist", "RFC 7748 §5: X25519 is defined for every u, twist points included; no other check")
            .accept("NonCanonicalPublic", "RFC 7748 §5: u >= p must be accepted and reduced mod p")
            .accept("SmallPublicKey", "a small u that is not of low order is an ordinary input")
            .accept("SpecialPublicKey", "special bit patterns decode like any u (bit 255 masked)")
            .accept("EdgeCaseShared", "an unusual but non-zero secret is still the secret")
            .accept("EdgeCaseMultiplication", "ladder edge cases must give the right answer")
            .accept("Ktv", "a known-answer vector: the answer must match");

    /** An x25519 key share implementation, built from a fixed scalar. */
    record Implementation(String name, FromScalar fromScalar) {
        @Override
        public String toString() {
            return name;
        }
    }

    interface FromScalar {
        KeyShare of(byte[] scalar) throws AlertException;
    }

    static Stream<Implementation> implementations() {
        return Stream.of(
                new Implementation("JavaX25519KeyShare", JavaX25519KeyShare::fromPrivateScalar),
                new Implementation("JdkX25519KeyShare", JdkX25519KeyShare::fromPrivateScalar),
                new Implementation("BouncyCastleX25519KeyShare", BouncyCastleX25519KeyShare::fromPrivateScalar));
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void x25519(Implementation implementation) {
        VectorRun.of("x25519_test", implementation.name())
                .acceptable(ACCEPTABLE)
                .run((g, v) -> {
                    KeyShare share = implementation.fromScalar().of(v.hex("private"));
                    try {
                        return Outcome.answer(v.hex("shared"), share.sharedSecret(v.hex("public")));
                    } catch (AlertException e) {
                        return e.alert() == AlertDescription.ILLEGAL_PARAMETER ? Outcome.REJECTED
                                : Outcome.wrong("alert " + e.alert() + ": " + e.getMessage());
                    } finally {
                        share.destroy();
                    }
                });
    }
}
