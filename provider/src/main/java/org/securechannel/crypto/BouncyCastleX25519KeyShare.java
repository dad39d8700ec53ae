package org.securechannel.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.NamedGroup;

/** X25519 (RFC 7748) on Bouncy Castle's constant-time field arithmetic; same rules as JdkX25519KeyShare. */
final class BouncyCastleX25519KeyShare implements KeyShare {
    private static final int LENGTH = X25519Arguments.LENGTH;

    private final byte[] privateKey;
    private final byte[] publicValue;
    private boolean destroyed;

    private BouncyCastleX25519KeyShare(byte[] privateKey) {
        this.privateKey = privateKey;
        this.publicValue = new byte[LENGTH];
        X25519.generatePublicKey(privateKey, 0, publicValue, 0);
    }

    static BouncyCastleX25519KeyShare generate(SecureRandom random) {
        byte[] k = new byte[LENGTH];
        X25519.generatePrivateKey(random, k);
        return new BouncyCastleX25519KeyShare(k);
    }

    /** From a known scalar (RFC 7748 test vectors); only tests need this. */
    static BouncyCastleX25519KeyShare fromPrivateScalar(byte[] scalar) {
        return new BouncyCastleX25519KeyShare(scalar.clone());
    }

    @Override
    public NamedGroup group() {
        return NamedGroup.X25519;
    }

    @Override
    public byte[] publicValue() {
        return publicValue.clone();
    }

    @Override
    public byte[] sharedSecret(byte[] peerPublicValue) throws AlertException {
        X25519Arguments.checkAgreement(destroyed, peerPublicValue);
        byte[] secret = new byte[LENGTH];
        // Its result flags the all-zero secret too; the rule is applied where every x25519 share applies it.
        X25519.calculateAgreement(privateKey, 0, peerPublicValue, 0, secret, 0);
        X25519Arguments.checkSharedSecret(secret);
        return secret;
    }

    @Override
    public void destroy() {
        Arrays.fill(privateKey, (byte) 0);
        destroyed = true;
    }
}
