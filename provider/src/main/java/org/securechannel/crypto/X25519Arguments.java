package org.securechannel.crypto;

import org.securechannel.codec.AlertException;

/**
 * The rules every x25519 {@link KeyShare} applies, in one place, whichever implementation computes the
 * function: a share used after destroy is our bug (internal_error); a peer value of the wrong length or one
 * that yields the all-zero secret (a small-order point, RFC 8446 §7.4.2 and RFC 7748 §6.1) is the peer's
 * (illegal_parameter).
 */
final class X25519Arguments {
    /** Public values, scalars and shared secrets are all 32 bytes (RFC 7748 §5). */
    static final int LENGTH = 32;

    private X25519Arguments() {
    }

    static void checkAgreement(boolean destroyed, byte[] peerPublicValue) throws AlertException {
        if (destroyed) {
            throw AlertException.internalError("key share already destroyed", null);
        }
        if (peerPublicValue == null || peerPublicValue.length != LENGTH) {
            throw AlertException.illegalParameter("x25519 key share must be 32 bytes");
        }
    }

    /** Refuses the all-zero shared secret, in constant time: the secret is otherwise a key's input. */
    static void checkSharedSecret(byte[] secret) throws AlertException {
        if (secret.length != LENGTH) {
            throw AlertException.illegalParameter("x25519 shared secret must be 32 bytes");
        }
        int acc = 0;
        for (byte b : secret) {
            acc |= b;
        }
        if (acc == 0) {
            throw AlertException.illegalParameter("x25519 shared secret is all zero");
        }
    }
}
