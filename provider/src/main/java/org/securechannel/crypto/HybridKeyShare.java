package org.securechannel.crypto;

import java.security.SecureRandom;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.NamedGroup;

/**
 * The initiator's (a TLS 1.3 client's) share of a hybrid group: an ECDH key pair from the backend that does
 * that curve fastest and an ML-KEM key pair. The responder's share is split by {@link HybridLayout}; each half
 * is validated by its own rules (the ECDH half as any key share of its curve, the ciphertext's length here).
 */
final class HybridKeyShare implements KeyShare {
    private final HybridLayout layout;
    private final KeyShare classical;
    private final MlKem.MlKemKeyPair mlKem;

    private HybridKeyShare(HybridLayout layout, KeyShare classical, MlKem.MlKemKeyPair mlKem) {
        this.layout = layout;
        this.classical = classical;
        this.mlKem = mlKem;
    }

    /** @param classicalBackend makes the ECDH half (any backend: the measured default picks per curve) */
    static HybridKeyShare generate(NamedGroup group, CryptoBackend classicalBackend, MlKem kem, SecureRandom random)
            throws AlertException {
        HybridLayout layout = HybridLayout.of(group);
        KeyShare classical = classicalBackend.generateKeyShare(layout.classical);
        try {
            return new HybridKeyShare(layout, classical, kem.generateKeyPair(layout.mlKem, random));
        } catch (AlertException | RuntimeException e) {
            classical.destroy();
            throw e;
        }
    }

    @Override
    public NamedGroup group() {
        return layout.group;
    }

    @Override
    public byte[] publicValue() {
        return layout.join(classical.publicValue(), mlKem.encapsulationKey());
    }

    @Override
    public byte[] sharedSecret(byte[] responderShare) throws AlertException {
        byte[][] halves = layout.split(responderShare, layout.mlKem.ciphertextLength(), "server key share");
        // Both halves always run, the ECDH one first: its rejection (a bad point, an all-zero x25519 secret) is
        // illegal_parameter, while a wrong ciphertext of the right length only shows at Finished.
        byte[] classicalSecret = classical.sharedSecret(halves[0]);
        byte[] mlKemSecret;
        try {
            mlKemSecret = mlKem.decapsulate(halves[1]);
        } catch (AlertException | RuntimeException e) {
            java.util.Arrays.fill(classicalSecret, (byte) 0);
            throw e;
        }
        return layout.joinSecrets(classicalSecret, mlKemSecret);
    }

    @Override
    public void destroy() {
        classical.destroy();
        mlKem.destroy();
    }
}
