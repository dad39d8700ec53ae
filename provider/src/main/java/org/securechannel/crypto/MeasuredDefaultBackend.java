package org.securechannel.crypto;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.SignatureScheme;

/**
 * The default backend: per operation, whichever backend measured faster (perf/PrimitivesBenchmark; numbers
 * in perf/RESULTS.md). Both pass CryptoBackendConformanceTest, so the choice changes speed, never results.
 *
 * <p>JDK 17, 2-core AMD EPYC, ops/s JDK vs Bouncy Castle: x25519 keygen+agree 4.4k vs 12.6k; P-256 keygen+ECDH
 * 0.34k vs 4.4k; ECDSA P-256 sign 0.73k vs 7.5k, verify 0.39k vs 2.5k; Ed25519 sign 0.55k vs 7.7k, verify
 * 1.2k vs 4.5k; RSA-PSS 2048 sign 1.24k vs 1.10k, verify 30k vs 32k (a tie: JDK kept); HKDF-Expand-Label
 * 2.2M vs 0.49M; transcript hash 2.9M vs 0.50M. Record AEADs: AES-GCM on the JDK's intrinsics (DESIGN §4) at
 * every size, one Cipher per key (JdkRecordAead): seal+open of 64 B costs 0.97 us of CPU on JDK 17 and 0.98 us
 * on Temurin 25, against 1.28 / 1.20 us for the AES/ECB + constant-time GHASH in Java that small records used
 * until 2026-12-07 (removed: its per-thread key slots re-keyed at nearly every record of a keep-alive server);
 * ChaCha20-Poly1305 on the pure-Java cipher where the JDK's is slower (below). Unmeasured
 * operations (P-384, ECDSA P-384/P-521, RSA PKCS#1) stay on the JDK until a benchmark says otherwise.
 *
 * <p>x25519 is our own (JavaX25519: 5×51-bit limbs, constant-time ladder, fixed-base Edwards comb): keygen +
 * agree 1.27–1.30× Bouncy Castle's in one process (ladder 47 vs 62 us, keygen 18.5 vs 22 us), its first use
 * costs ~30 ms against Bouncy Castle's ~440 ms (class loading and tables), and it needs no bcprov.
 */
public final class MeasuredDefaultBackend implements CryptoBackend {
    static final MeasuredDefaultBackend INSTANCE = new MeasuredDefaultBackend();

    private final CryptoBackend jdk = JdkCryptoBackend.INSTANCE;
    /** Bouncy Castle where it measured faster; the JDK for those operations too when bcprov is absent. */
    private final CryptoBackend bc = BouncyCastleAvailability.available()
            ? BouncyCastleCryptoBackend.INSTANCE : JdkCryptoBackend.INSTANCE;

    /**
     * ML-KEM for the hybrid groups: Bouncy Castle's. The JDK's (JDK 24+) is reachable only through
     * javax.crypto.KEM (JDK 21 API), which a --release 17 build cannot name without reflection, and it measured
     * slower anyway (perf/MlKemBenchmark, Temurin 25, shared machine, ops/s BC vs JDK: keygen 1,618 vs 737,
     * encaps 1,575 vs 1,390 incl. the JDK's X.509 key decoding, decaps 1,320 vs 1,042). Null without bcprov
     * 1.79+: the hybrid groups are then unsupported, and Credentials leave them out.
     */
    private final MlKem mlKem = BouncyCastleAvailability.mlKem() ? BouncyCastleMlKem.INSTANCE : null;

    private MeasuredDefaultBackend() {
    }

    /** The ML-KEM the hybrid groups use (null without bcprov 1.79+), for benchmarks that compare implementations. */
    public static MlKem mlKem() {
        return INSTANCE.mlKem;
    }

    /** The JDK backend alone, for benchmarks and tests that compare backends. */
    public static CryptoBackend jdk() {
        return JdkCryptoBackend.INSTANCE;
    }

    @Override
    public String name() {
        return "Measured";
    }

