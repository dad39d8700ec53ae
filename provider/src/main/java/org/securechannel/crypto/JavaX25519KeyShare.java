package org.securechannel.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.NamedGroup;

/** X25519 (RFC 7748) on our own constant-time arithmetic (JavaX25519); same rules as JdkX25519KeyShare. */
final class JavaX25519KeyShare implements KeyShare {
    private static final int LENGTH = JavaX25519.LENGTH;

    private final byte[] privateKey;
    private final byte[] publicValue;
    private boolean destroyed;

    private JavaX25519KeyShare(byte[] privateKey) {
        this.privateKey = privateKey;
        this.publicValue = new byte[LENGTH];
        JavaX25519.publicKey(privateKey, publicValue);
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
        JavaX25519.scalarMult(privateKey, peerPublicValue, secret);
        X25519Arguments.checkSharedSecret(secret);
        return secret;
    }

    @Override
    public void destroy() {
        Arrays.fill(privateKey, (byte) 0);
        destroyed = true;
    }
}
