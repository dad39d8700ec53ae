package org.securechannel.crypto;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;
import org.securechannel.crypto.wycheproof.Outcome;
import org.securechannel.crypto.wycheproof.VectorRun;

/**
 * Wycheproof ML-KEM-768 and ML-KEM-1024 (FIPS 203) through every ML-KEM we ship (BouncyCastleMlKem; the JDK's
 * is not callable from a --release 17 build, see MeasuredDefaultBackend): key generation from the seed d ‖ z,
 * encapsulation with fixed randomness m including the §7.2 modulus check, and decapsulation including implicit
 * rejection (a wrong ciphertext of the right length gives the vector's pseudorandom K, never an error). Wire
 * inputs of the wrong length or failing the modulus check must be illegal_parameter; a seed of the wrong length
 * never comes from the wire, and the test hook refuses it with IllegalArgumentException.
 */
class WycheproofMlKemTest {

    record Case(String prefix, MlKemParameterSet set) {
        @Override
        public String toString() {
            return set.name();
        }
    }

    static Stream<Case> parameterSets() {
        return Stream.of(new Case("mlkem_768", MlKemParameterSet.ML_KEM_768),
                new Case("mlkem_1024", MlKemParameterSet.ML_KEM_1024));
    }

    private static final BouncyCastleMlKem KEM = BouncyCastleMlKem.INSTANCE;

    private static Outcome rejected(AlertException e) {
        return e.alert() == AlertDescription.ILLEGAL_PARAMETER ? Outcome.REJECTED
                : Outcome.wrong("alert " + e.alert() + ": " + e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("parameterSets")
    void keyGenerationFromSeed(Case c) {
        VectorRun.of(c.prefix() + "_keygen_seed_test", KEM.getClass().getSimpleName()).run((g, v) -> {
            MlKem.MlKemKeyPair pair = KEM.keyPairFromSeed(c.set(), v.hex("seed"));
            try {
                return Outcome.answer(v.hex("ek"), pair.encapsulationKey());
            } finally {
                pair.destroy();
            }
        });
    }

    @ParameterizedTest
    @MethodSource("parameterSets")
    void encapsulation(Case c) {
        VectorRun.of(c.prefix() + "_encaps_test", KEM.getClass().getSimpleName()).run((g, v) -> {
            try {
                KeyExchangeResponse r = KEM.encapsulate(c.set(), v.hex("ek"), v.hex("m"));
                Outcome ct = Outcome.answer(v.hex("c"), r.share());
                return ct == Outcome.ACCEPTED ? Outcome.answer(v.hex("K"), r.secret()) : ct;
            } catch (AlertException e) {
                return rejected(e);
            }
        });
    }

    @ParameterizedTest
    @MethodSource("parameterSets")
    void decapsulation(Case c) {
        VectorRun.of(c.prefix() + "_test", KEM.getClass().getSimpleName()).run((g, v) -> {
            MlKem.MlKemKeyPair pair;
            try {
                pair = KEM.keyPairFromSeed(c.set(), v.hex("seed"));
            } catch (IllegalArgumentException e) {
                return Outcome.REJECTED;
            }
            try {
                Outcome ek = Outcome.answer(v.hex("ek"), pair.encapsulationKey());
                if (ek != Outcome.ACCEPTED) {
                    return ek;
                }
                return Outcome.answer(v.hex("K"), pair.decapsulate(v.hex("c")));
            } catch (AlertException e) {
                return rejected(e);
            } finally {
                pair.destroy();
            }
        });
    }
}
