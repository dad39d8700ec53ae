package org.securechannel.crypto;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.NamedGroup;
import org.securechannel.crypto.wycheproof.AcceptableFlags;
import org.securechannel.crypto.wycheproof.Outcome;
import org.securechannel.crypto.wycheproof.VectorRun;

/**
 * Wycheproof ECDH for P-256 and P-384 through every EC key share (JdkEcKeyShare: the JDK backend's and the
 * default's P-384; BouncyCastleEcKeyShare: the Bouncy Castle backend's and the default's P-256). The
 * {@code _ecpoint} files are used because their public values are raw points, as a TLS key_share carries
 * them (RFC 8446 §4.2.8.2); the other ecdh files wrap keys in X.509 and test ASN.1 parsing TLS never does.
 * The typed rejection is illegal_parameter.
 */
class WycheproofEcdhTest {

    static final AcceptableFlags ACCEPTABLE = AcceptableFlags.of()
            .reject("CompressedPublic", "RFC 8446 §4.2.8.2: key shares are uncompressed points only")
            .reject("CompressedPoint", "RFC 8446 §4.2.8.2: key shares are uncompressed points only");

    /** An EC key share implementation, built from a fixed private scalar. */
    record Implementation(String name, NamedGroup group, FromScalar fromScalar) {
        @Override
        public String toString() {
            return name + " " + group.ianaName();
        }
    }

    interface FromScalar {
        KeyShare of(NamedGroup group, BigInteger d) throws Exception;
    }

    static Stream<Implementation> implementations() {
        return Stream.of(NamedGroup.SECP256R1, NamedGroup.SECP384R1).flatMap(group -> Stream.of(
                new Implementation("JdkEcKeyShare", group, WycheproofEcdhTest::jdkShare),
                new Implementation("BouncyCastleEcKeyShare", group, BouncyCastleEcKeyShare::fromPrivateScalar)));
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void ecdh(Implementation implementation) {
        VectorRun.of("ecdh_" + implementation.group().ianaName() + "_ecpoint_test", implementation.toString())
                .acceptable(ACCEPTABLE)
                .run((g, v) -> {
                    KeyShare share = implementation.fromScalar().of(implementation.group(),
                            new BigInteger(v.string("private"), 16));
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

    /**
     * A JDK key pair for a known scalar. The JDK cannot derive the public point from a private key, so Bouncy
     * Castle computes it (its fixed-point comb: several times faster than a general multiplication); only the
     * key share's own public value depends on it, never the shared secret.
     */
    private static KeyShare jdkShare(NamedGroup group, BigInteger d) throws Exception {
        ECParameterSpec spec = JDK_CURVES.computeIfAbsent(group, WycheproofEcdhTest::jdkCurve);
        org.bouncycastle.math.ec.ECPoint q = new FixedPointCombMultiplier()
                .multiply(BouncyCastleCurves.of(group).getG(), d).normalize();
        ECPoint w = new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
        KeyFactory factory = KeyFactory.getInstance("EC");
        return JdkEcKeyShare.of(group, new KeyPair(factory.generatePublic(new ECPublicKeySpec(w, spec)),
                factory.generatePrivate(new ECPrivateKeySpec(d, spec))));
    }

    private static final Map<NamedGroup, ECParameterSpec> JDK_CURVES = new ConcurrentHashMap<>();

    private static ECParameterSpec jdkCurve(NamedGroup group) {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec(group.ianaName()));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(group + " unavailable in this JDK", e);
        }
    }
}
