package org.securechannel.crypto;

import java.security.SecureRandom;
import org.securechannel.codec.AlertException;

/**
 * One ML-KEM implementation (FIPS 203). Implementations run the input checks of {@link MlKemParameterSet}
 * before they use a key or ciphertext from the wire.
 */
public interface MlKem {
    String name();

    /** A fresh key pair (the initiator's, a TLS 1.3 client's). */
    MlKemKeyPair generateKeyPair(MlKemParameterSet parameters, SecureRandom random) throws AlertException;

    /**
     * Encapsulates to the peer's encapsulation key: the ciphertext to send back and the 32-byte shared secret. A
     * key that fails the FIPS 203 §7.2 checks is illegal_parameter.
     */
    KeyExchangeResponse encapsulate(MlKemParameterSet parameters, byte[] encapsulationKey, SecureRandom random)
            throws AlertException;

    /** Our decapsulation key and its encapsulation key, for one key exchange. */
    interface MlKemKeyPair {
        byte[] encapsulationKey();

        /**
         * The shared secret of {@code ciphertext}. A ciphertext of the wrong length is illegal_parameter; any
         * other wrong ciphertext gives a pseudorandom secret (implicit rejection, FIPS 203 §6.3), so the
         * handshake fails later, at Finished.
         */
        byte[] decapsulate(byte[] ciphertext) throws AlertException;

        /** Forgets the decapsulation key. */
        void destroy();
    }
}
