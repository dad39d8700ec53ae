package org.securechannel.crypto;

import org.securechannel.codec.AlertException;
import org.securechannel.codec.NamedGroup;

/**
 * An x25519 key share, whichever code computes the function (ours, the JDK's, Bouncy Castle's): the rules live
 * here once. A share used after destroy is our bug (internal_error); a peer value of the wrong length, or one
 * that yields the all-zero secret (a small-order point: RFC 8446 §7.4.2, RFC 7748 §6.1), is the peer's
 * (illegal_parameter).
 */
abstract class X25519KeyShare implements KeyShare {
    /** Public values, scalars and shared secrets are all 32 bytes (RFC 7748 §5). */
    static final int LENGTH = 32;

    private final byte[] publicValue;
    private boolean destroyed;

    X25519KeyShare(byte[] publicValue) {
        this.publicValue = publicValue;
    }

    /** X25519(our scalar, the peer's u) as RFC 7748 §5 decodes it: 32 bytes, checked by the caller. */
    abstract byte[] agree(byte[] peerPublicValue) throws AlertException;

    /** Wipes or drops the private key. */
    abstract void forgetPrivateKey();

    @Override
    public final NamedGroup group() {
        return NamedGroup.X25519;
    }

    @Override
    public final byte[] publicValue() {
        return publicValue.clone();
    }

    @Override
    public final byte[] sharedSecret(byte[] peerPublicValue) throws AlertException {
        if (destroyed) {
            throw AlertException.internalError("key share already destroyed", null);
        }
        if (peerPublicValue == null || peerPublicValue.length != LENGTH) {
            throw AlertException.illegalParameter("x25519 key share must be 32 bytes");
        }
        byte[] secret = agree(peerPublicValue);
        if (secret.length != LENGTH) {
            throw AlertException.internalError("x25519 produced " + secret.length + " bytes", null);
        }
        // Constant time: the secret is otherwise a key's input.
        int acc = 0;
        for (byte b : secret) {
            acc |= b;
        }
        if (acc == 0) {
            throw AlertException.illegalParameter("x25519 shared secret is all zero");
        }
        return secret;
    }

    @Override
    public final void destroy() {
        destroyed = true;
        forgetPrivateKey();
    }
}
