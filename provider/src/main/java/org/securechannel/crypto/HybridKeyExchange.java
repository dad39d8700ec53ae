package org.securechannel.crypto;

import java.security.SecureRandom;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.NamedGroup;

/**
 * The responder's (a TLS 1.3 server's) side of a hybrid group, KEM-shaped as every key exchange is here: the
 * client's share is split, its ECDH half answered by the backend for that curve, its encapsulation key checked
 * (FIPS 203 §7.2) and encapsulated to. Our share is ciphertext and ECDH public value in the group's order.
 */
final class HybridKeyExchange {
    private HybridKeyExchange() {
    }

    static KeyExchangeResponse respond(NamedGroup group, byte[] initiatorShare, CryptoBackend classicalBackend,
            MlKem kem, SecureRandom random) throws AlertException {
        HybridLayout layout = HybridLayout.of(group);
        byte[][] halves = layout.split(initiatorShare, layout.mlKem.encapsulationKeyLength(), "client key share");
        // ML-KEM first: encapsulation starts with the FIPS 203 §7.2 checks, the cheaper way to refuse a bad share.
        KeyExchangeResponse encapsulated = kem.encapsulate(layout.mlKem, halves[1], random);
        KeyExchangeResponse classical;
        try {
            classical = classicalBackend.respond(layout.classical, halves[0]);
        } catch (AlertException | RuntimeException e) {
            encapsulated.wipe();
            throw e;
        }
        byte[] share = layout.join(classical.share(), encapsulated.share());
        return new KeyExchangeResponse(share, layout.joinSecrets(classical.secret(), encapsulated.secret()));
    }
}
