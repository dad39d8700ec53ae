package org.securechannel.crypto;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.crypto.wycheproof.Expected;
import org.securechannel.crypto.wycheproof.TestGroup;
import org.securechannel.crypto.wycheproof.TestVector;
import org.securechannel.crypto.wycheproof.VectorFile;
import org.securechannel.crypto.wycheproof.VectorRun;

/**
 * Wycheproof ECDSA P-256/SHA-256 and P-384/SHA-384 with DER signatures (as TLS carries them, RFC 8446 §4.2.3)
 * through every backend's verify: the JDK's {@code SHA256withECDSA}/{@code SHA384withECDSA} behind our strict
 * DER check (EcdsaSignatureDer), Bouncy Castle's BouncyCastleEcdsaVerifier (its cache takes a key's first
 * signature through Bouncy Castle's ordinary multiplication and every later one through our comb tables,
 * BouncyCastleCombTable: here the first vector of each key group, then the rest), and the default (Bouncy
 * Castle for P-256, the JDK for P-384). The {@code _p1363} files (raw r‖s) are not used: no TLS signature has
 * that form. Neither file has acceptable vectors.
 *
 * <p>A JDK defect, detected rather than hidden: JDK 17's SunEC compares r with x(R) without reducing x(R)
 * mod n (JDK 25 reduces it), so it rejects the two valid vectors per file whose x(R) lies in [n, p). That is
 * a false rejection only, which an honest signer meets with probability about (p - n)/p (2^-128 for P-256), and
 * the JDK's arithmetic is out of our reach: on such a JDK its path must reject exactly those vectors.
 */
class WycheproofEcdsaTest {
    /** The valid vectors whose x(R) is in [n, p), per file. */
    private static final Map<String, Set<Integer>> X_AT_LEAST_N = Map.of(
            "ecdsa_secp256r1_sha256_test", Set.of(350, 479),
            "ecdsa_secp384r1_sha384_test", Set.of(382, 499));

    static Stream<CryptoBackend> backends() {
        return WycheproofSignatures.backends();
    }

    @ParameterizedTest
    @MethodSource("backends")
    void p256Sha256(CryptoBackend backend) throws Exception {
        run("ecdsa_secp256r1_sha256_test", SignatureScheme.ECDSA_SECP256R1_SHA256, "SHA256withECDSA", backend);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void p384Sha384(CryptoBackend backend) throws Exception {
        run("ecdsa_secp384r1_sha384_test", SignatureScheme.ECDSA_SECP384R1_SHA384, "SHA384withECDSA", backend);
    }

    private static void run(String file, SignatureScheme scheme, String jdkAlgorithm, CryptoBackend backend)
            throws Exception {
        VectorRun run = VectorRun.of(file, backend.name() + " backend " + scheme.ianaName());
        boolean jdkPath = backend == JdkCryptoBackend.INSTANCE
                || (backend == CryptoBackend.defaultBackend() && scheme != SignatureScheme.ECDSA_SECP256R1_SHA256);
        if (jdkPath && !jdkReducesX(file, jdkAlgorithm)) {
            run.expect(v -> X_AT_LEAST_N.get(file).contains(v.tcId()), Expected.REJECT,
                    "this JDK's ECDSA does not reduce x(R) mod n");
        }
        run.run(WycheproofSignatures.verifying(backend, scheme, WycheproofEcdsaTest::key));
    }

    private static PublicKey key(TestGroup g) throws Exception {
        return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(g.hex("publicKeyDer")));
    }

    /** Asks the JDK itself (no code of ours) whether it accepts the first x(R) >= n vector of the file. */
    private static boolean jdkReducesX(String file, String jdkAlgorithm) throws Exception {
        int tcId = X_AT_LEAST_N.get(file).stream().min(Integer::compare).orElseThrow();
        for (TestGroup g : VectorFile.load(file).groups()) {
            for (TestVector v : g.tests()) {
                if (v.tcId() == tcId) {
                    Signature jdk = Signature.getInstance(jdkAlgorithm);
                    jdk.initVerify(key(g));
                    jdk.update(v.hex("msg"));
                    return jdk.verify(v.hex("sig"));
                }
            }
        }
        throw new AssertionError(file + " has no tcId " + tcId);
    }
}
