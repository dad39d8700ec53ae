package org.securechannel.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.NamedGroup;

/** X25519 (RFC 7748) on Bouncy Castle's constant-time field arithmetic; same rules as JdkX25519KeyShare. */
final class BouncyCastleX25519KeyShare implements KeyShare {
    private static final int LENGTH = 32;

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
        if (destroyed) {
            throw AlertException.internalError("key share already destroyed", null);
        }
        if (peerPublicValue == null || peerPublicValue.length != LENGTH) {
            throw AlertException.illegalParameter("x25519 key share must be 32 bytes");
        }
        byte[] secret = new byte[LENGTH];
        // RFC 8446 §7.4.2: an all-zero result means a small-order peer point; calculateAgreement says so.
        if (!X25519.calculateAgreement(privateKey, 0, peerPublicValue, 0, secret, 0)) {
            throw AlertException.illegalParameter("x25519 shared secret is all zero");
        }
        return secret;
    }

    @Override
    public void destroy() {
        Arrays.fill(privateKey, (byte) 0);
        destroyed = true;
    }
}
