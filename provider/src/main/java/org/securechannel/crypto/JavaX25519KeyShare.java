package org.securechannel.crypto;

import java.security.SecureRandom;
import java.util.Arrays;

/** X25519 (RFC 7748) on our own constant-time arithmetic (JavaX25519); same rules as JdkX25519KeyShare. */
final class JavaX25519KeyShare extends X25519KeyShare {
    private final byte[] privateKey;

    private JavaX25519KeyShare(byte[] privateKey) {
        super(publicValueOf(privateKey));
        this.privateKey = privateKey;
    }

    private static byte[] publicValueOf(byte[] privateKey) {
        byte[] publicValue = new byte[LENGTH];
        JavaX25519.publicKey(privateKey, publicValue);
        return publicValue;
    }

    static JavaX25519KeyShare generate(SecureRandom random) {
        byte[] k = new byte[LENGTH];
        random.nextBytes(k);
        JavaX25519.clamp(k);
        return new JavaX25519KeyShare(k);
    }

    /** From a known scalar (RFC 7748 test vectors); only tests need this. */
    static JavaX25519KeyShare fromPrivateScalar(byte[] scalar) {
        if (scalar.length != LENGTH) {
            throw new IllegalArgumentException("x25519 scalar must be 32 bytes");
        }
        return new JavaX25519KeyShare(scalar.clone());
    }

    @Override
    byte[] agree(byte[] peerPublicValue) {
        byte[] secret = new byte[LENGTH];
        JavaX25519.scalarMult(privateKey, peerPublicValue, secret);
        return secret;
    }

    @Override
    void forgetPrivateKey() {
        Arrays.fill(privateKey, (byte) 0);
    }
}
