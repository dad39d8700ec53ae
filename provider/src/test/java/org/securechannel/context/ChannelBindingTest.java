package org.securechannel.context;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.securechannel.testing.ContextPair;
import org.securechannel.testing.TestPki;

class ChannelBindingTest {
    @Test
    void tlsExporterIsEqualOnBothSidesAndDiffersAcrossConnections() throws Exception {
        try (ContextPair a = Pairs.established(); ContextPair b = Pairs.established()) {
            byte[] clientSide = a.client.channelBinding(ChannelBinding.Type.TLS_EXPORTER);
            assertEquals(32, clientSide.length);
            assertArrayEquals(clientSide, a.server.channelBinding(ChannelBinding.Type.TLS_EXPORTER));
            assertArrayEquals(clientSide, a.client.exportKeyingMaterial("EXPORTER-Channel-Binding", new byte[0], 32));
            assertFalse(Arrays.equals(clientSide, b.client.channelBinding(ChannelBinding.Type.TLS_EXPORTER)));
        }
    }

    @Test
    void serverEndPointHashesTheServersCertificateWithItsSignatureHash() throws Exception {
        TestPki ca384 = TestPki.ca(TestPki.KeyType.EC_P384);
        TestPki.Issued leaf = ca384.issue(TestPki.KeyType.EC_P256, "localhost");
        assertEquals("SHA384withECDSA", leaf.leaf().getSigAlgName());
        Credentials server = Credentials.server().certificate(leaf.chain(), leaf.key()).build();
        Credentials client = Credentials.client().trustAnchors(List.of(ca384.root())).build();
        try (ContextPair p = new ContextPair(SecurityContext.client(client, "localhost"), SecurityContext.server(server)).handshake()) {
            byte[] expected = MessageDigest.getInstance("SHA-384").digest(leaf.leaf().getEncoded());
            assertArrayEquals(expected, p.client.channelBinding(ChannelBinding.Type.TLS_SERVER_END_POINT));
            assertArrayEquals(expected, p.server.channelBinding(ChannelBinding.Type.TLS_SERVER_END_POINT));
            assertEquals(leaf.chain(), p.server.localCertificates());
        }
        try (ContextPair a = Pairs.established()) {
            byte[] sha256 = a.client.channelBinding(ChannelBinding.Type.TLS_SERVER_END_POINT);
            assertEquals(32, sha256.length);
            assertArrayEquals(sha256, a.server.channelBinding(ChannelBinding.Type.TLS_SERVER_END_POINT));
        }
    }

    @Test
    void ed25519CertificatesHaveNoServerEndPointBinding() throws Exception {
        TestPki.Issued ed = TestPki.ca(TestPki.KeyType.ED25519).issue(TestPki.KeyType.EC_P256, "localhost");
        SecurityContextException e = assertThrows(SecurityContextException.class, () -> ChannelBinding.serverEndPoint(ed.leaf()));
        assertEquals(Reason.INVALID_STATE, e.reason());
    }

    @Test
    void notBeforeTheHandshake() {
        SecurityContext fresh = SecurityContext.client(Pairs.clientCredentials(), "localhost");
        for (ChannelBinding.Type t : ChannelBinding.Type.values()) {
            assertEquals(Reason.INVALID_STATE, assertThrows(SecurityContextException.class, () -> fresh.channelBinding(t)).reason());
        }
        assertEquals("tls-exporter", ChannelBinding.Type.TLS_EXPORTER.ianaName());
    }
}
