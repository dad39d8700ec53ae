package org.securechannel.context;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.securechannel.testing.ContextPair;
import org.securechannel.testing.TestPki;

class EngineSmokeTest {
    @Test
    void handshakeAndMessages() throws Exception {
        TestPki pki = TestPki.ca(TestPki.KeyType.EC_P256);
        TestPki.Issued leaf = pki.issue(TestPki.KeyType.EC_P256, "localhost");
        Credentials server = Credentials.server().certificate(leaf.chain(), leaf.key()).build();
        Credentials client = Credentials.client().trustAnchors(List.of(pki.root())).build();
        try (ContextPair pair = new ContextPair(SecurityContext.client(client, "localhost"), SecurityContext.server(server))) {
            pair.handshake();
            System.out.println(pair.log);
            System.out.println(pair.client.connectionInfo());
            byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
            assertArrayEquals(hello, pair.transfer(pair.client, hello));
            assertArrayEquals(hello, pair.transfer(pair.server, hello));
            assertEquals(pair.client.exportKeyingMaterial("x", null, 32).length, 32);
        }
    }
}
