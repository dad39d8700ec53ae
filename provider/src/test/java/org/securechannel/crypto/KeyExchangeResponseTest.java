package org.securechannel.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.NamedGroup;

/**
 * The KEM-shaped key exchange: the responder answers the initiator's share with its own and the secret, and
 * the initiator completes with that share to the same secret, for every group and every backend that supports
 * it (hybrids: all but the JDK's, which has no ML-KEM a --release 17 build can call), initiator and responder
 * also on different backends; a bad initiator share is illegal_parameter at the responder.
 */
class KeyExchangeResponseTest {
    private static final List<CryptoBackend> BACKENDS = List.of(CryptoBackend.defaultBackend(), JdkCryptoBackend.INSTANCE,
            BouncyCastleCryptoBackend.INSTANCE);

    private static List<CryptoBackend> supporting(NamedGroup group) {
        return BACKENDS.stream().filter(b -> b.supports(group)).toList();
    }

    @ParameterizedTest
    @EnumSource(NamedGroup.class)
    void responderAndInitiatorAgree(NamedGroup group) throws Exception {
        List<CryptoBackend> backends = supporting(group);
        assertEquals(group.isHybrid() ? 2 : 3, backends.size(), "backends supporting " + group);
        for (CryptoBackend initiator : backends) {
            for (CryptoBackend responder : backends) {
                KeyShare offer = initiator.generateKeyShare(group);
                assertEquals(group.keyShareLength(), offer.publicValue().length);
                KeyExchangeResponse answer = responder.respond(group, offer.publicValue());
                assertEquals(group.isHybrid() ? HybridLayout.of(group).responderShareLength() : group.keyShareLength(),
                        answer.share().length, responder.name());
                String pair = initiator.name() + "/" + responder.name() + " " + group;
                assertArrayEquals(answer.secret(), offer.sharedSecret(answer.share()), pair);
                assertEquals(secretLength(group), answer.secret().length, pair);
                offer.destroy();
            }
        }
    }

    /** ECDH secrets are x-coordinates, finite-field ones the prime's length; a hybrid's add ML-KEM's 32 bytes. */
    private static int secretLength(NamedGroup group) {
        switch (group) {
            case SECP384R1: return 48;
            case X25519_MLKEM768: case SECP256R1_MLKEM768: return 64;
            case SECP384R1_MLKEM1024: return 80;
            default: return group.isFiniteField() ? group.keyShareLength() : 32;
        }
    }

    @ParameterizedTest
    @EnumSource(NamedGroup.class)
    void aWrongLengthInitiatorShareIsIllegalParameter(NamedGroup group) {
        for (CryptoBackend crypto : supporting(group)) {
            AlertException e = assertThrows(AlertException.class, () -> crypto.respond(group, new byte[group.keyShareLength() - 1]));
            assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert(), crypto.name());
        }
    }
}
