package org.securechannel.crypto;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.securechannel.codec.CipherSuite;
import org.securechannel.crypto.wycheproof.Outcome;
import org.securechannel.crypto.wycheproof.VectorRun;

/**
 * Wycheproof HKDF and HMAC with SHA-256 and SHA-384 through every backend's hkdfExtract, hkdfExpand and hmac:
 * the calls the TLS 1.3 key schedule (Tls13KeySchedule, Hkdf.expandLabel) and Finished make.
 *
 * <p>HKDF: extract then expand; the invalid vectors ask for more than 255 × HashLen bytes, which hkdfExpand
 * refuses with IllegalArgumentException, its documented failure (TLS asks only for constant lengths, so this is
 * a caller's bug, not peer input). HMAC has no verify in the API: TLS compares MACs itself (Finished), so a
 * vector is accepted when its tag is the leading tagSize bits of our HMAC (RFC 2104 §5 truncation; the
 * 128/192-bit groups), rejected when it differs. Neither has acceptable vectors.
 */
class WycheproofKeyScheduleTest {

    static Stream<CryptoBackend> backends() {
        return Stream.of(JdkCryptoBackend.INSTANCE, BouncyCastleCryptoBackend.INSTANCE, CryptoBackend.defaultBackend());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void hkdf(CryptoBackend backend) {
        hkdf(backend, "hkdf_sha256_test", CipherSuite.Hash.SHA256);
        hkdf(backend, "hkdf_sha384_test", CipherSuite.Hash.SHA384);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void hmac(CryptoBackend backend) {
        hmac(backend, "hmac_sha256_test", CipherSuite.Hash.SHA256);
        hmac(backend, "hmac_sha384_test", CipherSuite.Hash.SHA384);
    }

    private static void hkdf(CryptoBackend backend, String file, CipherSuite.Hash hash) {
        VectorRun.of(file, backend.name() + " backend hkdf").run((g, v) -> {
            byte[] prk = backend.hkdfExtract(hash, v.hex("salt"), v.hex("ikm"));
            byte[] okm;
            try {
                okm = backend.hkdfExpand(hash, prk, v.hex("info"), v.integer("size"));
            } catch (IllegalArgumentException e) {
                return Outcome.REJECTED;
            }
            return Outcome.answer(v.hex("okm"), okm);
        });
    }

    private static void hmac(CryptoBackend backend, String file, CipherSuite.Hash hash) {
        VectorRun.of(file, backend.name() + " backend hmac").run((g, v) -> {
            byte[] mac = backend.hmac(hash, v.hex("key"), v.hex("msg"));
            if (mac.length != hash.length()) {
                return Outcome.wrong("HMAC of " + mac.length + " bytes");
            }
            byte[] truncated = Arrays.copyOf(mac, g.integer("tagSize") / 8);
            return MessageDigest.isEqual(truncated, v.hex("tag")) ? Outcome.ACCEPTED : Outcome.REJECTED;
        });
    }
}
