package org.securechannel.crypto;

import java.util.Arrays;

/**
 * The responder's side of a key exchange in the shape of a KEM: its share to send back, and the shared
 * secret. For ECDHE the share is a fresh public value and the secret the agreement with the initiator's;
 * for ML-KEM the share is the ciphertext and the secret what encapsulation gave. The initiator holds a
 * {@link KeyShare} (its offer, which it completes with {@link KeyShare#sharedSecret}).
 */
public record KeyExchangeResponse(byte[] share, byte[] secret) {
    /** Wipes the secret; the share is public. */
    public void wipe() {
        Arrays.fill(secret, (byte) 0);
    }
}