    /**
     * The first JDK whose {@code ChaCha20-Poly1305} has intrinsics (JDK-8247645 ChaCha20 and JDK-8288047
     * Poly1305, both JDK 20). Before it, the JDK's cipher is plain Java too, and ours is faster at every
     * size (seal+open, JDK 17: 64 B 2.1x, 1 KiB 1.5x, 16 KiB 2.0x); from it on, the JDK's is faster from
     * 256-byte records up and ours below (SizeSplitChaCha20Poly1305).
     */
    static final int FIRST_JDK_WITH_CHACHA_INTRINSICS = 20;

    /** True when record ChaCha20-Poly1305 runs on {@link JavaChaCha20Poly1305} rather than the JDK's cipher. */
    static final boolean JAVA_CHACHA = Runtime.version().feature() < FIRST_JDK_WITH_CHACHA_INTRINSICS;

    /** The pure-Java ChaCha20-Poly1305 whatever the JDK, for benchmarks that compare it with the JDK's. */
    public static RecordAead javaChaCha20Poly1305(byte[] key) {
        return new JavaChaCha20Poly1305(key);
    }

    @Override
    public RecordAead newAead(CipherSuite.Aead algorithm, byte[] key) {
        if (algorithm == CipherSuite.Aead.CHACHA20_POLY1305) {
            return JAVA_CHACHA ? new JavaChaCha20Poly1305(key) : new SizeSplitChaCha20Poly1305(key);
        }
        return new JdkRecordAead(algorithm, key);
    }

    @Override
    public KeyShare generateKeyShare(NamedGroup group) throws AlertException {
        if (group == NamedGroup.X25519) {
            return JavaX25519KeyShare.generate(random());
        }
        if (group.isHybrid()) {
            // The ECDH half comes from this backend, so it is the measured choice for its curve too.
            return HybridKeyShare.generate(group, this, requireMlKem(group), random());
        }
        return group == NamedGroup.SECP256R1 ? bc.generateKeyShare(group) : jdk.generateKeyShare(group);
    }

    @Override
    public boolean supports(NamedGroup group) {
        return !group.isHybrid() || mlKem != null;
    }

    @Override
    public KeyExchangeResponse respond(NamedGroup group, byte[] initiatorShare) throws AlertException {
        if (group.isHybrid()) {
            return HybridKeyExchange.respond(group, initiatorShare, this, requireMlKem(group), random());
        }
        return CryptoBackend.super.respond(group, initiatorShare);
    }

    private MlKem requireMlKem(NamedGroup group) throws AlertException {
        if (mlKem == null) {
            throw AlertException.internalError(group.ianaName() + " needs ML-KEM, and bcprov 1.79+ is absent", null);
        }
        return mlKem;
    }

    /** The schemes Bouncy Castle signs and verifies faster (measured); everything else on the JDK. */
    private CryptoBackend signatures(SignatureScheme scheme) {
        return scheme == SignatureScheme.ECDSA_SECP256R1_SHA256 || scheme == SignatureScheme.ED25519 ? bc : jdk;
    }

    @Override
    public byte[] hmac(CipherSuite.Hash hash, byte[] key, byte[] data) {
        return jdk.hmac(hash, key, data);
    }

    @Override
    public byte[] hkdfExtract(CipherSuite.Hash hash, byte[] salt, byte[] ikm) {
        return jdk.hkdfExtract(hash, salt, ikm);
    }

    @Override
    public byte[] hkdfExpand(CipherSuite.Hash hash, byte[] prk, byte[] info, int length) {
        return jdk.hkdfExpand(hash, prk, info, length);
    }

    @Override
    public TranscriptHash newTranscriptHash(CipherSuite.Hash hash) {
        return jdk.newTranscriptHash(hash);
    }

    @Override
    public byte[] sign(SignatureScheme scheme, PrivateKey key, byte[] message) throws AlertException {
        return signatures(scheme).sign(scheme, key, message);
    }

    @Override
    public boolean verify(SignatureScheme scheme, PublicKey key, byte[] message, byte[] signature) {
        return scheme != null && signatures(scheme).verify(scheme, key, message, signature);
    }

    @Override
    public SecureRandom random() {
        return jdk.random();
    }
}
