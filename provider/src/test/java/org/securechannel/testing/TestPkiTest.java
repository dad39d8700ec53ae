package org.securechannel.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.securechannel.testing.TestPki.Issued;
import org.securechannel.testing.TestPki.KeyType;

class TestPkiTest {

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void everyKeyTypeIssuesAndSignsAChainThePkixTrustManagerAccepts(KeyType type) throws Exception {
        TestPki ca = TestPki.ca(type);
        Issued issued = ca.issue(type, "server.example");
        assertEquals(2, issued.chain().size());
        assertEquals(ca.root(), issued.chain().get(1));
        issued.leaf().verify(ca.root().getPublicKey());
        ca.root().verify(ca.root().getPublicKey());
        trustManagerFor(ca.root()).checkServerTrusted(issued.chain().toArray(new X509Certificate[0]),
                "UNKNOWN");
        assertKeyMatches(issued.leaf(), issued.key());
    }

    @Test
    void mixedKeyTypesChain() throws Exception {
        TestPki ca = TestPki.ca(KeyType.RSA_PSS_2048);
        Issued issued = ca.issue(KeyType.EC_P384, "a.example");
        issued.leaf().verify(ca.root().getPublicKey());
        assertEquals("RSASSA-PSS", issued.leaf().getSigAlgName());
    }

    @Test
    void leafCarriesSanEkuAndKeyUsage() throws Exception {
        Issued issued = TestPki.ca(KeyType.EC_P256).issue(KeyType.EC_P256, "www.example.com", "127.0.0.1", "::1");
        List<String> dns = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        for (List<?> san : issued.leaf().getSubjectAlternativeNames()) {
            ((Integer) san.get(0) == 2 ? dns : ips).add((String) san.get(1));
        }
        assertEquals(List.of("www.example.com"), dns);
        assertEquals(2, ips.size());
        assertTrue(ips.contains("127.0.0.1"));
        assertEquals("CN=www.example.com", issued.leaf().getSubjectX500Principal().getName());
        assertEquals(List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"), issued.leaf().getExtendedKeyUsage());
        assertTrue(issued.leaf().getKeyUsage()[0], "digitalSignature");
        assertEquals(-1, issued.leaf().getBasicConstraints());
    }

    @Test
    void expiredOptionGivesAnExpiredCertificateThePkixTrustManagerRejects() throws Exception {
        TestPki ca = TestPki.ca(KeyType.EC_P256);
        Issued issued = ca.issue(KeyType.EC_P256, o -> o.dnsNames("old.example").expiredDaysAgo(2));
        assertThrows(CertificateExpiredException.class, issued.leaf()::checkValidity);
        assertThrows(java.security.cert.CertificateException.class, () -> trustManagerFor(ca.root())
                .checkServerTrusted(issued.chain().toArray(new X509Certificate[0]), "UNKNOWN"));
    }

    @Test
    void optionsChangeSubjectEmailsAndUsages() throws Exception {
        Issued issued = TestPki.ca(KeyType.ED25519).issue(KeyType.ED25519, o -> o.subject("CN=alice,O=Example")
                .emails("alice@example.com").extendedKeyUsages(TestPki.Usage.CLIENT_AUTH));
        assertEquals("CN=alice,O=Example", issued.leaf().getSubjectX500Principal().getName());
        assertEquals(List.of("1.3.6.1.5.5.7.3.2"), issued.leaf().getExtendedKeyUsage());
        Collection<List<?>> sans = issued.leaf().getSubjectAlternativeNames();
        assertEquals(1, sans.size());
        assertEquals("alice@example.com", sans.iterator().next().get(1));
    }

    @Test
    void everyCaAndCertificateIsFresh() {
        TestPki a = TestPki.ca(KeyType.EC_P256);
        TestPki b = TestPki.ca(KeyType.EC_P256);
        assertNotEquals(a.root().getSubjectX500Principal(), b.root().getSubjectX500Principal());
        assertTrue(a.root().getSubjectX500Principal().getName().startsWith("CN=SecureChannel Test CA "));
        assertNotEquals(a.issue(KeyType.EC_P256, "x").leaf().getSerialNumber(),
                a.issue(KeyType.EC_P256, "x").leaf().getSerialNumber());
    }

    @Test
    void selfSignedIsItsOwnAnchor() throws Exception {
        Issued issued = TestPki.selfSigned(KeyType.EC_P256, "localhost");
        assertEquals(List.of(issued.root()), issued.chain());
        issued.leaf().verify(issued.leaf().getPublicKey());
        trustManagerFor(issued.root()).checkServerTrusted(new X509Certificate[] {issued.leaf()}, "UNKNOWN");
    }

    @Test
    void pemRoundTripsThroughTheJdk(@TempDir Path dir) throws Exception {
        TestPki ca = TestPki.ca(KeyType.RSA_2048);
        Issued issued = ca.issue(KeyType.ED25519, "pem.example");
        Path certs = TestPki.writePem(dir, "chain.pem", TestPki.pem(issued.chain().toArray(new X509Certificate[0])));
        Collection<? extends java.security.cert.Certificate> parsed = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(certs)));
        assertEquals(issued.chain(), new ArrayList<>(parsed));

        String keyPem = TestPki.pem(issued.key());
        assertTrue(keyPem.startsWith("-----BEGIN PRIVATE KEY-----\n"));
        String b64 = keyPem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der = java.util.Base64.getDecoder().decode(b64.getBytes(StandardCharsets.US_ASCII));
        PrivateKey back = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
        assertArrayEquals(issued.key().getEncoded(), back.getEncoded());
    }

    /** The JDK's PKIX trust manager; auth type "UNKNOWN" is what SunJSSE passes for TLS 1.3. */
    static X509TrustManager trustManagerFor(X509Certificate anchor) throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        ks.setCertificateEntry("anchor", anchor);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(ks);
        return (X509TrustManager) tmf.getTrustManagers()[0];
    }

    private static void assertKeyMatches(X509Certificate leaf, PrivateKey key) throws Exception {
        String alg;
        java.security.spec.AlgorithmParameterSpec params = null;
        switch (key.getAlgorithm()) {
            case "EC": alg = "SHA256withECDSA"; break;
            case "RSA": alg = "SHA256withRSA"; break;
            case "RSASSA-PSS":
                alg = "RSASSA-PSS";
                params = new java.security.spec.PSSParameterSpec("SHA-256", "MGF1",
                        java.security.spec.MGF1ParameterSpec.SHA256, 32, 1);
                break;
            default: alg = key.getAlgorithm(); break;
        }
        byte[] message = "proof of possession".getBytes(StandardCharsets.US_ASCII);
        Signature s = Signature.getInstance(alg);
        if (params != null) {
            s.setParameter(params);
        }
        s.initSign(key);
        s.update(message);
        byte[] sig = s.sign();
        Signature v = Signature.getInstance(alg);
        if (params != null) {
            v.setParameter(params);
        }
        v.initVerify(leaf.getPublicKey());
        v.update(message);
        assertTrue(v.verify(sig));
    }
}
