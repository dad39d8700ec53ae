package org.securechannel.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc7748.X25519;

/** X25519 (RFC 7748) on Bouncy Castle's constant-time field arithmetic; same rules as JdkX25519KeyShare. */
final class BouncyCastleX25519KeyShare extends X25519KeyShare {
    private final byte[] privateKey;

    private BouncyCastleX25519KeyShare(byte[] privateKey) {
        super(publicValueOf(privateKey));
        this.privateKey = privateKey;
    }

    private static byte[] publicValueOf(byte[] privateKey) {
        byte[] publicValue = new byte[LENGTH];
        X25519.generatePublicKey(privateKey, 0, publicValue, 0);
        return publicValue;
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
    byte[] agree(byte[] peerPublicValue) {
        byte[] secret = new byte[LENGTH];
        // Its result flags the all-zero secret too; X25519KeyShare checks that for every implementation.
        X25519.calculateAgreement(privateKey, 0, peerPublicValue, 0, secret, 0);
        return secret;
    }

    @Override
    void forgetPrivateKey() {
        Arrays.fill(privateKey, (byte) 0);
    }
}
