package org.securechannel.interop.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.interop.matrix.Scenario.ClientAuth;
import org.securechannel.jsse.SecureChannelSession;
import org.securechannel.testing.TestPki.KeyType;

/**
 * The columns of the matrix: what each cell asks ({@link #scenario}) and what must then hold ({@link #check}).
 * Every cell runs in both directions (our client, our server) against every peer that can play it.
 */
enum Cell {
    TLS13("TLS 1.3 handshake, echo, close_notify", Scenario.tls(Scenario.TLS13)),
    TLS12("TLS 1.2 handshake, echo, close_notify", Scenario.tls(Scenario.TLS12)),
    TLS13_AES_128_GCM("suite TLS_AES_128_GCM_SHA256", Scenario.tls(Scenario.TLS13).suite("TLS_AES_128_GCM_SHA256")),
    TLS13_AES_256_GCM("suite TLS_AES_256_GCM_SHA384", Scenario.tls(Scenario.TLS13).suite("TLS_AES_256_GCM_SHA384")),
    TLS13_CHACHA20("suite TLS_CHACHA20_POLY1305_SHA256", Scenario.tls(Scenario.TLS13).suite("TLS_CHACHA20_POLY1305_SHA256")),
    TLS12_ECDSA_AES_128_GCM("TLS 1.2 ECDHE-ECDSA-AES128-GCM-SHA256",
            Scenario.tls(Scenario.TLS12).suite("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")),
    TLS12_ECDSA_AES_256_GCM("TLS 1.2 ECDHE-ECDSA-AES256-GCM-SHA384",
            Scenario.tls(Scenario.TLS12).suite("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384")),
    TLS12_ECDSA_CHACHA20("TLS 1.2 ECDHE-ECDSA-CHACHA20-POLY1305",
            Scenario.tls(Scenario.TLS12).suite("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256")),
    TLS12_RSA_AES_128_GCM("TLS 1.2 ECDHE-RSA-AES128-GCM-SHA256",
            Scenario.tls(Scenario.TLS12).serverKey(KeyType.RSA_2048).suite("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")),
    TLS12_RSA_AES_256_GCM("TLS 1.2 ECDHE-RSA-AES256-GCM-SHA384",
            Scenario.tls(Scenario.TLS12).serverKey(KeyType.RSA_2048).suite("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384")),
    TLS12_RSA_CHACHA20("TLS 1.2 ECDHE-RSA-CHACHA20-POLY1305",
            Scenario.tls(Scenario.TLS12).serverKey(KeyType.RSA_2048).suite("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256")),
    GROUP_X25519("group x25519", Scenario.tls(Scenario.TLS13).group(NamedGroup.X25519)),
    GROUP_SECP256R1("group secp256r1", Scenario.tls(Scenario.TLS13).group(NamedGroup.SECP256R1)),
    GROUP_SECP384R1("group secp384r1", Scenario.tls(Scenario.TLS13).group(NamedGroup.SECP384R1)),
    GROUP_FFDHE2048("group ffdhe2048", Scenario.tls(Scenario.TLS13).group(NamedGroup.FFDHE2048)),
    /**
     * An RSA certificate: in TLS 1.2 the client's supported groups also limit the curve of an ECDSA certificate
     * (RFC 8422 §5.1), so a P-256 certificate would rightly be refused.
     */
    TLS12_GROUP_SECP384R1("TLS 1.2 group secp384r1",
            Scenario.tls(Scenario.TLS12).serverKey(KeyType.RSA_2048).group(NamedGroup.SECP384R1)),
    /**
     * Our server allows only secp384r1, for which no client sends a first share; a peer server likewise for ours.
     * An RSA certificate, because JSSE constraints that refuse secp256r1 also refuse ECDSA with P-256.
     */
    HELLO_RETRY_REQUEST("HelloRetryRequest (only secp384r1 on the server)",
            Scenario.tls(Scenario.TLS13).serverKey(KeyType.RSA_2048)),
    CERT_RSA("RSA server certificate", Scenario.tls(Scenario.TLS13).serverKey(KeyType.RSA_2048)),
    CERT_ED25519("Ed25519 server certificate", Scenario.tls(Scenario.TLS13).serverKey(KeyType.ED25519)),
    TLS12_CERT_RSA("TLS 1.2 RSA server certificate", Scenario.tls(Scenario.TLS12).serverKey(KeyType.RSA_2048)),
    CLIENT_AUTH("client certificate required and sent", Scenario.tls(Scenario.TLS13).clientAuth(ClientAuth.REQUIRED)),
    CLIENT_AUTH_MISSING("client certificate required, none sent: refused",
            Scenario.tls(Scenario.TLS13).clientAuth(ClientAuth.REQUIRED_BUT_MISSING)),
    TLS12_CLIENT_AUTH("TLS 1.2 client certificate required and sent", Scenario.tls(Scenario.TLS12).clientAuth(ClientAuth.REQUIRED)),
    ALPN_MATCH("ALPN h2 agreed", Scenario.tls(Scenario.TLS13).alpn(List.of("h2", "http/1.1"), List.of("h2"))),
    ALPN_MISMATCH("ALPN with no protocol in common", Scenario.tls(Scenario.TLS13).alpn(List.of("h2"), List.of("http/1.1"))),
    SNI("SNI seen by the server", Scenario.tls(Scenario.TLS13)),
    BULK_10MB("10 MiB each way, compared byte for byte", Scenario.tls(Scenario.TLS13).bytes(10 << 20)),
    TLS12_BULK_10MB("TLS 1.2: 10 MiB each way", Scenario.tls(Scenario.TLS12).bytes(10 << 20)),
    KEY_UPDATE("a KeyUpdate from our side mid-stream (1 MiB each way)", Scenario.tls(Scenario.TLS13).bytes(1 << 20).withKeyUpdate()),
    RESUME_TLS13("TLS 1.3 ticket resumption (second connection)",
            Scenario.tls(Scenario.TLS13).resume(Scenario.Resumption.TLS13_TICKET)),
    RESUME_TLS12_TICKET("TLS 1.2 ticket resumption, RFC 5077 (second connection)",
            Scenario.tls(Scenario.TLS12).resume(Scenario.Resumption.TLS12_TICKET)),
    RESUME_TLS12_SESSION_ID("TLS 1.2 session-ID resumption (second connection)",
            Scenario.tls(Scenario.TLS12).resume(Scenario.Resumption.TLS12_SESSION_ID));

