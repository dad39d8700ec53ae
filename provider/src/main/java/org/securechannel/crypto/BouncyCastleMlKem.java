package org.securechannel.crypto;

import java.security.SecureRandom;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.SecretWithEncapsulation;
import org.bouncycastle.crypto.generators.MLKEMKeyPairGenerator;
import org.bouncycastle.crypto.kems.MLKEMExtractor;
import org.bouncycastle.crypto.kems.MLKEMGenerator;
import org.bouncycastle.crypto.params.MLKEMKeyGenerationParameters;
import org.bouncycastle.crypto.params.MLKEMParameters;
import org.bouncycastle.crypto.params.MLKEMPrivateKeyParameters;
import org.bouncycastle.crypto.params.MLKEMPublicKeyParameters;
import org.securechannel.codec.AlertException;

/** ML-KEM on Bouncy Castle's lightweight API (bcprov 1.87: org.bouncycastle.crypto.kems / generators). */
final class BouncyCastleMlKem implements MlKem {
    static final BouncyCastleMlKem INSTANCE = new BouncyCastleMlKem();

    private BouncyCastleMlKem() {
    }

    @Override
    public String name() {
        return "BouncyCastle";
    }

    private static MLKEMParameters parameters(MlKemParameterSet set) {
        return set == MlKemParameterSet.ML_KEM_768 ? MLKEMParameters.ml_kem_768 : MLKEMParameters.ml_kem_1024;
    }

    @Override
    public MlKemKeyPair generateKeyPair(MlKemParameterSet set, SecureRandom random) {
        MLKEMKeyPairGenerator generator = new MLKEMKeyPairGenerator();
        generator.init(new MLKEMKeyGenerationParameters(random, parameters(set)));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        return new KeyPair(set, (MLKEMPrivateKeyParameters) pair.getPrivate());
    }

    /** ML-KEM.KeyGen_internal from the 64-byte seed d ‖ z (known-answer vectors); only tests need this. */
    MlKemKeyPair keyPairFromSeed(MlKemParameterSet set, byte[] seed) {
        if (seed.length != MlKemParameterSet.SEED_LENGTH) {
            throw new IllegalArgumentException("ML-KEM seed must be 64 bytes");
        }
        return new KeyPair(set, new MLKEMPrivateKeyParameters(parameters(set), seed.clone()));
    }

    @Override
    public KeyExchangeResponse encapsulate(MlKemParameterSet set, byte[] encapsulationKey, SecureRandom random)
            throws AlertException {
        set.checkEncapsulationKey(encapsulationKey);
        SecretWithEncapsulation result = new MLKEMGenerator(random)
                .generateEncapsulated(new MLKEMPublicKeyParameters(parameters(set), encapsulationKey));
        return new KeyExchangeResponse(result.getEncapsulation(), result.getSecret());
    }

    /** ML-KEM.Encaps_internal with fixed randomness m (known-answer vectors); only tests need this. */
    KeyExchangeResponse encapsulate(MlKemParameterSet set, byte[] encapsulationKey, byte[] m) throws AlertException {
        set.checkEncapsulationKey(encapsulationKey);
        if (m.length != MlKemParameterSet.MESSAGE_LENGTH) {
            throw new IllegalArgumentException("ML-KEM randomness m must be 32 bytes");
        }
        SecretWithEncapsulation result = MLKEMGenerator.internalGenerateEncapsulated(
                new MLKEMPublicKeyParameters(parameters(set), encapsulationKey), m.clone());
        return new KeyExchangeResponse(result.getEncapsulation(), result.getSecret());
    }

    private static final class KeyPair implements MlKemKeyPair {
        private final MlKemParameterSet set;
        private final byte[] encapsulationKey;
        private MLKEMPrivateKeyParameters privateKey;

        KeyPair(MlKemParameterSet set, MLKEMPrivateKeyParameters privateKey) {
            this.set = set;
            this.privateKey = privateKey;
            this.encapsulationKey = privateKey.getPublicKey();
        }

        @Override
        public byte[] encapsulationKey() {
            return encapsulationKey.clone();
        }

        @Override
        public byte[] decapsulate(byte[] ciphertext) throws AlertException {
            if (privateKey == null) {
                throw AlertException.internalError("ML-KEM key already destroyed", null);
            }
            set.checkCiphertext(ciphertext);
            return new MLKEMExtractor(privateKey).extractSecret(ciphertext);
        }

        @Override
        public void destroy() {
            if (privateKey != null) {
                privateKey.destroy();
                privateKey = null;
            }
        }
    }
}
