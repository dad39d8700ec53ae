package org.securechannel.crypto;

import java.util.Arrays;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.NamedGroup;

/**
 * How a hybrid group's two halves sit in its key shares and shared secret (draft-ietf-tls-ecdhe-mlkem §3,
 * checked against BCJSSE in interop-tests): X25519MLKEM768 puts ML-KEM first everywhere (encapsulation key ‖
 * x25519, ciphertext ‖ x25519, ML-KEM secret ‖ x25519 secret); the SecP*MLKEM* groups put the ECDH part first.
 * The one place that knows the order: shares are joined and split, and secrets joined, only here.
 */
enum HybridLayout {
    SECP256R1_MLKEM768(NamedGroup.SECP256R1_MLKEM768, NamedGroup.SECP256R1, MlKemParameterSet.ML_KEM_768, false),
    X25519_MLKEM768(NamedGroup.X25519_MLKEM768, NamedGroup.X25519, MlKemParameterSet.ML_KEM_768, true),
    SECP384R1_MLKEM1024(NamedGroup.SECP384R1_MLKEM1024, NamedGroup.SECP384R1, MlKemParameterSet.ML_KEM_1024, false);

    final NamedGroup group;
    /** The ECDH half; its shares have the same length both ways. */
    final NamedGroup classical;
    final MlKemParameterSet mlKem;
    private final boolean mlKemFirst;

    HybridLayout(NamedGroup group, NamedGroup classical, MlKemParameterSet mlKem, boolean mlKemFirst) {
        this.group = group;
        this.classical = classical;
        this.mlKem = mlKem;
        this.mlKemFirst = mlKemFirst;
        if (group.keyShareLength() != classical.keyShareLength() + mlKem.encapsulationKeyLength()) {
            throw new AssertionError(group + ": key share length disagrees with its halves");
        }
    }

    static HybridLayout of(NamedGroup group) {
        for (HybridLayout l : values()) {
            if (l.group == group) {
                return l;
            }
        }
        throw new IllegalArgumentException("not a hybrid group: " + group);
    }

    /** The responder's share: ML-KEM ciphertext and ECDH public value. */
    int responderShareLength() {
        return classical.keyShareLength() + mlKem.ciphertextLength();
    }

    /** The two halves in this group's order. */
    byte[] join(byte[] classicalPart, byte[] mlKemPart) {
        byte[] first = mlKemFirst ? mlKemPart : classicalPart;
        byte[] second = mlKemFirst ? classicalPart : mlKemPart;
        byte[] out = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, out, first.length, second.length);
        return out;
    }

    /** Joins two secrets and wipes them. */
    byte[] joinSecrets(byte[] classicalSecret, byte[] mlKemSecret) {
        try {
            return join(classicalSecret, mlKemSecret);
        } finally {
            Arrays.fill(classicalSecret, (byte) 0);
            Arrays.fill(mlKemSecret, (byte) 0);
        }
    }

    /**
     * A peer's share split into {classical, ML-KEM}; {@code mlKemLength} is the encapsulation key's length (the
     * initiator's share) or the ciphertext's (the responder's). Any other total length is illegal_parameter.
     */
    byte[][] split(byte[] share, int mlKemLength, String what) throws AlertException {
        int classicalLength = classical.keyShareLength();
        if (share == null || share.length != classicalLength + mlKemLength) {
            throw AlertException.illegalParameter(group.ianaName() + " " + what + " must be "
                    + (classicalLength + mlKemLength) + " bytes, not " + (share == null ? 0 : share.length));
        }
        int mlKemStart = mlKemFirst ? 0 : classicalLength;
        int classicalStart = mlKemFirst ? mlKemLength : 0;
        return new byte[][] {
                Arrays.copyOfRange(share, classicalStart, classicalStart + classicalLength),
                Arrays.copyOfRange(share, mlKemStart, mlKemStart + mlKemLength)};
    }
}