    final String description;
    private final Scenario scenario;

    Cell(String description, Scenario scenario) {
        this.description = description;
        this.scenario = scenario;
    }

    /** The scenario for this direction: only the HelloRetryRequest cell puts its constraint on the server's side. */
    Scenario scenario(boolean ourServer) {
        if (this == HELLO_RETRY_REQUEST) {
            return ourServer ? scenario.group(NamedGroup.SECP384R1) : scenario.peerGroup(NamedGroup.SECP384R1);
        }
        return scenario;
    }

    void check(Run r, boolean ourServer) {
        Scenario s = scenario(ourServer);
        if (this == CLIENT_AUTH_MISSING) {
            assertNotNull(r.ourFailure(), "the handshake without the required client certificate succeeded\n" + r.describe());
            assertTrue(!r.echoed(), r.describe());
            return;
        }
        if (this == ALPN_MISMATCH && (ourServer || r.ourFailure() != null)) {
            // RFC 7301 §3.2: a server with no protocol in common answers no_application_protocol; ours must.
            assertNotNull(r.ourFailure(), "our server accepted a client with no protocol in common\n" + r.describe());
            return;
        }
        assertNull(r.ourFailure(), () -> "our side failed\n" + r.describe());
        assertTrue(r.echoed(), () -> "the echo did not come back intact\n" + r.describe());
        Observed o = r.ours();
        assertEquals(SecureChannelSession.class.getName(), o.sessionClass(), "not our session");
        assertEquals(s.version(), o.protocol(), r.describe());
        if (s.suite() != null) {
            assertEquals(s.suite(), o.suite());
            assertEquals(CipherSuite.valueOf(s.suite()), o.info().cipherSuite());
        }
        if (s.group() != null) {
            assertEquals(s.group(), o.info().group(), r.describe());
        }
        if (s.resumption() != Scenario.Resumption.NONE) {
            assertNotNull(r.first(), r.describe());
            assertTrue(!r.first().info().resumed(), () -> "the first connection claims to be resumed\n" + r.describe());
            assertTrue(o.info().resumed(), () -> "the second connection was not resumed\n" + r.describe());
        }
        switch (this) {
            case HELLO_RETRY_REQUEST:
                assertTrue(o.info().helloRetryRequest(), () -> "no HelloRetryRequest\n" + r.describe());
                assertEquals(NamedGroup.SECP384R1, o.info().group());
                break;
            case CERT_RSA:
                assertTrue(o.info().signatureScheme().name().startsWith("RSA_PSS"), o.info().toString());
                break;
            case TLS12_CERT_RSA:
                assertTrue(o.info().signatureScheme().name().startsWith("RSA"), o.info().toString());
                break;
            case CERT_ED25519:
                assertEquals(SignatureScheme.ED25519, o.info().signatureScheme());
                break;
            case CLIENT_AUTH:
            case TLS12_CLIENT_AUTH:
                if (ourServer) {
                    assertTrue(o.peerCertificate(), "our server has no client certificate");
                } else {
                    assertNotNull(o.info().clientSignatureScheme(), "our client did not sign a CertificateVerify");
                }
                break;
            case ALPN_MATCH:
                assertEquals("h2", o.alpn(), r.describe());
                break;
            case ALPN_MISMATCH:
                // A lenient peer server went on without ALPN; our client must then not claim a protocol.
                assertTrue(o.alpn() == null || o.alpn().isEmpty(), r.describe());
                break;
            case SNI:
                if (ourServer) {
                    assertEquals(List.of(MatrixPki.HOST), o.serverNames(), r.describe());
                } else if (r.peer() != null) {
                    assertEquals(List.of(MatrixPki.HOST), r.peer().serverNames(), r.describe());
                } else {
                    assertTrue(r.peerLog().contains("sni=" + MatrixPki.HOST), r.describe());
                }
                break;
            default:
                break;
        }
    }
}
