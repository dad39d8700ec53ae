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
 */
public final class MeasuredDefaultBackend implements CryptoBackend {
    static final MeasuredDefaultBackend INSTANCE = new MeasuredDefaultBackend();

    private final CryptoBackend jdk = JdkCryptoBackend.INSTANCE;
    private final CryptoBackend bc = BouncyCastleCryptoBackend.INSTANCE;

    private MeasuredDefaultBackend() {
    }

    /** The JDK backend alone, for benchmarks and tests that compare backends. */
    public static CryptoBackend jdk() {
        return JdkCryptoBackend.INSTANCE;
    }

    @Override
    public String name() {
        return "Measured";
    }

    @Override
    public RecordAead newAead(CipherSuite.Aead algorithm, byte[] key) {
        return jdk.newAead(algorithm, key);
    }

    @Override
    public KeyShare generateKeyShare(NamedGroup group) throws AlertException {
        return jdk.generateKeyShare(group);
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
        return jdk.sign(scheme, key, message);
    }

    @Override
    public boolean verify(SignatureScheme scheme, PublicKey key, byte[] message, byte[] signature) {
        return jdk.verify(scheme, key, message, signature);
    }

    @Override
    public SecureRandom random() {
        return jdk.random();
    }
}
