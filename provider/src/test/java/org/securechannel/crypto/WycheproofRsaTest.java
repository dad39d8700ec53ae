package org.securechannel.crypto;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.crypto.wycheproof.AcceptableFlags;
import org.securechannel.crypto.wycheproof.TestGroup;
import org.securechannel.crypto.wycheproof.VectorRun;

/**
 * Wycheproof RSA signatures through every backend's verify: RSASSA-PSS as the rsa_pss_rsae_* schemes (an
 * rsaEncryption key) and rsa_pss_pss_* schemes (an RSASSA-PSS key), and PKCS#1 v1.5 as rsa_pkcs1_* (certificate
 * signatures, TLS 1.2). TLS fixes PSS to MGF1 with the message hash and a salt as long as the hash (RFC 8446
 * §4.2.3), so rsa_pss_4096_sha512_mgf1_32 (salt 32 with SHA-512) is run as a file whose every vector, valid
 * or not, an rsa_pss_*_sha512 verifier must reject.
 */
class WycheproofRsaTest {

    static final AcceptableFlags PKCS1_ACCEPTABLE = AcceptableFlags.of()
            .accept("MissingNull", "DigestInfo without the NULL parameters: RFC 4055 §2.1 lets SHA-2 identifiers "
                    + "omit them; the encoding is still fixed, so nothing is forgeable (the JDK and Bouncy Castle agree)");

    static Stream<CryptoBackend> backends() {
        return WycheproofSignatures.backends();
    }

    @ParameterizedTest
    @MethodSource("backends")
    void pssSha256(CryptoBackend backend) {
        pss(backend, "rsa_pss_2048_sha256_mgf1_32_test", SignatureScheme.RSA_PSS_RSAE_SHA256, SignatureScheme.RSA_PSS_PSS_SHA256);
        pss(backend, "rsa_pss_3072_sha256_mgf1_32_test", SignatureScheme.RSA_PSS_RSAE_SHA256, SignatureScheme.RSA_PSS_PSS_SHA256);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void pssSha384(CryptoBackend backend) {
        pss(backend, "rsa_pss_2048_sha384_mgf1_48_test", SignatureScheme.RSA_PSS_RSAE_SHA384, SignatureScheme.RSA_PSS_PSS_SHA384);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void pssSha512WithShortSaltIsRefused(CryptoBackend backend) {
        for (SignatureScheme scheme : new SignatureScheme[] {
                SignatureScheme.RSA_PSS_RSAE_SHA512, SignatureScheme.RSA_PSS_PSS_SHA512}) {
            VectorRun.of("rsa_pss_4096_sha512_mgf1_32_test", backend.name() + " backend " + scheme.ianaName())
                    .expectAllRejected("salt 32 != 64, RFC 8446 §4.2.3")
                    .run(WycheproofSignatures.verifying(backend, scheme, g -> rsaKey(g, keyAlgorithm(scheme))));
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void pkcs1(CryptoBackend backend) {
        pkcs1(backend, "rsa_signature_2048_sha256_test", SignatureScheme.RSA_PKCS1_SHA256);
        pkcs1(backend, "rsa_signature_3072_sha256_test", SignatureScheme.RSA_PKCS1_SHA256);
        pkcs1(backend, "rsa_signature_2048_sha384_test", SignatureScheme.RSA_PKCS1_SHA384);
        pkcs1(backend, "rsa_signature_2048_sha512_test", SignatureScheme.RSA_PKCS1_SHA512);
    }

    private static void pss(CryptoBackend backend, String file, SignatureScheme rsae, SignatureScheme pss) {
        for (SignatureScheme scheme : new SignatureScheme[] {rsae, pss}) {
            VectorRun.of(file, backend.name() + " backend " + scheme.ianaName())
                    .onlyGroups(WycheproofRsaTest::tlsPssParameters, "not MGF1 with the message hash and salt = hash length")
                    .run(WycheproofSignatures.verifying(backend, scheme, g -> rsaKey(g, keyAlgorithm(scheme))));
        }
    }

    private static void pkcs1(CryptoBackend backend, String file, SignatureScheme scheme) {
        VectorRun.of(file, backend.name() + " backend " + scheme.ianaName())
                .acceptable(PKCS1_ACCEPTABLE)
                .run(WycheproofSignatures.verifying(backend, scheme, g -> rsaKey(g, "RSA")));
    }

    private static boolean tlsPssParameters(TestGroup g) {
        int hashLength = Integer.parseInt(g.string("sha").substring(4)) / 8;
        return "MGF1".equals(g.string("mgf")) && g.string("mgfSha").equals(g.string("sha"))
                && g.integer("sLen") == hashLength;
    }

    /** rsa_pss_pss_* schemes are for RSASSA-PSS keys (RFC 8446 §4.2.3), every other RSA scheme for rsaEncryption. */
    private static String keyAlgorithm(SignatureScheme scheme) {
        return scheme.name().startsWith("RSA_PSS_PSS") ? "RSASSA-PSS" : "RSA";
    }

    private static PublicKey rsaKey(TestGroup g, String algorithm) throws Exception {
        return KeyFactory.getInstance(algorithm).generatePublic(new RSAPublicKeySpec(
                new BigInteger(g.object("publicKey").string("modulus"), 16),
                new BigInteger(g.object("publicKey").string("publicExponent"), 16)));
    }
}
