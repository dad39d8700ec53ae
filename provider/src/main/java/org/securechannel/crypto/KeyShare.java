package org.securechannel.crypto;

import org.securechannel.codec.AlertException;
import org.securechannel.codec.NamedGroup;

/** Our ephemeral key pair for one key exchange. */
public interface KeyShare {
    NamedGroup group();

    /** Our public value as sent in key_share (x25519: 32 bytes; P-256/P-384: uncompressed point). */
    byte[] publicValue();

    /**
     * The shared secret with the peer's public value. The peer value is fully validated first
     * (exact length, uncompressed form, on the curve, not the identity, x25519 result not all-zero);
     * an invalid value gives illegal_parameter.
     */
    byte[] sharedSecret(byte[] peerPublicValue) throws AlertException;

    /** Forgets the private key. */
    void destroy();
}
