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
 * the initiator completes with that share to the same secret, for every group and every backend; a bad
 * initiator share is illegal_parameter at the responder.
 */
class KeyExchangeResponseTest {
    private static final List<CryptoBackend> BACKENDS = List.of(CryptoBackend.defaultBackend(), JdkCryptoBackend.INSTANCE,
            BouncyCastleCryptoBackend.INSTANCE);

    @ParameterizedTest
    @EnumSource(NamedGroup.class)
    void responderAndInitiatorAgree(NamedGroup group) throws Exception {
        for (CryptoBackend crypto : BACKENDS) {
            KeyShare offer = crypto.generateKeyShare(group);
            KeyExchangeResponse answer = crypto.respond(group, offer.publicValue());
            assertEquals(group.keyShareLength(), answer.share().length, crypto.name());
            assertArrayEquals(answer.secret(), offer.sharedSecret(answer.share()), crypto.name() + " " + group);
            offer.destroy();
        }
    }

    @ParameterizedTest
    @EnumSource(NamedGroup.class)
    void aWrongLengthInitiatorShareIsIllegalParameter(NamedGroup group) {
        for (CryptoBackend crypto : BACKENDS) {
            AlertException e = assertThrows(AlertException.class, () -> crypto.respond(group, new byte[group.keyShareLength() - 1]));
            assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert(), crypto.name());
        }
    }
}
