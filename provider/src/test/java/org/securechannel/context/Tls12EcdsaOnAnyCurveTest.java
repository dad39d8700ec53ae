package org.securechannel.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.X509KeyManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.testing.ContextPair;
import org.securechannel.testing.TestPki;
import org.securechannel.testing.TestPki.KeyType;

/**
 * Engine to engine: an ECDSA scheme names only its hash in TLS 1.2 (RFC 5246 §7.4.1.4.1, RFC 8422 §5.1.1), so a
 * P-384 key signs with ecdsa_secp256r1_sha256 for a peer that offers nothing else, for the ServerKeyExchange and for
 * a client's CertificateVerify; in TLS 1.3 (RFC 8446 §4.2.3) the same offer leaves a P-384 server without a
 * certificate, which is a handshake_failure.
 */
class Tls12EcdsaOnAnyCurveTest {
    private static final String HOST = "anycurve.test";
    private static final SignatureScheme SHA256 = SignatureScheme.ECDSA_SECP256R1_SHA256;
    private static final SignatureScheme SHA384 = SignatureScheme.ECDSA_SECP384R1_SHA384;
    private static TestPki pki;
    private static TestPki.Issued p384;

    @BeforeAll
    static void pki() {
        pki = TestPki.ca(KeyType.EC_P256);
        p384 = pki.issue(KeyType.EC_P384, HOST);
    }

    private static SecurityContext server(Credentials.Builder b) {
        return SecurityContext.server(b.build());
    }

    private static Credentials.Builder p384Server() {
        return Credentials.server().certificate(p384.chain(), p384.key());
    }

    private static SecurityContext client(List<CipherSuite> suites, SignatureScheme... schemes) {
        return SecurityContext.client(Credentials.client().trustAnchors(List.of(pki.root())).cipherSuites(suites)
                .signatureSchemes(schemes).build(), HOST);
    }

    @Test
    void tls12P384ServerSignsWithSha256ForAClientOfferingOnlyThat() throws Exception {
        try (ContextPair p = new ContextPair(client(Credentials.DEFAULT_TLS12_SUITES, SHA256), server(p384Server())).handshake()) {
            for (SecurityContext side : List.of(p.client, p.server)) {
                assertEquals(ProtocolVersion.TLS12, side.connectionInfo().version());
                assertEquals(SHA256, side.connectionInfo().signatureScheme());
            }
            assertEquals(p384.leaf(), p.client.peerCertificates().get(0));
            assertEquals("data", new String(p.transfer(p.client, "data".getBytes()), java.nio.charset.StandardCharsets.US_ASCII));
        }
    }

    /** A resumed session signed 0x0403 by the P-384 key: the server still reports that chain as its own. */
    @Test
    void aResumedTls12SessionStillReportsTheP384Chain() throws Exception {
        Credentials c = Credentials.client().trustAnchors(List.of(pki.root())).cipherSuites(Credentials.DEFAULT_TLS12_SUITES)
                .signatureSchemes(SHA256).build();
        Credentials s = p384Server().build();
        try (ContextPair first = new ContextPair(SecurityContext.client(c, HOST), SecurityContext.server(s)).handshake()) {
            assertEquals(false, first.server.connectionInfo().resumed());
        }
        try (ContextPair second = new ContextPair(SecurityContext.client(c, HOST), SecurityContext.server(s)).handshake()) {
            assertEquals(true, second.server.connectionInfo().resumed());
            assertEquals(SHA256, second.server.connectionInfo().signatureScheme());
            assertEquals(p384.chain(), second.server.localCertificates());
        }
    }

    @Test
    void tls12P384ServerStillPrefersSha384WhenOffered() throws Exception {
        try (ContextPair p = new ContextPair(client(Credentials.DEFAULT_TLS12_SUITES, SHA256, SHA384), server(p384Server())).handshake()) {
            assertEquals(SHA384, p.client.connectionInfo().signatureScheme());
        }
    }

    /** The JSSE path: the server's certificate comes from an X509KeyManager. */
    @Test
    void tls12P384FromAKeyManagerSignsWithSha256() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("p384", p384.key(), new char[0], p384.chain().toArray(new java.security.cert.X509Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
        kmf.init(ks, new char[0]);
        Credentials.Builder b = Credentials.server().keyManager((X509KeyManager) kmf.getKeyManagers()[0]);
        try (ContextPair p = new ContextPair(client(Credentials.DEFAULT_TLS12_SUITES, SHA256), server(b)).handshake()) {
            assertEquals(SHA256, p.client.connectionInfo().signatureScheme());
            assertEquals(p384.leaf(), p.client.peerCertificates().get(0));
        }
    }

    @Test
    void tls13P384ServerHasNoCertificateForAClientOfferingOnlyTheP256Scheme() throws Exception {
        try (ContextPair p = new ContextPair(client(Credentials.DEFAULT_TLS13_SUITES, SHA256), server(p384Server()))) {
            SecurityContextException e = assertThrows(SecurityContextException.class, p::handshake);
            assertEquals(Reason.HANDSHAKE_FAILURE, e.reason(), e.getMessage());
        }
    }

    @Test
    void tls13AndTls12OfferedTheClientStaysOnTls13WhenItCan() throws Exception {
        // Offering both versions: TLS 1.3 with 0x0503 for the P-384 key, as before.
        try (ContextPair p = new ContextPair(client(Credentials.DEFAULT_SUITES, SHA256, SHA384), server(p384Server())).handshake()) {
            assertEquals(ProtocolVersion.TLS13, p.client.connectionInfo().version());
            assertEquals(SHA384, p.client.connectionInfo().signatureScheme());
        }
    }

    @Test
    void tls12P384ClientCertificateSignsCertificateVerifyWithSha256() throws Exception {
        TestPki.Issued serverLeaf = pki.issue(KeyType.EC_P256, HOST);
        TestPki.Issued clientLeaf = pki.issue(KeyType.EC_P384,
                o -> o.subject("CN=p384 client").extendedKeyUsages(TestPki.Usage.CLIENT_AUTH));
        SecurityContext server = server(Credentials.server().certificate(serverLeaf.chain(), serverLeaf.key())
                .cipherSuites(Credentials.DEFAULT_TLS12_SUITES).clientAuth(Credentials.ClientAuth.REQUIRED)
                .trustAnchors(List.of(pki.root())).signatureSchemes(SHA256));
        SecurityContext client = SecurityContext.client(Credentials.client().trustAnchors(List.of(pki.root()))
                .certificate(clientLeaf.chain(), clientLeaf.key()).build(), HOST);
        try (ContextPair p = new ContextPair(client, server).handshake()) {
            assertEquals(ProtocolVersion.TLS12, p.server.connectionInfo().version());
            assertEquals(clientLeaf.leaf(), p.server.peerCertificates().get(0));
            assertEquals(SHA256, p.server.connectionInfo().clientSignatureScheme());
            assertEquals(SHA256, p.client.connectionInfo().clientSignatureScheme());
        }
    }
}
