package org.securechannel.jca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import org.junit.jupiter.api.Test;
import org.securechannel.context.Pairs;
import org.securechannel.context.SecurityContext;
import org.securechannel.testing.ContextPair;

class SecurityContextKeyTest {
    @Test
    void anEstablishedContextIsBothKeys() throws Exception {
        try (ContextPair p = Pairs.established()) {
            SecurityContextKey key = SecurityContextKey.of(p.client);
            assertTrue(key instanceof PrivateKey && key instanceof PublicKey);
            assertEquals("SecurityContext", key.getAlgorithm());
            assertNull(key.getFormat());
            assertNull(key.getEncoded());
            SecurityContextHolder holder = () -> p.server;
            SecurityContextKey.of(holder);
            assertThrows(NotSerializableException.class, () -> new ObjectOutputStream(new ByteArrayOutputStream()).writeObject(key));
        }
    }

    @Test
    void unusableContextsSayWhy() throws Exception {
        SecurityContext fresh = SecurityContext.client(Pairs.clientCredentials(), "localhost");
        assertTrue(assertThrows(InvalidKeyException.class, () -> SecurityContextKey.of(fresh)).getMessage().contains("not completed"));
        ContextPair p = Pairs.established();
        SecurityContextKey key = SecurityContextKey.of(p.client);
        p.close();
        assertTrue(assertThrows(InvalidKeyException.class, () -> SecurityContextKey.of(p.client)).getMessage().contains("closed"));
        assertTrue(assertThrows(InvalidKeyException.class, key::context).getMessage().contains("closed"));
        SecurityContextHolder empty = () -> null;
        assertTrue(assertThrows(InvalidKeyException.class, () -> SecurityContextKey.of(empty)).getMessage().contains("no security context"));
    }

    @Test
    void otherObjectsAreNamed() {
        assertTrue(assertThrows(InvalidKeyException.class, () -> SecurityContextKey.of("a string")).getMessage().contains("java.lang.String"));
        assertTrue(assertThrows(InvalidKeyException.class, () -> SecurityContextKey.of(null)).getMessage().contains("null"));
    }
}
