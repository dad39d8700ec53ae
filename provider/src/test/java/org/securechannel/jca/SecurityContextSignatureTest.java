package org.securechannel.jca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.SignatureException;
import org.junit.jupiter.api.Test;
import org.securechannel.context.Pairs;
import org.securechannel.testing.ContextPair;

class SecurityContextSignatureTest {
    /** The real registration, as applications get it. */
    private static final java.security.Provider PROVIDER = new org.securechannel.SecureChannelProvider();

    private static final byte[] MESSAGE = "pay 10 to bob".getBytes(StandardCharsets.UTF_8);

    private static byte[] sign(SecurityContextKey key, byte[] message) throws Exception {
        Signature s = Signature.getInstance("SecurityContext", PROVIDER);
        s.initSign(key);
        s.update(message, 0, 4);
        s.update(message, 4, message.length - 4);
        return s.sign();
    }

    private static boolean verify(SecurityContextKey key, byte[] message, byte[] token) throws Exception {
        Signature s = Signature.getInstance("SecurityContext", PROVIDER);
        s.initVerify(key);
        s.update(message);
        return s.verify(token);
    }

    @Test
    void signAndVerifyThroughJca() throws Exception {
        try (ContextPair p = Pairs.established()) {
            SecurityContextKey client = SecurityContextKey.of(p.client);
            SecurityContextKey server = SecurityContextKey.of(p.server);
            byte[] token = sign(client, MESSAGE);
            assertEquals(41, token.length);
            assertTrue(verify(server, MESSAGE, token));
            // The engine and the JCA view share one sequence.
            p.server.verifySignature(MESSAGE, p.client.makeSignature(MESSAGE));
            assertTrue(verify(client, MESSAGE, sign(server, MESSAGE)));
        }
    }

    @Test
    void falseForAlteredReplayedReorderedAndReflected() throws Exception {
        try (ContextPair p = Pairs.established()) {
            SecurityContextKey client = SecurityContextKey.of(p.client);
            SecurityContextKey server = SecurityContextKey.of(p.server);
            byte[] t0 = sign(client, MESSAGE);
            byte[] t1 = sign(client, MESSAGE);
            byte[] altered = MESSAGE.clone();
            altered[0] ^= 1;
            assertFalse(verify(server, altered, t0), "altered");
            assertFalse(verify(client, MESSAGE, t0), "reflected");
            assertFalse(verify(server, MESSAGE, t1), "reordered");
            assertTrue(verify(server, MESSAGE, t0));
            assertFalse(verify(server, MESSAGE, t0), "replayed");
            assertTrue(verify(server, MESSAGE, t1));
        }
    }

    @Test
    void keysAndStatesThatCannotWork() throws Exception {
        Signature s = Signature.getInstance("SecurityContext", PROVIDER);
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        assertThrows(InvalidKeyException.class, () -> s.initSign(g.generateKeyPair().getPrivate()));
        ContextPair p = Pairs.established();
        SecurityContextKey key = SecurityContextKey.of(p.client);
        s.initSign(key);
        p.close();
        s.update(MESSAGE);
        assertThrows(SignatureException.class, s::sign);
    }
}
